import type { DeviceKind } from '../../../../schemas/index.js';
import type { DevicePresence } from '../../core/elder-state.js';
import { sameHash, sha256 } from '../secrets.js';
import type { DeviceRecord } from '../ports/store/devices.port.js';

// The devices the broker knows, held in memory: CONNECT and every publish look a device up here, so the hot path
// never waits for the store. The store stays the truth; this is loaded from it at start and kept in step on
// every change the gateway itself makes. When a device's secret changes (rotated here, or reloaded after another
// instance rotated it), listeners hear of it, so the broker can end the session that the old secret opened.
// A retired device (issue 22) is not held at all: it cannot log in, its messages are from an unknown device, and the
// rules, which read the elder's devices from here, no longer watch it. Its listeners hear of it like of a new secret.

export interface RegisteredDevice {
  id: string;
  elderId: string;
  kind: DeviceKind;
  room: string | null;
  secretHash: string;
  testModeUntil: number | null;
  presence: DevicePresence | null;
  /** As it last reported them (heartbeat), so that only a change is written. */
  firmware: string | null;
  model: string | null;
}

export type SecretChangedListener = (deviceId: string) => void;

export class DeviceRegistry {
  private readonly devices = new Map<string, RegisteredDevice>();
  private readonly byElder = new Map<string, Set<string>>();
  private readonly secretListeners = new Set<SecretChangedListener>();

  static fromRecords(records: DeviceRecord[]): DeviceRegistry {
    const registry = new DeviceRegistry();
    for (const r of records) registry.add(r);
    return registry;
  }

  /** The device as stored now: held (new, changed or moved), or let go when it is retired. */
  add(r: DeviceRecord): void {
    if (r.retiredAt !== null) return this.retire(r.id);
    const before = this.devices.get(r.id);
    if (before && before.elderId !== r.elderId) this.byElder.get(before.elderId)?.delete(r.id);
    this.devices.set(r.id, {
      id: r.id,
      elderId: r.elderId,
      kind: r.kind,
      room: r.room,
      secretHash: r.secretHash,
      testModeUntil: r.testModeUntil,
      presence: r.lastSeenAt === null ? null : { online: r.online, battery: r.battery, lastSeenAt: r.lastSeenAt },
      firmware: r.firmware,
      model: r.model,
    });
    let ids = this.byElder.get(r.elderId);
    if (!ids) this.byElder.set(r.elderId, (ids = new Set()));
    ids.add(r.id);
    if (before && before.secretHash !== r.secretHash) this.secretChanged(r.id);
  }

  /** The device's secret was replaced: only the new one authenticates from now on. */
  setSecret(id: string, secretHash: string): void {
    const device = this.devices.get(id);
    if (!device || device.secretHash === secretHash) return;
    device.secretHash = secretHash;
    this.secretChanged(id);
  }

  /** Out of service: forgotten here, so it can no longer log in; a session it has open is ended by the listeners. */
  retire(id: string): void {
    const device = this.devices.get(id);
    if (!device) return;
    this.devices.delete(id);
    this.byElder.get(device.elderId)?.delete(id);
    this.secretChanged(id);
  }

  /** Moved to another elder or another place in the home. */
  move(id: string, to: { elderId: string; room: string | null }): void {
    const device = this.devices.get(id);
    if (!device) return;
    if (device.elderId !== to.elderId) {
      this.byElder.get(device.elderId)?.delete(id);
      let ids = this.byElder.get(to.elderId);
      if (!ids) this.byElder.set(to.elderId, (ids = new Set()));
      ids.add(id);
    }
    device.elderId = to.elderId;
    device.room = to.room;
  }

  /** Tells `listener` the id of every device whose secret changes or that is retired; returns a function that stops telling. */
  onSecretChanged(listener: SecretChangedListener): () => void {
    this.secretListeners.add(listener);
    return () => this.secretListeners.delete(listener);
  }

  private secretChanged(id: string): void {
    for (const listener of this.secretListeners) listener(id);
  }

  get(id: string): RegisteredDevice | undefined {
    return this.devices.get(id);
  }

  ofElder(elderId: string): RegisteredDevice[] {
    return [...(this.byElder.get(elderId) ?? [])].map((id) => this.devices.get(id)).filter((d) => d !== undefined);
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
