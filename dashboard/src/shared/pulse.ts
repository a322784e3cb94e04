// The gateway's pulse as a page sees it: the heartbeat event (every 5 s) and the snapshot of each (re)connect are
// signs of life; with none for 15 s the picture on screen may be stale and the page says so. Nothing is polled:
// the page only looks at its own clock. No DOM here.

/** Three missed heartbeats. */
export const STALE_AFTER_MS = 15_000;
/** Six missed heartbeats: the live link drops the silent socket and reconnects (live-link.ts, silenceMs). */
export const SILENT_RECONNECT_MS = 30_000;

export interface Beat {
  at: string | null;
  desksWatching: number | null;
}

export class Pulse {
  private lastAt: number | null = null;
  private lastBeat: Beat | null = null;

  /** A heartbeat event: { at, openLifeSafety, desksWatching }. */
  beat(event: { at?: unknown; desksWatching?: unknown }): void {
    this.lastAt = Date.now();
    this.lastBeat = {
      at: typeof event.at === 'string' ? event.at : null,
      desksWatching: Number.isInteger(event.desksWatching) ? (event.desksWatching as number) : null,
    };
  }

  /** A snapshot, or the start of a session: counts as life, so the first heartbeat has its full 15 s to come. */
  alive(): void {
    this.lastAt = Date.now();
  }

  reset(): void {
    this.lastAt = null;
    this.lastBeat = null;
  }

  /** The last heartbeat's content, or null before the first one. */
  last(): Beat | null {
    return this.lastBeat;
  }

  /** Milliseconds since the last sign of life, or null when there was none. */
  silentFor(now = Date.now()): number | null {
    return this.lastAt === null ? null : now - this.lastAt;
  }

  isStale(now = Date.now()): boolean {
    return this.lastAt !== null && now - this.lastAt > STALE_AFTER_MS;
  }
}
