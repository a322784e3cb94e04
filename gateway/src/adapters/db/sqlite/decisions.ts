import type Database from 'better-sqlite3';
import type { DeadlineStore } from '../../../app/ports/store/deadlines.port.js';
import type { CommitBatch, CommitOutcome, DecisionStore } from '../../../app/ports/store/decisions.port.js';
import { StoreConflictError } from '../../../app/ports/store/store.port.js';
import { OUTBOX_INSERT_COLUMNS, outboxInsertValues } from '../rows/outbox-rows.js';
import { deadlineFromRow, ruleStateFromRow, type DeadlineRow, type RuleStateRow } from '../rows/store-rows.js';
import { isUniqueViolation, type SqliteContext } from './connection.js';
import { alertParams, INSERT_AUDIT, INSERT_TIMELINE, taskParams, UPDATE_ALERT_IF_STATUS, UPDATE_TASK_IF_STATUS } from './statements.js';

// The decision commit in the embedded store (app/ports/store/decisions.port.ts): one batch of decisions in one
// transaction (see CommitBatch), and what it keeps between decisions: the rules' memory, the message ids it has seen
// and the deadlines it armed (app/ports/store/deadlines.port.ts; docs/decisions/0005-deadlines-are-data.md).
// The commit is prepared once per connection: the alarm connection (synchronous FULL) and the routine one (NORMAL)
// each get their own; the reads are on the alarms connection.

const ALERT_COLUMNS = `id, type, priority, status, test, elder_id, device_id, dedup_key, context, raised_at, last_seen_at, count,
  acknowledged_at, acknowledged_by, resolved_at, resolved_by, resolution_note, cancelled_at, cleared_at, assignee_id,
  assigned_at, accepted_at, arrived_at, escalation_level, late_arrival, hold_until, hold_reason, held_from,
  resolution_reason, declined_by, raised_by, cancel_requested_at`;

const TASK_COLUMNS = `id, kind, reason, status, test, elder_id, device_id, alert_id, service, dedup_key, period, period_ends_at, attempt, visit_modes, visit_mode, assignee_id, due_at,
  created_at, assigned_at, accepted_at, completed_at, completed_by, outcome, note, cause_cleared_at, cause_cleared_note`;

/** `a, b` → `@a, @b`. */
const named = (columns: string): string =>
  columns
    .split(',')
    .map((c) => `@${c.trim()}`)
    .join(', ');

function prepareCommit(db: Database.Database): (batch: CommitBatch) => CommitOutcome {
  const q = {
    insertProcessed: db.prepare('INSERT OR IGNORE INTO processed_messages (device_id, msg_id, received_at) VALUES (?, ?, ?)'),
    claimDeadline: db.prepare('DELETE FROM deadlines WHERE key = ? AND due_at = ?'),
    insertDeviceEvent: db.prepare(
      `INSERT INTO device_events (device_id, elder_id, msg_id, type, device_ts, received_at, payload)
       VALUES (@deviceId, @elderId, @msgId, @type, @deviceTs, @receivedAt, @payload)`,
    ),
    insertAlert: db.prepare(`INSERT INTO alerts (${ALERT_COLUMNS}) VALUES (${named(ALERT_COLUMNS)})`),
    updateAlertIfStatus: db.prepare(UPDATE_ALERT_IF_STATUS),
    insertTimeline: db.prepare(INSERT_TIMELINE),
    insertTask: db.prepare(`INSERT INTO tasks (${TASK_COLUMNS}) VALUES (${named(TASK_COLUMNS)})`),
    updateTaskIfStatus: db.prepare(UPDATE_TASK_IF_STATUS),
    insertAudit: db.prepare(INSERT_AUDIT),
    armDeadline: db.prepare(
      `INSERT INTO deadlines (key, kind, elder_id, device_id, due_at, data) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT(key) DO UPDATE SET kind = excluded.kind, elder_id = excluded.elder_id,
         device_id = excluded.device_id, due_at = excluded.due_at, data = excluded.data`,
    ),
    disarmDeadline: db.prepare('DELETE FROM deadlines WHERE key = ?'),
    putRuleState: db.prepare(
      `INSERT INTO rule_states (elder_id, key, value) VALUES (?, ?, ?)
       ON CONFLICT(elder_id, key) DO UPDATE SET value = excluded.value`,
    ),
    deleteRuleState: db.prepare('DELETE FROM rule_states WHERE elder_id = ? AND key = ?'),
    updatePresence: db.prepare('UPDATE devices SET online = ?, battery = ?, last_seen_at = ? WHERE id = ?'),
    insertNotification: db.prepare(`INSERT INTO notification_outbox (${OUTBOX_INSERT_COLUMNS.join(', ')}) VALUES (${OUTBOX_INSERT_COLUMNS.map(() => '?').join(', ')})`),
  };

  const run = db.transaction((b: CommitBatch): CommitOutcome => {
    if (b.message && q.insertProcessed.run(b.message.deviceId, b.message.msgId, b.message.receivedAt).changes === 0) {
      return 'duplicate';
    }
    if (b.claim && q.claimDeadline.run(b.claim.key, b.claim.dueAt).changes === 0) return 'stale';
    if (b.deviceEvent) q.insertDeviceEvent.run(b.deviceEvent);
    for (const w of b.alerts) {
      if (w.kind === 'insert') {
        q.insertAlert.run(alertParams(w.alert));
      } else if (q.updateAlertIfStatus.run({ ...alertParams(w.alert), expected_status: w.expectedStatus }).changes === 0) {
        // Somebody moved the alert meanwhile; the whole batch is retried on fresh state.
        throw new StoreConflictError(`alert ${w.alert.id} is no longer ${String(w.expectedStatus)}`);
      }
      q.insertTimeline.run(w.entry.alertId, w.entry.at, w.entry.action, w.entry.actor, w.entry.note);
    }
    for (const t of b.tasks) q.insertTask.run(taskParams(t));
    for (const u of b.taskUpdates) {
      if (q.updateTaskIfStatus.run({ ...taskParams(u.task), expected_status: u.expectedStatus }).changes === 0) {
        throw new StoreConflictError(`task ${u.task.id} is no longer ${u.expectedStatus}`);
      }
    }
    for (const a of b.audit) q.insertAudit.run(a.at, a.actor, a.action, a.entityType, a.entityId, JSON.stringify(a.detail));
    for (const key of b.disarm) q.disarmDeadline.run(key);
    for (const d of b.arm) q.armDeadline.run(d.key, d.kind, d.elderId, d.deviceId, d.dueAt, JSON.stringify(d.data));
    for (const s of b.ruleStates) {
      if (s.value === null) q.deleteRuleState.run(s.elderId, s.key);
      else q.putRuleState.run(s.elderId, s.key, JSON.stringify(s.value));
    }
    for (const p of b.presence) q.updatePresence.run(p.online ? 1 : 0, p.battery, p.lastSeenAt, p.deviceId);
    for (const n of b.notifications) q.insertNotification.run(...outboxInsertValues(n));
    return 'committed';
  });

  return (batch) => {
    try {
      return run(batch);
    } catch (err) {
      if (isUniqueViolation(err)) throw new StoreConflictError(`commit conflicts with a concurrent write: ${(err as Error).message}`);
      throw err;
    }
  };
}

export function createSqliteDecisions({ alarms, routine }: SqliteContext): DecisionStore {
  const commitAlarm = prepareCommit(alarms);
  const commitRoutine = prepareCommit(routine);
  const ruleStates = alarms.prepare('SELECT * FROM rule_states ORDER BY elder_id, key');
  const ruleStatesOfElder = alarms.prepare('SELECT * FROM rule_states WHERE elder_id = ? ORDER BY key');
  const pruneProcessed = alarms.prepare('DELETE FROM processed_messages WHERE received_at < ?');
  return {
    async commit(batch, durability) {
      return durability === 'alarm' ? commitAlarm(batch) : commitRoutine(batch);
    },
    async listRuleStates(elderId) {
      return ((elderId === undefined ? ruleStates.all() : ruleStatesOfElder.all(elderId)) as RuleStateRow[]).map(ruleStateFromRow);
    },
    async pruneProcessedMessages(olderThan) {
      return pruneProcessed.run(olderThan).changes;
    },
  };
}

export function createSqliteDeadlines({ alarms }: SqliteContext): DeadlineStore {
  const due = alarms.prepare('SELECT * FROM deadlines WHERE due_at <= ? ORDER BY due_at LIMIT ?');
  const ofElder = alarms.prepare('SELECT * FROM deadlines WHERE elder_id = ? ORDER BY due_at');
  return {
    async dueDeadlines(now, limit) {
      return (due.all(now, limit) as DeadlineRow[]).map(deadlineFromRow);
    },
    async listDeadlines(elderId) {
      return (ofElder.all(elderId) as DeadlineRow[]).map(deadlineFromRow);
    },
  };
}
