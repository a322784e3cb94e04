import { ALERT_TYPES, type AlertType, type DeviceMessage } from '../../../../schemas/index.js';
import { ALERT_TYPE_INFO } from '../../core/alerts/alert-types.js';

// How many messages one device may send: a token bucket per device, so that a device with a firmware bug or a
// stuck button cannot take the gateway's time and store from the thousands of others (docs/device-protocol.md, 7.1).
// The bucket holds `burst` tokens and refills at `messagesPerMinute`; a message takes one. A device with none left
// is refused, except for life-safety events (isLifeSafetyMessage), which the ingest admits whatever the rate.
// Refusals are counted per device in a one-minute window that starts with the first refusal: the first refusal of
// each window is the one worth a log line, and a device refused `disconnectAfterRefused` times within its window is
// flooding and is cut off by the broker adapter.
// Pure: the time is a parameter (docs/decisions/0004-pure-core-time-as-parameter.md), so tests need no timers.

export interface DeviceRateLimitSettings {
  /** Average messages a device may send per minute (DEVICE_MAX_MESSAGES_PER_MINUTE). */
  messagesPerMinute: number;
  /** Messages a device may send at once after a quiet spell: the bucket's size (DEVICE_BURST_MESSAGES). */
  burst: number;
  /** Refusals within one window that mark a device as flooding. Default: `burst`, a whole burst's worth refused. */
  disconnectAfterRefused?: number;
}

export interface Refusal {
  /** The first refusal of a new one-minute window: log this one, not the others. */
  firstInWindow: boolean;
  /** Refusals in the current window, this one included. */
  refusedInWindow: number;
  /** Refusals in the previous window, for the log line that opens the next one. */
  refusedInPreviousWindow: number;
  /** The device keeps sending over its rate: disconnect it. */
  flooding: boolean;
}

export const REFUSAL_WINDOW_MS = 60_000;
/** How often idle devices' state is dropped, so the map holds only devices that are sending now. */
const SWEEP_EVERY_MS = 60_000;

interface Bucket {
  tokens: number;
  /** When `tokens` was last brought up to date. */
  at: number;
  windowStart: number;
  refused: number;
  refusedBefore: number;
}

export function createDeviceRateLimit(settings: DeviceRateLimitSettings) {
  const perMs = settings.messagesPerMinute / 60_000;
  const burst = Math.max(1, settings.burst);
  const floodingAt = Math.max(1, settings.disconnectAfterRefused ?? burst);
  const buckets = new Map<string, Bucket>();
  let sweptAt = Number.NEGATIVE_INFINITY;

  function refill(bucket: Bucket, now: number): void {
    // A clock that steps back (NTP, a test's manual clock) must neither mint tokens nor freeze the refill.
    const elapsed = Math.max(0, now - bucket.at);
    bucket.tokens = Math.min(burst, bucket.tokens + elapsed * perMs);
    bucket.at = now;
  }

  const windowOpen = (bucket: Bucket, now: number): boolean =>
    bucket.refused > 0 && now >= bucket.windowStart && now - bucket.windowStart < REFUSAL_WINDOW_MS;

  function sweep(now: number): void {
    sweptAt = now;
    for (const [deviceId, bucket] of buckets) {
      refill(bucket, now);
      if (bucket.tokens >= burst && !windowOpen(bucket, now)) buckets.delete(deviceId);
    }
  }

  function bucketOf(deviceId: string, now: number): Bucket {
    let bucket = buckets.get(deviceId);
    if (!bucket) {
      bucket = { tokens: burst, at: now, windowStart: now, refused: 0, refusedBefore: 0 };
      buckets.set(deviceId, bucket);
    }
    return bucket;
  }

  return {
    /** Takes one of the device's tokens; false when it has none left (the message is over its rate). */
    tryTake(deviceId: string, now: number): boolean {
      if (now - sweptAt >= SWEEP_EVERY_MS || now < sweptAt) sweep(now);
      const bucket = bucketOf(deviceId, now);
      refill(bucket, now);
      if (bucket.tokens < 1) return false;
      bucket.tokens -= 1;
      return true;
    },

    /** Records that a message over the device's rate was refused, and says what to make of it. */
    refuse(deviceId: string, now: number): Refusal {
      const bucket = bucketOf(deviceId, now);
      const firstInWindow = !windowOpen(bucket, now);
      if (firstInWindow) {
        // The previous window counts only if it ended just now; an older one is history.
        bucket.refusedBefore = bucket.refused > 0 && now - bucket.windowStart < 2 * REFUSAL_WINDOW_MS ? bucket.refused : 0;
        bucket.windowStart = now;
        bucket.refused = 0;
      }
      bucket.refused += 1;
      return {
        firstInWindow,
        refusedInWindow: bucket.refused,
        refusedInPreviousWindow: bucket.refusedBefore,
        flooding: bucket.refused >= floodingAt,
      };
    },

    /** Devices whose state is kept: those that sent within the last minute or two. */
    get trackedDevices(): number {
      return buckets.size;
    },
  };
}

export type DeviceRateLimit = ReturnType<typeof createDeviceRateLimit>;

const LIFE_SAFETY_TYPES: ReadonlySet<string> = new Set(ALERT_TYPES.filter((t: AlertType) => ALERT_TYPE_INFO[t].priority === 1));

/**
 * An event whose type is a life-safety (priority 1) alarm: sos, fall, smoke, gas (core/alerts/alert-types.ts). These are
 * admitted even from a device over its rate: refusing one could lose an alarm, and a repeat only merges into the
 * open alert. Chosen by type, not by what the rules make of it, so a low-confidence camera fall is admitted too.
 */
export function isLifeSafetyMessage(message: DeviceMessage): boolean {
  return message.channel === 'events' && LIFE_SAFETY_TYPES.has(message.payload.type);
}

/** A message type that is a life-safety alarm (sos, fall, smoke, gas), whatever kind sends it. */
export function isLifeSafetyType(type: string): boolean {
  return LIFE_SAFETY_TYPES.has(type);
}
