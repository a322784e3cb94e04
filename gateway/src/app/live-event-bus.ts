import type { LiveEvent, LiveEventFeed, LiveEventOrigin } from './ports/live-events.port.js';

/** Fans events out to whoever listens (the websocket hub, the other instances). Listeners must not throw or block. */
export class LiveEventBus implements LiveEventFeed {
  private readonly listeners = new Set<(event: LiveEvent, origin: LiveEventOrigin) => void>();

  publish(event: LiveEvent, origin: LiveEventOrigin = 'local'): void {
    for (const listener of this.listeners) listener(event, origin);
  }

  subscribe(listener: (event: LiveEvent, origin: LiveEventOrigin) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
