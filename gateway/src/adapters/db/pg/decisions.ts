import type pg from 'pg';
import type { DeadlineStore } from '../../../app/ports/store/deadlines.port.js';
import type { CommitBatch, CommitOutcome, DecisionStore } from '../../../app/ports/store/decisions.port.js';
import { StoreConflictError } from '../../../app/ports/store/store.port.js';
import { OUTBOX_INSERT_COLUMNS, outboxInsertValues } from '../rows/outbox-rows.js';
import {
  alertToRow,
  auditToRow,
  deadlineFromRow,
  deadlineToRow,
  deviceEventToRow,
  ruleStateFromRow,
  taskToRow,
  timelineToRow,
  type DeadlineRow,
  type RuleStateRow,
} from '../rows/store-rows.js';
import { inTransaction, isRetryableAbort, isUniqueViolation, type PgContext } from './connection.js';
import {
  ALERT_COLUMNS,
  ALERT_MUTABLE_COLUMNS,
  AUDIT_COLUMNS,
  columnList,
  DEADLINE_COLUMNS,
  DEVICE_EVENT_COLUMNS,
  insertAudit,
  insertInto,
  insertTimeline,
  named,
  TASK_COLUMNS,
  TASK_MUTABLE_COLUMNS,
  TIMELINE_COLUMNS,
  updateAlertWhileStatus,
  updateTaskWhileStatus,
  valuesOf,
} from './statements.js';

// The decision commit in the shared store (app/ports/store/decisions.port.ts): one batch of decisions in one
// transaction (see CommitBatch), with the SQLite store's semantics, and what it keeps between decisions: the rules'
// memory, the message ids it has seen and the deadlines it armed (app/ports/store/deadlines.port.ts;
// docs/decisions/0005-deadlines-are-data.md). Several gateway instances commit at once here: the elder lock below
// orders them per elder; the unique indexes, the guarded updates and the claim's `due_at` condition decide what the
// later of two racing batches finds.

const q = {
  // DO NOTHING on a row another transaction has inserted but not committed waits for it: a committed twin makes
  // this a duplicate, a rolled-back one lets this batch through.
  insertProcessed: named(
    'commit-insert-processed',
    'INSERT INTO processed_messages (device_id, msg_id, received_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING',
  ),
  // Only the deadline as it was read: one that fired (deleted) or moved (re-armed to another time) meanwhile is stale.
  claimDeadline: named('commit-claim-deadline', 'DELETE FROM deadlines WHERE key = $1 AND due_at = $2'),
  insertDeviceEvent: named('commit-insert-device-event', insertInto('device_events', DEVICE_EVENT_COLUMNS)),
  insertAlert: named('insert-alert', insertInto('alerts', ALERT_COLUMNS)),
  insertTask: named('insert-task', insertInto('tasks', TASK_COLUMNS)),
  armDeadline: named(
    'commit-arm-deadline',
    `${insertInto('deadlines', DEADLINE_COLUMNS)} ON CONFLICT (key) DO UPDATE SET kind = excluded.kind,
       elder_id = excluded.elder_id, device_id = excluded.device_id, due_at = excluded.due_at, data = excluded.data`,
  ),
  disarmDeadline: named('commit-disarm-deadline', 'DELETE FROM deadlines WHERE key = $1'),
  putRuleState: named(
    'commit-put-rule-state',
    `INSERT INTO rule_states (elder_id, key, value) VALUES ($1, $2, $3)
     ON CONFLICT (elder_id, key) DO UPDATE SET value = excluded.value`,
  ),
  deleteRuleState: named('commit-delete-rule-state', 'DELETE FROM rule_states WHERE elder_id = $1 AND key = $2'),
  updatePresence: named('commit-update-presence', 'UPDATE devices SET online = $1, battery = $2, last_seen_at = $3 WHERE id = $4'),
  insertNotification: named('commit-insert-notification', insertInto('notification_outbox', OUTBOX_INSERT_COLUMNS)),
  ruleStates: named('rule-states', 'SELECT elder_id, key, value FROM rule_states ORDER BY elder_id, key'),
  ruleStatesOfElder: named('rule-states-of-elder', 'SELECT elder_id, key, value FROM rule_states WHERE elder_id = $1 ORDER BY key'),
  pruneProcessed: named('prune-processed', 'DELETE FROM processed_messages WHERE received_at < $1'),
  dueDeadlines: named('due-deadlines', `SELECT ${columnList(DEADLINE_COLUMNS)} FROM deadlines WHERE due_at <= $1 ORDER BY due_at LIMIT $2`),
  deadlinesOfElder: named('deadlines-of-elder', `SELECT ${columnList(DEADLINE_COLUMNS)} FROM deadlines WHERE elder_id = $1 ORDER BY due_at`),
};

// Commits that concern the same elder run one at a time, across every gateway instance on the database.
//
// Why: a batch takes row locks in several tables (the message id, the claimed deadline, alerts, tasks, re-armed
// deadlines, rule memory, presence), in the order of CommitBatch. Two instances handling the same elder at once can
// take two of those in opposite orders (one claims deadline A and re-arms B while the other claims B and re-arms A),
// and PostgreSQL would abort one of them as a deadlock after a second's wait. Taking one advisory lock per elder
// first, always in the same (sorted) order, makes such a cycle impossible: batches of different elders touch
// different rows, and batches of the same elder queue on its lock. The races the contract names (same message id,
// same deadline, same open alert) are settled by the rows themselves (`write` below) with or without this lock.

/** First half of the two-key advisory lock id; the second is the elder id's hash. Apart from the migration lock and the cluster link's leader lock. */
const ELDER_LOCK_SPACE = 1_701_603_410;

/**
 * One statement: the lock keys of the batch's elders, of its devices' elders and of its deadline keys' elders (the
 * batch names no elder for those), deduplicated and sorted, each locked until the transaction ends. The subquery's
 * ORDER BY orders the lock calls: the aggregate consumes its rows in that order. Sorting the keys rather than the
 * ids keeps the order consistent even when two elders' ids hash alike (they then merely share a lock).
 */
const lockElders = named(
  'commit-lock-elders',
  `SELECT count(pg_advisory_xact_lock(${ELDER_LOCK_SPACE}, lock_key)) AS locked FROM (
     SELECT DISTINCT hashtext(elder_id) AS lock_key FROM (
       SELECT unnest($1::text[]) AS elder_id
       UNION ALL SELECT elder_id FROM devices WHERE id = ANY($2::text[])
       UNION ALL SELECT elder_id FROM deadlines WHERE key = ANY($3::text[])
     ) AS batch_elders
     ORDER BY lock_key
   ) AS lock_keys`,
);

async function lockEldersOf(client: pg.PoolClient, b: CommitBatch): Promise<void> {
  const elderIds = [
    ...b.alerts.map((w) => w.alert.elderId),
    ...b.tasks.map((t) => t.elderId),
    ...b.taskUpdates.map((u) => u.task.elderId),
    ...b.arm.map((d) => d.elderId),
    ...b.ruleStates.map((s) => s.elderId),
    ...(b.deviceEvent ? [b.deviceEvent.elderId] : []),
  ];
  const deviceIds = [...(b.message ? [b.message.deviceId] : []), ...b.presence.map((p) => p.deviceId)];
  const deadlineKeys = [...(b.claim ? [b.claim.key] : []), ...b.disarm];
  if (elderIds.length + deviceIds.length + deadlineKeys.length === 0) return;
  await client.query(lockElders(elderIds, deviceIds, deadlineKeys));
}

const changed = (result: pg.QueryResult): boolean => (result.rowCount ?? 0) > 0;

async function write(client: pg.PoolClient, b: CommitBatch): Promise<CommitOutcome> {
  await lockEldersOf(client, b);
  if (b.message && !changed(await client.query(q.insertProcessed(b.message.deviceId, b.message.msgId, b.message.receivedAt)))) {
    return 'duplicate';
  }
  if (b.claim && !changed(await client.query(q.claimDeadline(b.claim.key, b.claim.dueAt)))) return 'stale';
  if (b.deviceEvent) await client.query(q.insertDeviceEvent(...valuesOf(deviceEventToRow(b.deviceEvent), DEVICE_EVENT_COLUMNS)));
  for (const w of b.alerts) {
    const row = alertToRow(w.alert);
    if (w.kind === 'insert') {
      await client.query(q.insertAlert(...valuesOf(row, ALERT_COLUMNS)));
    } else if (!changed(await client.query(updateAlertWhileStatus(row.id, ...valuesOf(row, ALERT_MUTABLE_COLUMNS), w.expectedStatus)))) {
      // Somebody moved the alert meanwhile; the whole batch is retried on fresh state.
      throw new StoreConflictError(`alert ${w.alert.id} is no longer ${String(w.expectedStatus)}`);
    }
    await client.query(insertTimeline(...valuesOf(timelineToRow(w.entry), TIMELINE_COLUMNS)));
  }
  for (const t of b.tasks) await client.query(q.insertTask(...valuesOf(taskToRow(t), TASK_COLUMNS)));
  for (const u of b.taskUpdates) {
    const row = taskToRow(u.task);
    if (!changed(await client.query(updateTaskWhileStatus(row.id, ...valuesOf(row, TASK_MUTABLE_COLUMNS), u.expectedStatus)))) {
      throw new StoreConflictError(`task ${u.task.id} is no longer ${u.expectedStatus}`);
    }
  }
  for (const a of b.audit) await client.query(insertAudit(...valuesOf(auditToRow(a), AUDIT_COLUMNS)));
  for (const key of b.disarm) await client.query(q.disarmDeadline(key));
  for (const d of b.arm) await client.query(q.armDeadline(...valuesOf(deadlineToRow(d), DEADLINE_COLUMNS)));
  for (const s of b.ruleStates) {
    if (s.value === null) await client.query(q.deleteRuleState(s.elderId, s.key));
    else await client.query(q.putRuleState(s.elderId, s.key, JSON.stringify(s.value)));
  }
  for (const p of b.presence) await client.query(q.updatePresence(p.online, p.battery, p.lastSeenAt, p.deviceId));
  for (const n of b.notifications) await client.query(q.insertNotification(...outboxInsertValues(n)));
  return 'committed';
}

export function createPgDecisions({ pool, rows, changes }: PgContext): DecisionStore {
  return {
    /**
     * 'alarm' commits with the server's synchronous_commit (on by default): the alert is on disk before the PUBACK.
     * 'routine' turns it off for this transaction only: PostgreSQL acknowledges before the WAL reaches the disk, and
     * a crash may lose the last fraction of a second of presence and deadline moves, never corrupt anything.
     */
    async commit(batch, durability) {
      const begin = durability === 'routine' ? 'BEGIN; SET LOCAL synchronous_commit TO OFF' : 'BEGIN';
      try {
        return await inTransaction(pool, begin, (client) => write(client, batch));
      } catch (err) {
        if (isUniqueViolation(err)) throw new StoreConflictError(`commit conflicts with a concurrent write: ${(err as Error).message}`);
        if (isRetryableAbort(err)) throw new StoreConflictError(`commit rolled back by PostgreSQL to let another go on: ${(err as Error).message}`);
        throw err;
      }
    },
    async listRuleStates(elderId) {
      return (await rows<RuleStateRow>(elderId === undefined ? q.ruleStates() : q.ruleStatesOfElder(elderId))).map(ruleStateFromRow);
    },
    async pruneProcessedMessages(olderThan) {
      return changes(q.pruneProcessed(olderThan));
    },
  };
}

export function createPgDeadlines({ rows }: PgContext): DeadlineStore {
  return {
    async dueDeadlines(now, limit) {
      return (await rows<DeadlineRow>(q.dueDeadlines(now, limit))).map(deadlineFromRow);
    },
    async listDeadlines(elderId) {
      return (await rows<DeadlineRow>(q.deadlinesOfElder(elderId))).map(deadlineFromRow);
    },
  };
}
