import type { DeviceCommandView } from '../../../../schemas/index.js';
import type { DeviceCommandRecord } from '../ports/store/device-commands.port.js';

// A stored command as the API shows it: ISO 8601 times, without the store's sequence number.

const iso = (ms: number): string => new Date(ms).toISOString();
const isoOrNull = (ms: number | null): string | null => (ms === null ? null : iso(ms));

export const toDeviceCommandView = (c: DeviceCommandRecord): DeviceCommandView => ({
  id: c.id,
  deviceId: c.deviceId,
  elderId: c.elderId,
  alertId: c.alertId,
  type: c.type,
  parameters: c.parameters,
  status: c.status,
  createdBy: c.createdBy,
  createdAt: iso(c.createdAt),
  expiresAt: iso(c.expiresAt),
  sentAt: isoOrNull(c.sentAt),
  deliveredAt: isoOrNull(c.deliveredAt),
  finishedAt: isoOrNull(c.finishedAt),
  sendCount: c.sendCount,
  failureReason: c.failureReason,
  resultData: c.resultData,
});
