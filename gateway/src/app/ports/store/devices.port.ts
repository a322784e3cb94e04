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
  /** The device's latest events, newest first. */
  listDeviceEvents(deviceId: string, limit: number): Promise<DeviceEventRecord[]>;
}
