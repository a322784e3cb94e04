import type { Alert } from '../../../core/alerts/alert.js';
import type { Task } from '../../../core/tasks/task.js';
import { alertToRow, taskToRow } from '../rows/store-rows.js';

// The SQL that more than one concern file of the embedded store runs: the decision commit (decisions.ts) writes
// alerts, tasks, timeline entries and audit entries, and so do an operator's transition (alerts.ts), a task update
// (tasks.ts) and the audit log (audit.ts). Each file prepares the text on its own connection. And the shared rows
// (rows/store-rows.ts) as SQLite binds them: better-sqlite3 refuses booleans, so a flag is written 0 or 1.

/** The fields of an alert that change after it is raised. */
const SET_ALERT_FIELDS = `SET status = @status, last_seen_at = @last_seen_at, count = @count, context = @context,
  acknowledged_at = @acknowledged_at, acknowledged_by = @acknowledged_by, resolved_at = @resolved_at,
  resolved_by = @resolved_by, resolution_note = @resolution_note, cancelled_at = @cancelled_at, cleared_at = @cleared_at,
  assignee_id = @assignee_id, assigned_at = @assigned_at, accepted_at = @accepted_at, arrived_at = @arrived_at,
  escalation_level = @escalation_level, late_arrival = @late_arrival, hold_until = @hold_until,
  hold_reason = @hold_reason, held_from = @held_from, resolution_reason = @resolution_reason, declined_by = @declined_by,
  raised_by = @raised_by, cancel_requested_at = @cancel_requested_at`;

const SET_TASK_FIELDS = `SET status = @status, assignee_id = @assignee_id, due_at = @due_at, assigned_at = @assigned_at,
  accepted_at = @accepted_at, completed_at = @completed_at, completed_by = @completed_by, outcome = @outcome, note = @note,
  cause_cleared_at = @cause_cleared_at, cause_cleared_note = @cause_cleared_note, visit_mode = @visit_mode`;

/** Writes the alert only while it is still in the status its writer read (`@expected_status`). */
export const UPDATE_ALERT_IF_STATUS = `UPDATE alerts ${SET_ALERT_FIELDS} WHERE id = @id AND status = @expected_status`;

/** Writes the task only while it is still in the status its writer read (`@expected_status`). */
export const UPDATE_TASK_IF_STATUS = `UPDATE tasks ${SET_TASK_FIELDS} WHERE id = @id AND status = @expected_status`;

export const INSERT_TIMELINE = 'INSERT INTO alert_timeline (alert_id, at, action, actor, note) VALUES (?, ?, ?, ?, ?)';

export const INSERT_AUDIT = `INSERT INTO audit_log (at, actor, action, entity_type, entity_id, detail) VALUES (?, ?, ?, ?, ?, ?)`;

/** `('a', 'b')`, for statuses the code defines (never input). */
export const inList = (values: readonly string[]): string => `(${values.map((v) => `'${v}'`).join(', ')})`;

/** Alerts or tasks with the elder's summary, the elder's region path (for scoping) and the assignee's name. */
export const withElder = (table: 'alerts' | 'tasks') =>
  `SELECT x.*, e.name AS elder_name, e.address AS elder_address, e.region_id AS elder_region_id,
     u.display_name AS assignee_name
   FROM ${table} x JOIN elders e ON e.id = x.elder_id JOIN regions r ON r.id = e.region_id
   LEFT JOIN users u ON u.id = x.assignee_id`;

type Bound<V> = V extends boolean ? 0 | 1 : V;

/** A row with every boolean value as 0 or 1, for named parameters (`@column`). */
const bindable = <R extends object>(row: R): { [K in keyof R]: Bound<R[K]> } =>
  Object.fromEntries(Object.entries(row).map(([k, v]) => [k, typeof v === 'boolean' ? (v ? 1 : 0) : v])) as { [K in keyof R]: Bound<R[K]> };

/** Named parameters for inserting or updating an alert row. */
export const alertParams = (a: Alert) => bindable(alertToRow(a));

/** Named parameters for inserting or updating a task row. */
export const taskParams = (t: Task) => bindable(taskToRow(t));
