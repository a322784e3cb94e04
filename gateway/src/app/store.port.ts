import type { AlertStatus, AlertType, DeviceKind } from '../../../schemas/index.js';
import type { Alert, TimelineEntry } from '../core/alert.js';

// The one store contract (DESIGN.md, decision 6). SQLite implements it today; PostgreSQL will pass the same
// contract suite (tests/contract/store.contract.ts). Every method is async so either engine fits.

export type UserRole = 'admin' | 'operator';

export interface UserRecord {
  id: string;
  username: string;
  passwordHash: string;
  role: UserRole;
  createdAt: number;
}

export interface SessionRecord {
  tokenHash: string;
  userId: string;
  username: string;
  role: UserRole;
  expiresAt: number;
}

export interface ElderRecord {
  id: string;
  name: string;
  address: string;
  phone: string | null;
  createdAt: number;
}

export interface DeviceRecord {
  id: string;
  elderId: string;
  kind: DeviceKind;
  secretHash: string;
  online: boolean;
  battery: number | null;
  lastSeenAt: number | null;
  createdAt: number;
}

export interface AlertWithElder extends Alert {
  elder: { id: string; name: string; address: string };
}

export interface AlertFilter {
  statuses: readonly AlertStatus[] | 'all';
  limit: number;
}

/** Alert changes that a device message causes, committed together with the message id. */
export type AlertWrite = { kind: 'insert' | 'update'; alert: Alert; entry: TimelineEntry };

export interface DeadLetter {
  deviceId: string;
  topic: string;
  reason: string;
  payloadExcerpt: string;
  receivedAt: number;
}

export type CommitOutcome = 'committed' | 'duplicate';

export interface Store {
  countUsers(): Promise<number>;
  createUser(user: UserRecord): Promise<void>;
  findUserByUsername(username: string): Promise<UserRecord | null>;
  createSession(session: { tokenHash: string; userId: string; expiresAt: number }): Promise<void>;
  findSession(tokenHash: string, now: number): Promise<SessionRecord | null>;

  createElder(elder: ElderRecord): Promise<void>;
  getElder(id: string): Promise<ElderRecord | null>;

  /** Fails with a unique-constraint StoreConflictError when the id is taken. */
  createDevice(device: DeviceRecord): Promise<void>;
  getDevice(id: string): Promise<DeviceRecord | null>;
  listDevices(): Promise<DeviceRecord[]>;
  updateDevicePresence(id: string, presence: { online: boolean; battery: number | null; lastSeenAt: number }): Promise<void>;

  findOpenAlert(elderId: string, type: AlertType): Promise<Alert | null>;
  /**
   * Records the message id and the alert writes in one durable transaction. When the message id was already
   * recorded, writes nothing and answers 'duplicate' (DESIGN.md, decision 3).
   */
  commitDeviceMessage(message: { deviceId: string; msgId: string; receivedAt: number }, writes: AlertWrite[]): Promise<CommitOutcome>;
  /** Writes an operator's transition only if the alert is still in `expectedStatus`; false when it moved meanwhile. */
  transitionAlert(alert: Alert, entry: TimelineEntry, expectedStatus: AlertStatus): Promise<boolean>;
  getAlert(id: string): Promise<AlertWithElder | null>;
  listAlerts(filter: AlertFilter): Promise<AlertWithElder[]>;
  getTimeline(alertId: string): Promise<TimelineEntry[]>;

  recordDeadLetter(letter: DeadLetter): Promise<void>;
  /** Forgets message ids older than the cutoff; redeliveries come within minutes, not days. */
  pruneProcessedMessages(olderThan: number): Promise<number>;

  ping(): Promise<void>;
  close(): Promise<void>;
}

export class StoreConflictError extends Error {
  readonly code = 'STORE_CONFLICT';
}
