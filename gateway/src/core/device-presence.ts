import type { DeviceStatus } from '../../../schemas/index.js';

// What a status message says about a device. Pure; the app stores it and tells the desk.

export interface DevicePresence {
  online: boolean;
  battery: number | null;
  lastSeenAt: number;
}

export function presenceFromStatus(status: DeviceStatus, previous: DevicePresence | null, now: number): DevicePresence {
  if (status.type === 'offline') {
    return { online: false, battery: previous?.battery ?? null, lastSeenAt: previous?.lastSeenAt ?? now };
  }
  return { online: true, battery: status.battery ?? previous?.battery ?? null, lastSeenAt: now };
}
