import { OPEN_ALERT_STATUSES, OPEN_TASK_STATUSES } from '../../../../schemas/index.js';
import {
  ALERT_COLUMNS,
  DEADLINE_COLUMNS,
  DEVICE_COLUMNS,
  DEVICE_EVENT_COLUMNS,
  ELDER_COLUMNS,
  REGION_COLUMNS,
  TASK_COLUMNS,
  TIMELINE_COLUMNS,
  USER_COLUMNS,
} from './pg-columns.js';
import { columnList, insertInto, named } from './pg-statements.js';

// The PostgreSQL store's fixed statements, outside a commit (those are in pg-commit.ts), each named so that every
// connection prepares it once. The lists with optional filters are built per call (pg-list-filter.ts).

const ALERTS = columnList(ALERT_COLUMNS);
const TASKS = columnList(TASK_COLUMNS);
/** `('a', 'b')`, for statuses the code defines (never input). */
const inList = (values: readonly string[]): string => `(${values.map((v) => `'${v}'`).join(', ')})`;
const OPEN_ALERTS = inList(OPEN_ALERT_STATUSES);
const OPEN_TASKS = inList(OPEN_TASK_STATUSES);

/** Alerts or tasks with the elder's summary, the elder's region path (for scoping) and the assignee's name. */
export const withElder = (table: 'alerts' | 'tasks') =>
  `SELECT ${columnList(table === 'alerts' ? ALERT_COLUMNS : TASK_COLUMNS, 'x')}, e.name AS elder_name,
     e.address AS elder_address, e.region_id AS elder_region_id, u.display_name AS assignee_name
   FROM ${table} x JOIN elders e ON e.id = x.elder_id JOIN regions r ON r.id = e.region_id
   LEFT JOIN users u ON u.id = x.assignee_id`;

export const q = {
  countUsers: named('count-users', 'SELECT COUNT(*) AS n FROM users'),
  rootRegion: named('root-region', `SELECT ${columnList(REGION_COLUMNS)} FROM regions WHERE parent_id IS NULL ORDER BY path LIMIT 1`),
  insertRegion: named('insert-region', insertInto('regions', REGION_COLUMNS)),
  allRegions: named('all-regions', `SELECT ${columnList(REGION_COLUMNS)} FROM regions ORDER BY path`),
  insertUser: named('insert-user', insertInto('users', USER_COLUMNS)),
  userByName: named('user-by-name', `SELECT ${columnList(USER_COLUMNS)} FROM users WHERE username = $1`),
  userById: named('user-by-id', `SELECT ${columnList(USER_COLUMNS)} FROM users WHERE id = $1`),
  updateUser: named('update-user', 'UPDATE users SET on_duty = coalesce($1, on_duty), phone = coalesce($2, phone) WHERE id = $3'),
  openAssignments: named(
    'open-assignments',
    `SELECT assignee_id, COUNT(*) AS n FROM (
       SELECT assignee_id FROM alerts WHERE assignee_id = ANY($1::text[]) AND status IN ('dispatched', 'on_site')
       UNION ALL SELECT assignee_id FROM tasks WHERE assignee_id = ANY($1::text[]) AND status IN ('assigned', 'accepted')
     ) AS open_work GROUP BY assignee_id`,
  ),
  insertElder: named('insert-elder', insertInto('elders', ELDER_COLUMNS)),
  updateElderRecord: named(
    'update-elder-record',
    `UPDATE elders SET name = coalesce($2, name), address = coalesce($3, address),
       phone = CASE WHEN $4::boolean THEN $5 ELSE phone END, region_id = coalesce($6, region_id),
       contacts = coalesce($7, contacts), medical_notes = coalesce($8, medical_notes),
       access_notes = coalesce($9, access_notes), assigned_responder_ids = coalesce($10, assigned_responder_ids)
     WHERE id = $1`,
  ),
  elderById: named('elder-by-id', `SELECT ${columnList(ELDER_COLUMNS)} FROM elders WHERE id = $1`),
  allElders: named('all-elders', `SELECT ${columnList(ELDER_COLUMNS)} FROM elders ORDER BY id`),
  updateCareProfile: named('update-care-profile', 'UPDATE elders SET risk_category = $1, threshold_overrides = $2 WHERE id = $3'),
  setAway: named('set-away', 'UPDATE elders SET away_since = $1, away_until = $2, away_reason = $3 WHERE id = $4'),
  insertDevice: named('insert-device', insertInto('devices', DEVICE_COLUMNS)),
  deviceById: named('device-by-id', `SELECT ${columnList(DEVICE_COLUMNS)} FROM devices WHERE id = $1`),
  allDevices: named('all-devices', `SELECT ${columnList(DEVICE_COLUMNS)} FROM devices ORDER BY id`),
  setTestMode: named('set-test-mode', 'UPDATE devices SET test_mode_until = $1 WHERE id = $2'),
  setSecret: named('set-device-secret', 'UPDATE devices SET secret_hash = $1, broker_password_hash = $2 WHERE id = $3'),
  deviceEvents: named('device-events', `SELECT ${columnList(DEVICE_EVENT_COLUMNS)} FROM device_events WHERE device_id = $1 ORDER BY seq DESC LIMIT $2`),
  openAlerts: named('open-alerts', `SELECT ${ALERTS} FROM alerts WHERE elder_id = $1 AND status IN ${OPEN_ALERTS}`),
  openTasks: named('open-tasks', `SELECT ${TASKS} FROM tasks WHERE elder_id = $1 AND status IN ${OPEN_TASKS}`),
  ruleStates: named('rule-states', 'SELECT elder_id, key, value FROM rule_states ORDER BY elder_id, key'),
  ruleStatesOfElder: named('rule-states-of-elder', 'SELECT elder_id, key, value FROM rule_states WHERE elder_id = $1 ORDER BY key'),
  dueDeadlines: named('due-deadlines', `SELECT ${columnList(DEADLINE_COLUMNS)} FROM deadlines WHERE due_at <= $1 ORDER BY due_at LIMIT $2`),
  deadlinesOfElder: named('deadlines-of-elder', `SELECT ${columnList(DEADLINE_COLUMNS)} FROM deadlines WHERE elder_id = $1 ORDER BY due_at`),
  alertById: named('alert-by-id', `${withElder('alerts')} WHERE x.id = $1`),
  timeline: named('timeline', `SELECT ${columnList(TIMELINE_COLUMNS)} FROM alert_timeline WHERE alert_id = $1 ORDER BY seq`),
  taskById: named('task-by-id', `${withElder('tasks')} WHERE x.id = $1`),
  pruneProcessed: named('prune-processed', 'DELETE FROM processed_messages WHERE received_at < $1'),
};
