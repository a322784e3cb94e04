import { randomBytes } from 'node:crypto';
import type { DeviceKind } from '../../../schemas/index.js';
import type { DeviceRecord } from './ports/store/devices.port.js';
import { mosquittoPasswordHash, newDeviceSecret, sha256 } from './secrets.js';

// A device's record as it is registered: one at a time (POST /devices), in bulk (a device file), or as the
// replacement of another. Its secret is made here and returned once; only its hashes are stored (the gateway's own
// broker checks one, the external broker's password file holds the other).

/** An id when the installer gives none: the kind, readable on a label, and 12 random hex digits. */
export const newDeviceId = (kind: DeviceKind): string => `${kind.replaceAll('_', '-')}-${randomBytes(6).toString('hex')}`;

export interface NewDevice {
  id?: string | undefined;
  elderId: string;
  kind: DeviceKind;
  room: string | null;
  /** As the installer wrote it down (a device file); the device's own heartbeat tells it later anyway. */
  model?: string | null | undefined;
}

/** The record of a device never seen yet, and its secret in clear (to be shown this once). */
export function newDeviceRecord(input: NewDevice, createdAt: number): { record: DeviceRecord; secret: string } {
  const secret = newDeviceSecret();
  const record: DeviceRecord = {
    id: input.id ?? newDeviceId(input.kind),
    elderId: input.elderId,
    kind: input.kind,
    room: input.room,
    secretHash: sha256(secret),
    brokerPasswordHash: mosquittoPasswordHash(secret),
    testModeUntil: null,
    online: false,
    battery: null,
    lastSeenAt: null,
    createdAt,
    firmware: null,
    model: input.model ?? null,
    retiredAt: null,
    replacedBy: null,
  };
  return { record, secret };
}
