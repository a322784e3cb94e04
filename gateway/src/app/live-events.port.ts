import type { WsEvent } from '../../../schemas/index.js';

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

/** Fans events out to whoever listens (the websocket hub, the other instances). Listeners must not throw or block. */
export class LiveEventBus implements LiveEvents {
  private readonly listeners = new Set<(event: LiveEvent, origin: LiveEventOrigin) => void>();

  publish(event: LiveEvent, origin: LiveEventOrigin = 'local'): void {
    for (const listener of this.listeners) listener(event, origin);
  }

  subscribe(listener: (event: LiveEvent, origin: LiveEventOrigin) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
