// The gateway's pulse as a page sees it: the heartbeat event (every 5 s) and the snapshot of each (re)connect are
// signs of life; with none for 15 s the picture on screen may be stale and the page says so. Nothing is polled:
// the page only looks at its own clock. No DOM here.

/** Three missed heartbeats. */
export const STALE_AFTER_MS = 15_000;
/** Six missed heartbeats: the live link drops the silent socket and reconnects (live.js, silenceMs). */
export const SILENT_RECONNECT_MS = 30_000;

export function createPulse() {
  let lastAt = null;
  let last = null;

  return {
    /** A heartbeat event: { at, openLifeSafety, desksWatching }. */
    beat(event) {
      lastAt = Date.now();
      last = {
        at: typeof event?.at === 'string' ? event.at : null,
        desksWatching: Number.isInteger(event?.desksWatching) ? event.desksWatching : null,
      };
    },
    /** A snapshot, or the start of a session: counts as life, so the first heartbeat has its full 15 s to come. */
    alive() {
      lastAt = Date.now();
    },
    reset() {
      lastAt = null;
      last = null;
    },
    /** The last heartbeat's content, or null before the first one. */
    last() {
      return last;
    },
    /** Milliseconds since the last sign of life, or null when there was none. */
    silentFor(now = Date.now()) {
      return lastAt === null ? null : now - lastAt;
    },
    isStale(now = Date.now()) {
      return lastAt !== null && now - lastAt > STALE_AFTER_MS;
    },
  };
}
