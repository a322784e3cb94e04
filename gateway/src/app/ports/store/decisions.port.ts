import type { AlertStatus, TaskStatus } from '../../../../../schemas/index.js';
import type { Alert, TimelineEntry } from '../../../core/alerts/alert.js';
import type { Deadline } from '../../../core/deadline.js';
import type { RuleStateValue } from '../../../core/elder-state.js';
import type { Task } from '../../../core/tasks/task.js';
import type { AuditEntry } from './audit.port.js';
import type { DeviceEventRecord } from './devices.port.js';
import type { OutboxNotification } from './outbox.port.js';

// The decision commit: everything one message, connection change, fired deadline or operator action decided,
// written in one transaction (docs/decisions/0002-acknowledge-after-commit.md), and the rules' memory it keeps.

export interface RuleStateRecord {
  elderId: string;
  key: string;
  value: RuleStateValue;
}

/**
 * Everything one message, connection change or fired deadline changes, written in one transaction.
 * `message` makes it idempotent (docs/decisions/0003-idempotency-by-message-id.md); `claim` makes a fired deadline
 * fire once (docs/decisions/0005-deadlines-are-data.md); `notifications` go out at least once because they are
 * stored with their cause.
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

export interface DecisionStore {
  commit(batch: CommitBatch, durability: CommitDurability): Promise<CommitOutcome>;
  /** Every elder's rule memory, or one elder's (several instances read it fresh before they decide). */
  listRuleStates(elderId?: string): Promise<RuleStateRecord[]>;
  /** Forgets message ids older than the cutoff; redeliveries come within minutes, not days. */
  pruneProcessedMessages(olderThan: number): Promise<number>;
}
