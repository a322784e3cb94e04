import type { DeviceKind } from '../../../schemas/index.js';
import type { DevicePresence } from '../core/device-presence.js';
import { sameHash, sha256 } from './secrets.js';
import type { DeviceRecord } from './store.port.js';

// The devices the broker knows, held in memory: CONNECT and every publish look a device up here, so the hot path
// never waits for the store. The store stays the truth; this is loaded from it at start and kept in step on
// registration.

export interface RegisteredDevice {
  id: string;
  elderId: string;
  kind: DeviceKind;
  secretHash: string;
  presence: DevicePresence | null;
}

export class DeviceRegistry {
  private readonly devices = new Map<string, RegisteredDevice>();

  static fromRecords(records: DeviceRecord[]): DeviceRegistry {
    const registry = new DeviceRegistry();
    for (const r of records) registry.add(r);
    return registry;
  }

  add(r: DeviceRecord): void {
    this.devices.set(r.id, {
      id: r.id,
      elderId: r.elderId,
      kind: r.kind,
      secretHash: r.secretHash,
      presence: r.lastSeenAt === null ? null : { online: r.online, battery: r.battery, lastSeenAt: r.lastSeenAt },
    });
  }

  get(id: string): RegisteredDevice | undefined {
    return this.devices.get(id);
  }

  /** The device, when the secret is its own; undefined for an unknown device or a wrong secret. */
  authenticate(id: string, secret: string): RegisteredDevice | undefined {
    const device = this.devices.get(id);
    return device && sameHash(sha256(secret), device.secretHash) ? device : undefined;
  }

  get size(): number {
    return this.devices.size;
  }
}
