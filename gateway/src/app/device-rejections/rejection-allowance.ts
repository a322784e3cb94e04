// How often a device is told that its messages are refused (docs/device-protocol.md, section 7): a firmware stuck
// resending a bad message would otherwise get a reply for each, which costs the broker and tells it nothing new.
// At most one reply per reason every REASON_GAP_MS, and MAX_PER_WINDOW replies in WINDOW_MS whatever the reasons.
// Time is a parameter; the state is bounded by MAX_DEVICES (the longest-quiet device is forgotten first).

export const REASON_GAP_MS = 10_000;
export const WINDOW_MS = 60_000;
export const MAX_PER_WINDOW = 6;
const MAX_DEVICES = 10_000;

interface DeviceReplies {
  /** When a reply was last sent, per reason. */
  lastByReason: Map<string, number>;
  /** When the replies of the last WINDOW_MS were sent, oldest first. */
  sentAt: number[];
}

export function createRejectionAllowance() {
  const devices = new Map<string, DeviceReplies>();

  return {
    /** True when a reply may go now; it is then counted as sent. */
    take(deviceId: string, reason: string, now: number): boolean {
      let replies = devices.get(deviceId);
      if (replies) {
        // Map order is insertion order: moving the device to the end keeps the least recent first.
        devices.delete(deviceId);
      } else {
        replies = { lastByReason: new Map(), sentAt: [] };
      }
      devices.set(deviceId, replies);
      if (devices.size > MAX_DEVICES) devices.delete(devices.keys().next().value!);
      while (replies.sentAt.length > 0 && now - replies.sentAt[0]! >= WINDOW_MS) replies.sentAt.shift();
      const last = replies.lastByReason.get(reason);
      if (last !== undefined && now - last < REASON_GAP_MS && now >= last) return false;
      if (replies.sentAt.length >= MAX_PER_WINDOW) return false;
      replies.lastByReason.set(reason, now);
      replies.sentAt.push(now);
      return true;
    },
  };
}
