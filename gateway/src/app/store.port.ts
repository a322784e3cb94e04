import type {
  AlertStatus,
  DeviceKind,
  EmergencyContact,
  RegionLevel,
  ResponderKind,
  RiskCategory,
  TaskStatus,
  ThresholdOverrides,
  UserRole,
} from '../../../schemas/index.js';
import type { AccountStore } from './account-store.port.js';
import type { ActivityStore } from './activity-store.port.js';
import type { DeadLetterStore } from './dead-letter-store.port.js';
import type { Alert, TimelineEntry } from '../core/alert.js';
import type { Deadline } from '../core/deadline.js';
import type { RuleStateValue } from '../core/elder-state.js';
import type { Notification } from '../core/notification.js';
import type { Task } from '../core/task.js';

// The one store contract (docs/decisions/0006-one-store-contract-two-engines.md). SQLite implements it today; PostgreSQL will pass the same
// contract suite (tests/contract/store.contract.ts). Every method is async so either engine fits.

export type { UserRole };
export type { SessionRecord } from './account-store.port.js';
export type { DeadLetter, DeadLetterFilter, DeadLetterRecord } from './dead-letter-store.port.js';
export type { ActivityDayRecord, ActivityDelta } from './activity-store.port.js';

export interface RegionRecord {
  id: string;
  name: string;
  level: RegionLevel;
  parentId: string | null;
  /** `/countyId/townId/communityId/`: a region's subtree is every path that starts with its path. */
  path: string;
}

export interface UserRecord {
  id: string;
  username: string;
  displayName: string;
  passwordHash: string;
  role: UserRole;
  regionId: string;
  responderKind: ResponderKind | null;
  phone: string | null;
  onDuty: boolean;
  /** When an admin disabled the account; its sessions stopped working then. Null: enabled. */
  disabledAt: number | null;
  createdAt: number;
}

/** One line of the audit log: every state change with actor and time. Append-only. */
export interface AuditEntry {
  at: number;
  actor: string;
  action: string;
  entityType: 'alert' | 'task' | 'elder' | 'device' | 'user' | 'region' | 'session';
  entityId: string;
  detail: Record<string, unknown>;
}

export interface ElderRecord {
  id: string;
  name: string;
  address: string;
  phone: string | null;
  regionId: string;
  contacts: EmergencyContact[];
  medicalNotes: string;
  accessNotes: string;
  assignedResponderIds: string[];
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

export interface ElderSummary {
  id: string;
  name: string;
  address: string;
  regionId: string;
}

export interface Assignee {
  id: string;
  displayName: string;
}

export interface AlertWithElder extends Alert {
  elder: ElderSummary;
  assignee: Assignee | null;
}

export interface TaskWithElder extends Task {
  elder: ElderSummary;
  assignee: Assignee | null;
}

export interface AlertFilter {
  statuses: readonly AlertStatus[] | 'all';
  limit: number;
  /** Only alerts of elders in this region's subtree. */
  regionPath?: string;
  assigneeId?: string;
  /** Raised within [from, to). */
  raisedFrom?: number;
  raisedTo?: number;
}

export interface TaskFilter {
  statuses: readonly TaskStatus[] | 'all';
  limit: number;
  regionPath?: string;
  assigneeId?: string;
  kind?: Task['kind'];
  month?: string;
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
 * A notification in the outbox: written in the same transaction as what caused it, so a crash after the commit
 * cannot lose it; sent (at least once) by the outbox sender. `id` is stable across resends: the channel sends it
 * as the idempotency key, so a receiver can drop a resend after a crash between its POST and the mark.
 */
export interface OutboxNotification {
  id: string;
  /** When it was decided (epoch ms); the `at` of every send. */
  createdAt: number;
  notification: Notification;
}

/** One claimed for sending. `attempt` counts the claims, this one included, and names it when it is settled. */
export interface ClaimedNotification extends OutboxNotification {
  attempt: number;
}

/** How an attempt ended. A retry and a give-up apply only while the row is still in the claim that attempt made. */
export type NotificationSettlement =
  | { state: 'delivered'; at: number }
  | { state: 'retry'; nextAttemptAt: number; error: string }
  | { state: 'given_up'; at: number; error: string };

/**
 * Everything one message, connection change or fired deadline changes, written in one transaction.
 * `message` makes it idempotent (docs/decisions/0003-idempotency-by-message-id.md); `claim` makes a fired deadline fire once (decision 5);
 * `notifications` go out at least once because they are stored with their cause.
 */
export interface CommitBatch {
  message: { deviceId: string; msgId: string; receivedAt: number } | null;
  claim: { key: string; dueAt: number } | null;
  deviceEvent: DeviceEventRecord | null;
  /** An update applies only while the alert is still in `expectedStatus`; otherwise the whole batch fails. */
  alerts: Array<{ kind: 'insert' | 'update'; alert: Alert; entry: TimelineEntry; expectedStatus: AlertStatus | null }>;
  tasks: Task[];
  /** A task update applies only while the task is still in `expectedStatus`; otherwise the whole batch fails. */
  taskUpdates: Array<{ task: Task; expectedStatus: TaskStatus }>;
  audit: AuditEntry[];
  arm: Deadline[];
  disarm: string[];
  ruleStates: Array<{ elderId: string; key: string; value: RuleStateValue | null }>;
  presence: Array<{ deviceId: string; online: boolean; battery: number | null; lastSeenAt: number }>;
  /** Due for sending at once (`createdAt`); not written when the batch is a duplicate or stale. */
  notifications: OutboxNotification[];
}

export function emptyCommitBatch(): CommitBatch {
  return { message: null, claim: null, deviceEvent: null, alerts: [], tasks: [], taskUpdates: [], audit: [], arm: [], disarm: [], ruleStates: [], presence: [], notifications: [] };
}

/**
 * 'alarm': synchronous FULL, survives power loss before the PUBACK (alerts, tasks).
 * 'routine': presence and deadline moves, restated by the device's next message.
 */
export type CommitDurability = 'alarm' | 'routine';

/** 'duplicate': the message id was seen before. 'stale': the claimed deadline was already fired or moved. */
export type CommitOutcome = 'committed' | 'duplicate' | 'stale';

export interface Store extends AccountStore, DeadLetterStore, ActivityStore {
  /** The root (county) region; created by the first migration of a store, so it always exists. */
  rootRegion(): Promise<RegionRecord>;
  createRegion(region: RegionRecord): Promise<void>;
  listRegions(): Promise<RegionRecord[]>;

  countUsers(): Promise<number>;
  /** Fails with StoreConflictError when the username is taken. */
  createUser(user: UserRecord): Promise<void>;
  findUserByUsername(username: string): Promise<UserRecord | null>;
  getUser(id: string): Promise<UserRecord | null>;
  listUsers(filter: { regionPath?: string; role?: UserRole }): Promise<UserRecord[]>;
  updateUser(id: string, patch: { onDuty?: boolean; phone?: string | null }): Promise<void>;
  /** Open alerts dispatched to, and open tasks assigned to, each of the users. */
  countOpenAssignments(userIds: string[]): Promise<Map<string, number>>;

  appendAudit(entry: AuditEntry): Promise<void>;
  listAudit(filter: { entityType?: AuditEntry['entityType']; entityId?: string; limit: number }): Promise<AuditEntry[]>;

  createElder(elder: ElderRecord): Promise<void>;
  getElder(id: string): Promise<ElderRecord | null>;
  listElders(): Promise<ElderRecord[]>;
  updateElderRecord(
    id: string,
    patch: Partial<Pick<ElderRecord, 'name' | 'address' | 'phone' | 'regionId' | 'contacts' | 'medicalNotes' | 'accessNotes' | 'assignedResponderIds'>>,
  ): Promise<void>;
  updateElderCareProfile(id: string, profile: { riskCategory: RiskCategory; thresholdOverrides: ThresholdOverrides }): Promise<void>;
  setElderAway(id: string, away: AwayRecord | null): Promise<void>;

  /** Fails with a unique-constraint StoreConflictError when the id is taken. */
  createDevice(device: DeviceRecord): Promise<void>;
  getDevice(id: string): Promise<DeviceRecord | null>;
  listDevices(): Promise<DeviceRecord[]>;
  setDeviceTestMode(id: string, until: number | null): Promise<void>;
  /** A new secret for the device (the old one stops working): both of its hashes at once. */
  setDeviceSecret(id: string, hashes: { secretHash: string; brokerPasswordHash: string | null }): Promise<void>;
  listDeviceEvents(deviceId: string, limit: number): Promise<DeviceEventRecord[]>;

  findOpenAlerts(elderId: string): Promise<Alert[]>;
  findOpenTasks(elderId: string): Promise<Task[]>;
  /** Every elder's rule memory, or one elder's (several instances read it fresh before they decide). */
  listRuleStates(elderId?: string): Promise<RuleStateRecord[]>;
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

  /**
   * The notification outbox. Several senders (gateway instances) may claim at once: a claim takes pending rows due
   * at `now`, oldest first, that nobody else is claiming at this moment, and leases them to `claimant` until
   * `leaseUntil` (they are due again then, should the claimant die before it settles them).
   */
  claimNotifications(claim: { claimant: string; now: number; leaseUntil: number; limit: number }): Promise<ClaimedNotification[]>;
  /** False when the row was no longer pending (delivered by another claim) or, for a retry or give-up, re-claimed meanwhile. */
  settleNotification(id: string, attempt: number, settlement: NotificationSettlement): Promise<boolean>;
  /** Makes the claimant's leased rows due at `now`: a restarted instance's sends that its previous life never settled. */
  releaseNotificationClaims(claimant: string, now: number): Promise<number>;
  countPendingNotifications(): Promise<number>;
  /** Forgets delivered and given-up notifications settled before the cutoff. */
  pruneSettledNotifications(olderThan: number): Promise<number>;

  /** Forgets message ids older than the cutoff; redeliveries come within minutes, not days. */
  pruneProcessedMessages(olderThan: number): Promise<number>;

  ping(): Promise<void>;
  close(): Promise<void>;
}

export class StoreConflictError extends Error {
  readonly code = 'STORE_CONFLICT';
}
