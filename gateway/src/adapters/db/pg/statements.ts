import type pg from 'pg';
import type { DeviceRow, ElderRow, UserRow } from '../rows/store-registry-rows.js';
import type { AlertRow, AuditRow, DeadlineRow, DeviceEventRow, RegionRow, TaskRow, TimelineRow } from '../rows/store-rows.js';

// The SQL that more than one concern file of the PostgreSQL store runs, and what it is built from: the column lists
// over the rows both engines share (rows/store-rows.ts, rows/store-registry-rows.ts), positional INSERTs and guarded
// UPDATEs from them, and named statements, which each connection prepares once on first use and then only binds and
// executes. The decision commit (decisions.ts) writes alerts, tasks, timeline entries and audit entries, and so do an
// operator's transition (alerts.ts), a task update (tasks.ts) and the audit log (audit.ts).

/** `$from, $from+1, ...`: n positional parameters. */
const placeholders = (n: number, from = 1): string => Array.from({ length: n }, (_, i) => `$${from + i}`).join(', ');

export const insertInto = (table: string, columns: readonly string[]): string =>
  `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${placeholders(columns.length)})`;

/**
 * `UPDATE table SET c1 = $2, ... WHERE id = $1 AND status = $last`: writes only while the row is still in the status
 * its writer read. A concurrent writer of the same row makes this one wait, then re-check the status on the row that
 * writer left (READ COMMITTED), so of two racing transitions from one status exactly one matches.
 */
const updateWhileStatus = (table: string, columns: readonly string[]): string =>
  `UPDATE ${table} SET ${columns.map((c, i) => `${c} = $${i + 2}`).join(', ')} WHERE id = $1 AND status = $${columns.length + 2}`;

/**
 * A statement by name. The name must be unique in the store: a connection refuses a second text under a name it has
 * prepared. Named statements list their columns rather than `*`, so that a migration another instance applies
 * (an added column) does not change the result type of a plan this one prepared.
 */
export const named =
  (name: string, text: string) =>
  (...values: unknown[]): pg.QueryConfig => ({ name, text, values });

/** `a, b` or, with a table alias, `x.a, x.b`. */
export const columnList = (columns: readonly string[], alias?: string): string =>
  columns.map((c) => (alias ? `${alias}.${c}` : c)).join(', ');

/** `('a', 'b')`, for statuses the code defines (never input). */
export const inList = (values: readonly string[]): string => `(${values.map((v) => `'${v}'`).join(', ')})`;

/** A row's values in the order of a column list, for a positional INSERT. */
export const valuesOf = <R>(row: R, columns: ReadonlyArray<keyof R>): unknown[] => columns.map((c) => row[c]);

// Each `*_COLUMNS` list is the order of an INSERT's positional values, and what a named statement selects.

/** The columns of an alert that never change after it is raised; every other one an update may set. */
const ALERT_FIXED = ['id', 'type', 'priority', 'test', 'elder_id', 'device_id', 'dedup_key', 'raised_at'] as const;

export const ALERT_MUTABLE_COLUMNS = [
  'status', 'last_seen_at', 'count', 'context', 'acknowledged_at', 'acknowledged_by', 'resolved_at', 'resolved_by',
  'resolution_note', 'cancelled_at', 'cleared_at', 'assignee_id', 'assigned_at', 'accepted_at', 'arrived_at',
  'escalation_level', 'late_arrival', 'hold_until', 'hold_reason', 'held_from', 'resolution_reason', 'declined_by',
  'raised_by', 'cancel_requested_at',
] as const satisfies ReadonlyArray<keyof AlertRow>;

export const ALERT_COLUMNS = [...ALERT_FIXED, ...ALERT_MUTABLE_COLUMNS] as const satisfies ReadonlyArray<keyof AlertRow>;

export const TIMELINE_COLUMNS = ['alert_id', 'at', 'action', 'actor', 'note'] as const satisfies ReadonlyArray<keyof TimelineRow>;

const TASK_FIXED = ['id', 'kind', 'reason', 'test', 'elder_id', 'device_id', 'alert_id', 'service', 'dedup_key', 'period', 'period_ends_at', 'attempt', 'visit_modes', 'created_at'] as const;

export const TASK_MUTABLE_COLUMNS = [
  'status', 'assignee_id', 'due_at', 'assigned_at', 'accepted_at', 'completed_at', 'completed_by', 'outcome', 'note',
  'cause_cleared_at', 'cause_cleared_note', 'visit_mode',
] as const satisfies ReadonlyArray<keyof TaskRow>;

export const TASK_COLUMNS = [...TASK_FIXED, ...TASK_MUTABLE_COLUMNS] as const satisfies ReadonlyArray<keyof TaskRow>;

export const DEADLINE_COLUMNS = ['key', 'kind', 'elder_id', 'device_id', 'due_at', 'data'] as const satisfies ReadonlyArray<keyof DeadlineRow>;

export const DEVICE_EVENT_COLUMNS = [
  'device_id', 'elder_id', 'msg_id', 'type', 'device_ts', 'received_at', 'payload',
] as const satisfies ReadonlyArray<keyof DeviceEventRow>;

export const AUDIT_COLUMNS = ['at', 'actor', 'action', 'entity_type', 'entity_id', 'detail'] as const satisfies ReadonlyArray<keyof AuditRow>;

export const REGION_COLUMNS = ['id', 'name', 'level', 'parent_id', 'path'] as const satisfies ReadonlyArray<keyof RegionRow>;

export const USER_COLUMNS = [
  'id', 'username', 'display_name', 'password_hash', 'role', 'region_id', 'responder_kind', 'phone', 'on_duty',
  'disabled_at', 'created_at',
] as const satisfies ReadonlyArray<keyof UserRow>;

export const ELDER_COLUMNS = [
  'id', 'name', 'address', 'phone', 'region_id', 'contacts', 'medical_notes', 'access_notes', 'assigned_responder_ids',
  'risk_category', 'threshold_overrides', 'away_since', 'away_until', 'away_reason', 'created_at', 'id_number',
  'home_lat', 'home_lng', 'care_groups', 'birth_date', 'sex', 'assessment_level', 'assessed_on', 'assessor',
  'consent_given_on', 'consent_given_by', 'consent_relation',
] as const satisfies ReadonlyArray<keyof ElderRow>;

export const DEVICE_COLUMNS = [
  'id', 'elder_id', 'kind', 'room', 'secret_hash', 'broker_password_hash', 'test_mode_until', 'online', 'battery',
  'last_seen_at', 'created_at', 'firmware', 'model', 'retired_at', 'replaced_by',
] as const satisfies ReadonlyArray<keyof DeviceRow>;

export const updateAlertWhileStatus = named('update-alert-while-status', updateWhileStatus('alerts', ALERT_MUTABLE_COLUMNS));
export const insertTimeline = named('insert-timeline', insertInto('alert_timeline', TIMELINE_COLUMNS));
export const updateTaskWhileStatus = named('update-task-while-status', updateWhileStatus('tasks', TASK_MUTABLE_COLUMNS));
export const insertAudit = named('insert-audit', insertInto('audit_log', AUDIT_COLUMNS));

/** Alerts or tasks with the elder's summary, the elder's region path (for scoping) and the assignee's name. */
export const withElder = (table: 'alerts' | 'tasks') =>
  `SELECT ${columnList(table === 'alerts' ? ALERT_COLUMNS : TASK_COLUMNS, 'x')}, e.name AS elder_name,
     e.address AS elder_address, e.region_id AS elder_region_id, u.display_name AS assignee_name
   FROM ${table} x JOIN elders e ON e.id = x.elder_id JOIN regions r ON r.id = e.region_id
   LEFT JOIN users u ON u.id = x.assignee_id`;
