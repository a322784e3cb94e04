import type Database from 'better-sqlite3';
import {
  StoreConflictError,
  type AlertFilter,
  type RegionRecord,
  type DeviceRecord,
  type ElderRecord,
  type Store,
  type TaskFilter,
  type UserRecord,
} from '../../app/store.port.js';
import type { RuleStateValue } from '../../core/elder-state.js';
import { OPEN_ALERT_STATUSES, OPEN_TASK_STATUSES } from '../../../../schemas/index.js';
import { INSERT_AUDIT, INSERT_TIMELINE, prepareCommit, SET_ALERT_FIELDS, SET_TASK_FIELDS } from './sqlite-commit.js';
import { isUniqueViolation, migrateSqlite, openSqlite } from './sqlite-connection.js';
import { createSqliteAccounts } from './sqlite-accounts.js';
import { createSqliteDeadLetters } from './sqlite-dead-letters.js';
import { createSqliteOutbox } from './sqlite-outbox.js';
import { createSqliteActivity } from './sqlite-activity.js';
import { alertParams, taskParams } from './sqlite-rows.js';
import { deviceFromRow, elderFromRow, userFromRow, type DeviceRow, type ElderRow, type UserRow } from './store-registry-rows.js';
import {
  alertFromRow,
  alertWithElderFromRow,
  auditFromRow,
  deadlineFromRow,
  deviceEventFromRow,
  regionFromRow,
  taskFromRow,
  taskWithElderFromRow,
  timelineFromRow,
  timelineToRow,
  type AlertRow,
  type AuditRow,
  type DeadlineRow,
  type DeviceEventRow,
  type RegionRow,
  type TaskRow,
  type TimelineRow,
  type WithElderColumns,
} from './store-rows.js';

// The embedded store (docs/decisions/0006-one-store-contract-two-engines.md). Two connections to one WAL file:
// - `alarms` uses synchronous=FULL: a committed alert survives power loss before its PUBACK goes out;
// - `routine` uses synchronous=NORMAL for heartbeats, deadline moves and dead letters, which may lose the last
//   moments on power loss but are restated by the device's next message, so they need not pay an fsync each; and
//   for the notification outbox's claims and marks, whose loss only makes a notification due again.
// Notifications themselves are written by the commit, on the connection of their cause.

const inList = (values: readonly string[]): string => `(${values.map((v) => `'${v}'`).join(', ')})`;
const OPEN = inList(OPEN_ALERT_STATUSES);
const OPEN_TASKS = inList(OPEN_TASK_STATUSES);
/** Alerts or tasks with the elder's summary, the elder's region path (for scoping) and the assignee's name. */
const WITH_ELDER = (table: 'alerts' | 'tasks') =>
  `SELECT x.*, e.name AS elder_name, e.address AS elder_address, e.region_id AS elder_region_id,
     u.display_name AS assignee_name
   FROM ${table} x JOIN elders e ON e.id = x.elder_id JOIN regions r ON r.id = e.region_id
   LEFT JOIN users u ON u.id = x.assignee_id`;

/** WHERE clause and parameters for the optional filters of alert and task lists. */
function listFilter(f: AlertFilter | TaskFilter): { where: string; params: unknown[] } {
  const clauses: string[] = [];
  const params: unknown[] = [];
  if (f.statuses !== 'all') {
    clauses.push(`x.status IN (${f.statuses.map(() => '?').join(', ')})`);
    params.push(...f.statuses);
  }
  if (f.regionPath !== undefined) {
    // substr instead of LIKE: a path holds ids, and ids may hold LIKE's wildcards.
    clauses.push('substr(r.path, 1, length(?)) = ?');
    params.push(f.regionPath, f.regionPath);
  }
  if (f.assigneeId !== undefined) {
    clauses.push('x.assignee_id = ?');
    params.push(f.assigneeId);
  }
  if ('raisedFrom' in f && f.raisedFrom !== undefined) {
    clauses.push('x.raised_at >= ?');
    params.push(f.raisedFrom);
  }
  if ('raisedTo' in f && f.raisedTo !== undefined) {
    clauses.push('x.raised_at < ?');
    params.push(f.raisedTo);
  }
  if ('kind' in f && f.kind !== undefined) {
    clauses.push('x.kind = ?');
    params.push(f.kind);
  }
  if ('month' in f && f.month !== undefined) {
    clauses.push('x.month = ?');
    params.push(f.month);
  }
  return { where: clauses.length ? `WHERE ${clauses.join(' AND ')}` : '', params };
}

export function createSqliteStore(path: string): Store {
  const alarms = openSqlite(path, 'FULL');
  migrateSqlite(alarms);
  const routine = openSqlite(path, 'NORMAL');
  const commitAlarm = prepareCommit(alarms);
  const commitRoutine = prepareCommit(routine);
  const get = <T>(db: Database.Database, sql: string) => {
    const statement = db.prepare(sql);
    return (...params: unknown[]) => statement.get(...params) as T | undefined;
  };
  const all = <T>(db: Database.Database, sql: string) => {
    const statement = db.prepare(sql);
    return (...params: unknown[]) => statement.all(...params) as T[];
  };
  const run = (db: Database.Database, sql: string) => {
    const statement = db.prepare(sql);
    return (...params: unknown[]) => statement.run(...params);
  };

  const q = {
    countUsers: get<{ n: number }>(alarms, 'SELECT COUNT(*) AS n FROM users'),
    rootRegion: get<RegionRow>(alarms, 'SELECT * FROM regions WHERE parent_id IS NULL ORDER BY path LIMIT 1'),
    insertRegion: run(alarms, 'INSERT INTO regions (id, name, level, parent_id, path) VALUES (?, ?, ?, ?, ?)'),
    allRegions: all<RegionRow>(alarms, 'SELECT * FROM regions ORDER BY path'),
    insertUser: run(
      alarms,
      `INSERT INTO users (id, username, display_name, password_hash, role, region_id, responder_kind, phone, on_duty,
         disabled_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    userByName: get<UserRow>(alarms, 'SELECT * FROM users WHERE username = ?'),
    userById: get<UserRow>(alarms, 'SELECT * FROM users WHERE id = ?'),
    updateUser: run(alarms, 'UPDATE users SET on_duty = coalesce(?, on_duty), phone = coalesce(?, phone) WHERE id = ?'),
    openAlertAssignments: all<{ assignee_id: string; n: number }>(
      alarms,
      `SELECT assignee_id, COUNT(*) AS n FROM alerts WHERE assignee_id IS NOT NULL AND status IN ('dispatched', 'on_site') GROUP BY assignee_id`,
    ),
    openTaskAssignments: all<{ assignee_id: string; n: number }>(
      alarms,
      `SELECT assignee_id, COUNT(*) AS n FROM tasks WHERE assignee_id IS NOT NULL AND status IN ('assigned', 'accepted') GROUP BY assignee_id`,
    ),
    insertAudit: run(alarms, INSERT_AUDIT),
    insertElder: run(
      alarms,
      `INSERT INTO elders (id, name, address, phone, region_id, contacts, medical_notes, access_notes,
         assigned_responder_ids, risk_category, threshold_overrides, away_since, away_until, away_reason, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    updateElderRecord: run(
      alarms,
      `UPDATE elders SET name = coalesce(@name, name), address = coalesce(@address, address),
         phone = CASE WHEN @set_phone THEN @phone ELSE phone END, region_id = coalesce(@region_id, region_id),
         contacts = coalesce(@contacts, contacts), medical_notes = coalesce(@medical_notes, medical_notes),
         access_notes = coalesce(@access_notes, access_notes),
         assigned_responder_ids = coalesce(@assigned_responder_ids, assigned_responder_ids)
       WHERE id = @id`,
    ),
    elderById: get<ElderRow>(alarms, 'SELECT * FROM elders WHERE id = ?'),
    allElders: all<ElderRow>(alarms, 'SELECT * FROM elders ORDER BY id'),
    updateCareProfile: run(alarms, 'UPDATE elders SET risk_category = ?, threshold_overrides = ? WHERE id = ?'),
    setAway: run(alarms, 'UPDATE elders SET away_since = ?, away_until = ?, away_reason = ? WHERE id = ?'),
    insertDevice: run(
      alarms,
      `INSERT INTO devices (id, elder_id, kind, room, secret_hash, broker_password_hash, test_mode_until, online, battery,
         last_seen_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    deviceById: get<DeviceRow>(alarms, 'SELECT * FROM devices WHERE id = ?'),
    allDevices: all<DeviceRow>(alarms, 'SELECT * FROM devices ORDER BY id'),
    setTestMode: run(alarms, 'UPDATE devices SET test_mode_until = ? WHERE id = ?'),
    setSecret: run(alarms, 'UPDATE devices SET secret_hash = ?, broker_password_hash = ? WHERE id = ?'),
    deviceEvents: all<DeviceEventRow>(alarms, 'SELECT * FROM device_events WHERE device_id = ? ORDER BY seq DESC LIMIT ?'),
    openAlerts: all<AlertRow>(alarms, `SELECT * FROM alerts WHERE elder_id = ? AND status IN ${OPEN}`),
    openTasks: all<TaskRow>(alarms, `SELECT * FROM tasks WHERE elder_id = ? AND status IN ${OPEN_TASKS}`),
    ruleStates: all<{ elder_id: string; key: string; value: string }>(alarms, 'SELECT * FROM rule_states ORDER BY elder_id, key'),
    ruleStatesOfElder: all<{ elder_id: string; key: string; value: string }>(alarms, 'SELECT * FROM rule_states WHERE elder_id = ? ORDER BY key'),
    dueDeadlines: all<DeadlineRow>(alarms, 'SELECT * FROM deadlines WHERE due_at <= ? ORDER BY due_at LIMIT ?'),
    deadlinesOfElder: all<DeadlineRow>(alarms, 'SELECT * FROM deadlines WHERE elder_id = ? ORDER BY due_at'),
    updateAlertIfStatus: alarms.prepare(`UPDATE alerts ${SET_ALERT_FIELDS} WHERE id = @id AND status = @expected_status`),
    insertTimeline: alarms.prepare(INSERT_TIMELINE),
    alertById: get<AlertRow & WithElderColumns>(alarms, `${WITH_ELDER('alerts')} WHERE x.id = ?`),
    timeline: all<TimelineRow>(alarms, 'SELECT * FROM alert_timeline WHERE alert_id = ? ORDER BY seq'),
    taskById: get<TaskRow & WithElderColumns>(alarms, `${WITH_ELDER('tasks')} WHERE x.id = ?`),
    updateTaskIfStatus: alarms.prepare(`UPDATE tasks ${SET_TASK_FIELDS} WHERE id = @id AND status = @expected_status`),
    pruneProcessed: run(alarms, 'DELETE FROM processed_messages WHERE received_at < ?'),
  };

  const transition = alarms.transaction((params: ReturnType<typeof alertParams> & { expected_status: string }, entry: TimelineRow) => {
    if (q.updateAlertIfStatus.run(params).changes === 0) return false;
    q.insertTimeline.run(entry.alert_id, entry.at, entry.action, entry.actor, entry.note);
    return true;
  });

  // better-sqlite3 is synchronous; the contract is async so that PostgreSQL fits behind it. async functions
  // turn a thrown error into a rejection, which is what callers of the contract expect.
  return {
    async rootRegion() {
      const r = q.rootRegion();
      if (!r) throw new Error('the store has no root region; its migrations did not run');
      return regionFromRow(r);
    },
    async createRegion(r: RegionRecord) {
      try {
        q.insertRegion(r.id, r.name, r.level, r.parentId, r.path);
      } catch (err) {
        if (isUniqueViolation(err)) throw new StoreConflictError(`region ${r.id} exists`);
        throw err;
      }
    },
    async listRegions() {
      return q.allRegions().map(regionFromRow);
    },
    async countUsers() {
      return q.countUsers()?.n ?? 0;
    },
    async createUser(u: UserRecord) {
      try {
        q.insertUser(u.id, u.username, u.displayName, u.passwordHash, u.role, u.regionId, u.responderKind, u.phone, u.onDuty ? 1 : 0, u.disabledAt, u.createdAt);
      } catch (err) {
        if (isUniqueViolation(err)) throw new StoreConflictError(`username ${u.username} is taken`);
        throw err;
      }
    },
    async findUserByUsername(username) {
      const r = q.userByName(username);
      return r ? userFromRow(r) : null;
    },
    async getUser(id) {
      const r = q.userById(id);
      return r ? userFromRow(r) : null;
    },
    async listUsers(filter) {
      const clauses: string[] = [];
      const params: unknown[] = [];
      if (filter.regionPath !== undefined) {
        clauses.push('substr(r.path, 1, length(?)) = ?');
        params.push(filter.regionPath, filter.regionPath);
      }
      if (filter.role !== undefined) {
        clauses.push('u.role = ?');
        params.push(filter.role);
      }
      const where = clauses.length ? `WHERE ${clauses.join(' AND ')}` : '';
      const rows = alarms.prepare(`SELECT u.* FROM users u JOIN regions r ON r.id = u.region_id ${where} ORDER BY u.username`).all(...params) as UserRow[];
      return rows.map(userFromRow);
    },
    async updateUser(id, patch) {
      q.updateUser(patch.onDuty === undefined ? null : patch.onDuty ? 1 : 0, patch.phone ?? null, id);
    },
    ...createSqliteAccounts(alarms),
    async countOpenAssignments(userIds) {
      const counts = new Map<string, number>(userIds.map((id) => [id, 0]));
      for (const row of [...q.openAlertAssignments(), ...q.openTaskAssignments()]) {
        if (counts.has(row.assignee_id)) counts.set(row.assignee_id, (counts.get(row.assignee_id) ?? 0) + row.n);
      }
      return counts;
    },
    async appendAudit(a) {
      q.insertAudit(a.at, a.actor, a.action, a.entityType, a.entityId, JSON.stringify(a.detail));
    },
    async listAudit(filter) {
      const clauses: string[] = [];
      const params: unknown[] = [];
      if (filter.entityType !== undefined) {
        clauses.push('entity_type = ?');
        params.push(filter.entityType);
      }
      if (filter.entityId !== undefined) {
        clauses.push('entity_id = ?');
        params.push(filter.entityId);
      }
      const where = clauses.length ? `WHERE ${clauses.join(' AND ')}` : '';
      const rows = alarms.prepare(`SELECT * FROM audit_log ${where} ORDER BY seq DESC LIMIT ?`).all(...params, filter.limit) as AuditRow[];
      return rows.map(auditFromRow);
    },
    async createElder(e: ElderRecord) {
      q.insertElder(e.id, e.name, e.address, e.phone, e.regionId, JSON.stringify(e.contacts), e.medicalNotes, e.accessNotes,
        JSON.stringify(e.assignedResponderIds), e.riskCategory, JSON.stringify(e.thresholdOverrides),
        e.away?.since ?? null, e.away?.until ?? null, e.away?.reason ?? null, e.createdAt);
    },
    async updateElderRecord(id, patch) {
      const json = (v: unknown) => (v === undefined ? null : JSON.stringify(v));
      q.updateElderRecord({
        id,
        name: patch.name ?? null,
        address: patch.address ?? null,
        set_phone: patch.phone === undefined ? 0 : 1,
        phone: patch.phone ?? null,
        region_id: patch.regionId ?? null,
        contacts: json(patch.contacts),
        medical_notes: patch.medicalNotes ?? null,
        access_notes: patch.accessNotes ?? null,
        assigned_responder_ids: json(patch.assignedResponderIds),
      });
    },
    async getElder(id) {
      const r = q.elderById(id);
      return r ? elderFromRow(r) : null;
    },
    async listElders() {
      return q.allElders().map(elderFromRow);
    },
    async updateElderCareProfile(id, profile) {
      q.updateCareProfile(profile.riskCategory, JSON.stringify(profile.thresholdOverrides), id);
    },
    async setElderAway(id, away) {
      q.setAway(away?.since ?? null, away?.until ?? null, away?.reason ?? null, id);
    },
    async createDevice(d: DeviceRecord) {
      try {
        q.insertDevice(d.id, d.elderId, d.kind, d.room, d.secretHash, d.brokerPasswordHash, d.testModeUntil, d.online ? 1 : 0, d.battery, d.lastSeenAt, d.createdAt);
      } catch (err) {
        if (isUniqueViolation(err)) throw new StoreConflictError(`device ${d.id} exists`);
        throw err;
      }
    },
    async getDevice(id) {
      const r = q.deviceById(id);
      return r ? deviceFromRow(r) : null;
    },
    async listDevices() {
      return q.allDevices().map(deviceFromRow);
    },
    async setDeviceTestMode(id, until) {
      q.setTestMode(until, id);
    },
    async setDeviceSecret(id, hashes) {
      q.setSecret(hashes.secretHash, hashes.brokerPasswordHash, id);
    },
    async listDeviceEvents(deviceId, limit) {
      return q.deviceEvents(deviceId, limit).map(deviceEventFromRow);
    },
    async findOpenAlerts(elderId) {
      return q.openAlerts(elderId).map(alertFromRow);
    },
    async findOpenTasks(elderId) {
      return q.openTasks(elderId).map(taskFromRow);
    },
    async listRuleStates(elderId) {
      return (elderId === undefined ? q.ruleStates() : q.ruleStatesOfElder(elderId)).map((r) => ({ elderId: r.elder_id, key: r.key, value: JSON.parse(r.value) as RuleStateValue }));
    },
    async dueDeadlines(now, limit) {
      return q.dueDeadlines(now, limit).map(deadlineFromRow);
    },
    async listDeadlines(elderId) {
      return q.deadlinesOfElder(elderId).map(deadlineFromRow);
    },
    async commit(batch, durability) {
      return durability === 'alarm' ? commitAlarm(batch) : commitRoutine(batch);
    },
    async transitionAlert(alert, entry, expectedStatus) {
      return transition(
        { ...alertParams(alert), expected_status: expectedStatus },
        timelineToRow(entry),
      );
    },
    async getAlert(id) {
      const r = q.alertById(id);
      return r ? alertWithElderFromRow(r) : null;
    },
    async listAlerts(filter: AlertFilter) {
      const { where, params } = listFilter(filter);
      const rows = alarms
        .prepare(`${WITH_ELDER('alerts')} ${where} ORDER BY x.priority ASC, x.raised_at DESC LIMIT ?`)
        .all(...params, filter.limit) as Array<AlertRow & WithElderColumns>;
      return rows.map(alertWithElderFromRow);
    },
    async getTimeline(alertId) {
      return q.timeline(alertId).map(timelineFromRow);
    },
    async getTask(id) {
      const r = q.taskById(id);
      return r ? taskWithElderFromRow(r) : null;
    },
    async listTasks(filter: TaskFilter) {
      const { where, params } = listFilter(filter);
      const rows = alarms
        .prepare(`${WITH_ELDER('tasks')} ${where} ORDER BY x.created_at DESC LIMIT ?`)
        .all(...params, filter.limit) as Array<TaskRow & WithElderColumns>;
      return rows.map(taskWithElderFromRow);
    },
    async updateTask(task, expectedStatus) {
      return q.updateTaskIfStatus.run({ ...taskParams(task), expected_status: expectedStatus }).changes > 0;
    },
    ...createSqliteOutbox(routine),
    ...createSqliteActivity(routine),
    ...createSqliteDeadLetters(routine, alarms),
    async pruneProcessedMessages(olderThan) {
      return q.pruneProcessed(olderThan).changes;
    },
    async ping() {
      alarms.prepare('SELECT 1').get();
    },
    async close() {
      routine.close();
      alarms.close();
    },
  };
}
