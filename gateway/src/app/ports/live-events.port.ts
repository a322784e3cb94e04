import type { WsEvent } from '../../../../schemas/index.js';

/**
 * Where the app announces what changed; the websocket hub implements it. Must never block the caller. The snapshot
 * and the heartbeat are not announced: each client's is made for it alone (its region, its own work).
 */
export interface LiveEvents {
  publish(event: Exclude<WsEvent, { type: 'snapshot' | 'heartbeat' }>): void;
}

export type LiveEvent = Parameters<LiveEvents['publish']>[0];

/** 'local': this instance announced it; 'remote': another instance did (cluster-sync.ts), so it is not told back. */
export type LiveEventOrigin = 'local' | 'remote';

/** The bus itself, as the cluster link needs it: it hears every event and tells the remote ones back (cluster-sync.ts). */
export interface LiveEventFeed {
  publish(event: LiveEvent, origin?: LiveEventOrigin): void;
  subscribe(listener: (event: LiveEvent, origin: LiveEventOrigin) => void): () => void;
}
