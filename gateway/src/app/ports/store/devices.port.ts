import type { DeviceKind } from '../../../../../schemas/index.js';

// The devices in the store and the events they sent. The device registry keeps them in memory, so that a
// CONNECT or a publish never waits for the store.

export interface DeviceRecord {
  id: string;
  elderId: string;
  kind: DeviceKind;
  room: string | null;
  secretHash: string;
  /**
   * The secret hashed as Mosquitto's password file wants it (`$7$`, PBKDF2-SHA512), for an external broker
   * (docs/external-broker.md). Null for devices registered before it was kept: they need a new secret there.
   */
  brokerPasswordHash: string | null;
  testModeUntil: number | null;
  online: boolean;
  battery: number | null;
  lastSeenAt: number | null;
  createdAt: number;
  /** As the device last reported it (heartbeat); null until it has. */
  firmware: string | null;
  model: string | null;
  /** Out of service since then: it can no longer connect; its history stays. */
  retiredAt: number | null;
  /** The device that took its place. */
  replacedBy: string | null;
}

/** A device event as received, kept for the record (also the detections that did not alarm). */
export interface DeviceEventRecord {
  deviceId: string;
  elderId: string;
  msgId: string;
  type: string;
  deviceTs: number;
  receivedAt: number;
  payload: string;
}

/** A page of devices by id; without a filter, every device. */
export interface DeviceFilter {
  /** Only devices of elders in this region's subtree. */
  regionPath?: string;
  elderId?: string;
  kind?: DeviceKind;
  online?: boolean;
  /** online, offline, never_seen or retired; absent: every device but the retired ones. */
  state?: 'online' | 'offline' | 'never_seen' | 'retired';
  firmware?: string;
  /** Battery reported and below this. */
  batteryBelow?: number;
  /** Last seen before this time, or never seen. */
  lastSeenBefore?: number;
  /** A part of the device id. */
  idContains?: string;
  /** Keyset paging: only devices whose id sorts after this one. */
  afterId?: string;
  limit?: number;
}

export interface DeviceStore {
  /** Fails with a unique-constraint StoreConflictError when the id is taken. */
  createDevice(device: DeviceRecord): Promise<void>;
  getDevice(id: string): Promise<DeviceRecord | null>;
  /** By id. */
  listDevices(filter?: DeviceFilter): Promise<DeviceRecord[]>;
  setDeviceTestMode(id: string, until: number | null): Promise<void>;
  /** A new secret for the device (the old one stops working): both of its hashes at once. */
  setDeviceSecret(id: string, hashes: { secretHash: string; brokerPasswordHash: string | null }): Promise<void>;
  /** Several at once in one transaction: all or none (StoreConflictError when an id is taken). */
  createDevices(devices: DeviceRecord[]): Promise<void>;
  /** Out of service from `at`; `replacedBy` names its successor when it was replaced. */
  retireDevice(id: string, at: number, replacedBy: string | null): Promise<void>;
  /** In one transaction: `replacement` is created and `oldId` retired with replacedBy = the replacement's id. */
  replaceDevice(oldId: string, replacement: DeviceRecord, at: number): Promise<void>;
  /** To another elder or another place in the home. */
  moveDevice(id: string, to: { elderId: string; room: string | null }): Promise<void>;
  /** What devices reported about themselves (heartbeats), many in one transaction: null leaves a field as it was. */
  setDeviceIdentities(identities: ReadonlyArray<{ id: string; firmware: string | null; model: string | null }>): Promise<void>;
  /** The device's latest events, newest first. */
  listDeviceEvents(deviceId: string, limit: number): Promise<DeviceEventRecord[]>;
}
