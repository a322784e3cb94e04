import type { AlertStatus, DeviceKind, RiskCategory, TaskStatus, ThresholdOverrides } from '../../../schemas/index.js';
import type { Alert, TimelineEntry } from '../core/alert.js';
import type { Deadline } from '../core/deadline.js';
import type { RuleStateValue } from '../core/elder-state.js';
import type { Task } from '../core/task.js';

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
  riskCategory: RiskCategory;
  thresholdOverrides: ThresholdOverrides;
  away: AwayRecord | null;
  createdAt: number;
}

export interface AwayRecord {
  since: number;
  until: number | null;
  reason: string;
}

export interface DeviceRecord {
  id: string;
  elderId: string;
  kind: DeviceKind;
  room: string | null;
  secretHash: string;
  testModeUntil: number | null;
  online: boolean;
  battery: number | null;
  lastSeenAt: number | null;
  createdAt: number;
}

export interface ElderSummary {
  id: string;
  name: string;
  address: string;
}

export interface AlertWithElder extends Alert {
  elder: ElderSummary;
}

export interface TaskWithElder extends Task {
  elder: ElderSummary;
}

export interface AlertFilter {
  statuses: readonly AlertStatus[] | 'all';
  limit: number;
}

export interface TaskFilter {
  statuses: readonly TaskStatus[] | 'all';
  limit: number;
}

export interface RuleStateRecord {
  elderId: string;
  key: string;
  value: RuleStateValue;
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

/**
 * Everything one message, connection change or fired deadline changes, written in one transaction.
 * `message` makes it idempotent (DESIGN.md, decision 3); `claim` makes a fired deadline fire once (decision 5).
 */
export interface CommitBatch {
  message: { deviceId: string; msgId: string; receivedAt: number } | null;
  claim: { key: string; dueAt: number } | null;
  deviceEvent: DeviceEventRecord | null;
  /** An update applies only while the alert is still in `expectedStatus`; otherwise the whole batch fails. */
  alerts: Array<{ kind: 'insert' | 'update'; alert: Alert; entry: TimelineEntry; expectedStatus: AlertStatus | null }>;
  tasks: Task[];
  arm: Deadline[];
  disarm: string[];
  ruleStates: Array<{ elderId: string; key: string; value: RuleStateValue | null }>;
  presence: Array<{ deviceId: string; online: boolean; battery: number | null; lastSeenAt: number }>;
}

/**
 * 'alarm': synchronous FULL, survives power loss before the PUBACK (alerts, tasks).
 * 'routine': presence and deadline moves, restated by the device's next message.
 */
export type CommitDurability = 'alarm' | 'routine';

/** 'duplicate': the message id was seen before. 'stale': the claimed deadline was already fired or moved. */
export type CommitOutcome = 'committed' | 'duplicate' | 'stale';

export interface DeadLetter {
  deviceId: string;
  topic: string;
  reason: string;
  payloadExcerpt: string;
  receivedAt: number;
}

export interface Store {
  countUsers(): Promise<number>;
  createUser(user: UserRecord): Promise<void>;
  findUserByUsername(username: string): Promise<UserRecord | null>;
  createSession(session: { tokenHash: string; userId: string; expiresAt: number }): Promise<void>;
  findSession(tokenHash: string, now: number): Promise<SessionRecord | null>;

  createElder(elder: ElderRecord): Promise<void>;
  getElder(id: string): Promise<ElderRecord | null>;
  listElders(): Promise<ElderRecord[]>;
  updateElderCareProfile(id: string, profile: { riskCategory: RiskCategory; thresholdOverrides: ThresholdOverrides }): Promise<void>;
  setElderAway(id: string, away: AwayRecord | null): Promise<void>;

  /** Fails with a unique-constraint StoreConflictError when the id is taken. */
  createDevice(device: DeviceRecord): Promise<void>;
  getDevice(id: string): Promise<DeviceRecord | null>;
  listDevices(): Promise<DeviceRecord[]>;
  setDeviceTestMode(id: string, until: number | null): Promise<void>;
  listDeviceEvents(deviceId: string, limit: number): Promise<DeviceEventRecord[]>;

  findOpenAlerts(elderId: string): Promise<Alert[]>;
  findOpenTasks(elderId: string): Promise<Task[]>;
  listRuleStates(): Promise<RuleStateRecord[]>;
  /** Deadlines due at or before `now`, earliest first. */
  dueDeadlines(now: number, limit: number): Promise<Deadline[]>;
  listDeadlines(elderId: string): Promise<Deadline[]>;

  commit(batch: CommitBatch, durability: CommitDurability): Promise<CommitOutcome>;
  /** Writes an operator's transition only if the alert is still in `expectedStatus`; false when it moved meanwhile. */
  transitionAlert(alert: Alert, entry: TimelineEntry, expectedStatus: AlertStatus): Promise<boolean>;
  getAlert(id: string): Promise<AlertWithElder | null>;
  listAlerts(filter: AlertFilter): Promise<AlertWithElder[]>;
  getTimeline(alertId: string): Promise<TimelineEntry[]>;

  getTask(id: string): Promise<TaskWithElder | null>;
  listTasks(filter: TaskFilter): Promise<TaskWithElder[]>;
  /** Writes the task only if it is still in `expectedStatus`; false when it moved meanwhile. */
  updateTask(task: Task, expectedStatus: TaskStatus): Promise<boolean>;

  recordDeadLetter(letter: DeadLetter): Promise<void>;
  /** Forgets message ids older than the cutoff; redeliveries come within minutes, not days. */
  pruneProcessedMessages(olderThan: number): Promise<number>;

  ping(): Promise<void>;
  close(): Promise<void>;
}

export class StoreConflictError extends Error {
  readonly code = 'STORE_CONFLICT';
}
