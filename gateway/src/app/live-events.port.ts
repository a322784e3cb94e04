import type { WsEvent } from '../../../schemas/index.js';

/** Where the app announces what changed; the websocket hub implements it. Must never block the caller. */
export interface LiveEvents {
  publish(event: Exclude<WsEvent, { type: 'snapshot' }>): void;
}

export type LiveEvent = Parameters<LiveEvents['publish']>[0];

/** Fans events out to whoever listens (the websocket hub today). Listeners must not throw or block. */
export class LiveEventBus implements LiveEvents {
  private readonly listeners = new Set<(event: LiveEvent) => void>();

  publish(event: LiveEvent): void {
    for (const listener of this.listeners) listener(event);
  }

  subscribe(listener: (event: LiveEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
