import type { WsEvent } from '../../../schemas/index.js';

/** Where the app announces what changed; the websocket hub implements it. Must never block the caller. */
export interface LiveEvents {
  publish(event: Exclude<WsEvent, { type: 'snapshot' }>): void;
}
