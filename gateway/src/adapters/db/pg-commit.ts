import type pg from 'pg';
import { StoreConflictError, type CommitBatch, type CommitDurability, type CommitOutcome } from '../../app/store.port.js';
import { inTransaction, isRetryableAbort, isUniqueViolation } from './pg-connection.js';
import { lockEldersOf } from './pg-elder-lock.js';
import { OUTBOX_INSERT_COLUMNS, outboxInsertValues } from './outbox-rows.js';
import {
  ALERT_COLUMNS,
  ALERT_MUTABLE_COLUMNS,
  AUDIT_COLUMNS,
  DEADLINE_COLUMNS,
  DEVICE_EVENT_COLUMNS,
  TASK_COLUMNS,
  TASK_MUTABLE_COLUMNS,
  TIMELINE_COLUMNS,
  valuesOf,
} from './pg-columns.js';
import { insertInto, named, updateWhileStatus } from './pg-statements.js';
import { alertToRow, auditToRow, deadlineToRow, deviceEventToRow, taskToRow, timelineToRow } from './store-rows.js';

// One batch of decisions in one transaction (see CommitBatch), with the SQLite store's semantics. Several gateway
// instances commit at once here: pg-elder-lock.ts orders them per elder; the unique indexes, the guarded updates and
// the claim's `due_at` condition decide what the later of two racing batches finds.

export const insertAlert = named('insert-alert', insertInto('alerts', ALERT_COLUMNS));
export const updateAlertWhileStatus = named('update-alert-while-status', updateWhileStatus('alerts', ALERT_MUTABLE_COLUMNS));
export const insertTimeline = named('insert-timeline', insertInto('alert_timeline', TIMELINE_COLUMNS));
export const insertTask = named('insert-task', insertInto('tasks', TASK_COLUMNS));
export const updateTaskWhileStatus = named('update-task-while-status', updateWhileStatus('tasks', TASK_MUTABLE_COLUMNS));
export const insertAudit = named('insert-audit', insertInto('audit_log', AUDIT_COLUMNS));

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
};

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
      await client.query(insertAlert(...valuesOf(row, ALERT_COLUMNS)));
    } else if (!changed(await client.query(updateAlertWhileStatus(row.id, ...valuesOf(row, ALERT_MUTABLE_COLUMNS), w.expectedStatus)))) {
      // Somebody moved the alert meanwhile; the whole batch is retried on fresh state.
      throw new StoreConflictError(`alert ${w.alert.id} is no longer ${String(w.expectedStatus)}`);
    }
    await client.query(insertTimeline(...valuesOf(timelineToRow(w.entry), TIMELINE_COLUMNS)));
  }
  for (const t of b.tasks) await client.query(insertTask(...valuesOf(taskToRow(t), TASK_COLUMNS)));
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

/**
 * 'alarm' commits with the server's synchronous_commit (on by default): the alert is on disk before the PUBACK.
 * 'routine' turns it off for this transaction only: PostgreSQL acknowledges before the WAL reaches the disk, and a
 * crash may lose the last fraction of a second of presence and deadline moves, never corrupt anything.
 */
export function createPgCommit(pool: pg.Pool): (batch: CommitBatch, durability: CommitDurability) => Promise<CommitOutcome> {
  return async (batch, durability) => {
    const begin = durability === 'routine' ? 'BEGIN; SET LOCAL synchronous_commit TO OFF' : 'BEGIN';
    try {
      return await inTransaction(pool, begin, (client) => write(client, batch));
    } catch (err) {
      if (isUniqueViolation(err)) throw new StoreConflictError(`commit conflicts with a concurrent write: ${(err as Error).message}`);
      if (isRetryableAbort(err)) throw new StoreConflictError(`commit rolled back by PostgreSQL to let another go on: ${(err as Error).message}`);
      throw err;
    }
  };
}
