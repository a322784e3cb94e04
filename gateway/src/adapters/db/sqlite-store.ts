import type Database from 'better-sqlite3';
import {
  StoreConflictError,
  type AlertFilter,
  type DeadLetter,
  type DeviceRecord,
  type ElderRecord,
  type SessionRecord,
  type Store,
  type TaskFilter,
  type UserRecord,
  type UserRole,
} from '../../app/store.port.js';
import type { RuleStateValue } from '../../core/elder-state.js';
import { INSERT_TIMELINE, prepareCommit, SET_ALERT_FIELDS } from './sqlite-commit.js';
import { isUniqueViolation, migrateSqlite, openSqlite } from './sqlite-connection.js';
import {
  alertFromRow,
  alertParams,
  alertWithElderFromRow,
  deadlineFromRow,
  deviceEventFromRow,
  deviceFromRow,
  elderFromRow,
  taskFromRow,
  taskParams,
  taskWithElderFromRow,
  timelineFromRow,
  type AlertRow,
  type DeadlineRow,
  type DeviceEventRow,
  type DeviceRow,
  type ElderRow,
  type TaskRow,
  type TimelineRow,
  type WithElderColumns,
} from './sqlite-rows.js';

// The embedded store (DESIGN.md, decision 6). Two connections to one WAL file:
// - `alarms` uses synchronous=FULL: a committed alert survives power loss before its PUBACK goes out;
// - `routine` uses synchronous=NORMAL for heartbeats, deadline moves and dead letters, which may lose the last
//   moments on power loss but are restated by the device's next message, so they need not pay an fsync each.

const OPEN = `('raised', 'acknowledged')`;
const WITH_ELDER = (table: 'alerts' | 'tasks') =>
  `SELECT x.*, e.name AS elder_name, e.address AS elder_address FROM ${table} x JOIN elders e ON e.id = x.elder_id`;

function statusFilter(statuses: readonly string[] | 'all'): { where: string; params: string[] } {
  if (statuses === 'all') return { where: '', params: [] };
  return { where: `WHERE x.status IN (${statuses.map(() => '?').join(', ')})`, params: [...statuses] };
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
    insertUser: run(alarms, 'INSERT INTO users (id, username, password_hash, role, created_at) VALUES (?, ?, ?, ?, ?)'),
    userByName: get<{ id: string; username: string; password_hash: string; role: UserRole; created_at: number }>(
      alarms,
      'SELECT * FROM users WHERE username = ?',
    ),
    insertSession: run(alarms, 'INSERT INTO sessions (token_hash, user_id, expires_at) VALUES (?, ?, ?)'),
    sessionByHash: get<{ token_hash: string; user_id: string; expires_at: number; username: string; role: UserRole }>(
      alarms,
      `SELECT s.token_hash, s.user_id, s.expires_at, u.username, u.role
       FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = ? AND s.expires_at > ?`,
    ),
    insertElder: run(
      alarms,
      `INSERT INTO elders (id, name, address, phone, risk_category, threshold_overrides, away_since, away_until,
         away_reason, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    elderById: get<ElderRow>(alarms, 'SELECT * FROM elders WHERE id = ?'),
    allElders: all<ElderRow>(alarms, 'SELECT * FROM elders ORDER BY id'),
    updateCareProfile: run(alarms, 'UPDATE elders SET risk_category = ?, threshold_overrides = ? WHERE id = ?'),
    setAway: run(alarms, 'UPDATE elders SET away_since = ?, away_until = ?, away_reason = ? WHERE id = ?'),
    insertDevice: run(
      alarms,
      `INSERT INTO devices (id, elder_id, kind, room, secret_hash, test_mode_until, online, battery, last_seen_at,
         created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    deviceById: get<DeviceRow>(alarms, 'SELECT * FROM devices WHERE id = ?'),
    allDevices: all<DeviceRow>(alarms, 'SELECT * FROM devices ORDER BY id'),
    setTestMode: run(alarms, 'UPDATE devices SET test_mode_until = ? WHERE id = ?'),
    deviceEvents: all<DeviceEventRow>(alarms, 'SELECT * FROM device_events WHERE device_id = ? ORDER BY seq DESC LIMIT ?'),
    openAlerts: all<AlertRow>(alarms, `SELECT * FROM alerts WHERE elder_id = ? AND status IN ${OPEN}`),
    openTasks: all<TaskRow>(alarms, `SELECT * FROM tasks WHERE elder_id = ? AND status = 'open'`),
    ruleStates: all<{ elder_id: string; key: string; value: string }>(alarms, 'SELECT * FROM rule_states'),
    dueDeadlines: all<DeadlineRow>(alarms, 'SELECT * FROM deadlines WHERE due_at <= ? ORDER BY due_at LIMIT ?'),
    deadlinesOfElder: all<DeadlineRow>(alarms, 'SELECT * FROM deadlines WHERE elder_id = ? ORDER BY due_at'),
    updateAlertIfStatus: alarms.prepare(`UPDATE alerts ${SET_ALERT_FIELDS} WHERE id = @id AND status = @expected_status`),
    insertTimeline: alarms.prepare(INSERT_TIMELINE),
    alertById: get<AlertRow & WithElderColumns>(alarms, `${WITH_ELDER('alerts')} WHERE x.id = ?`),
    timeline: all<TimelineRow>(alarms, 'SELECT * FROM alert_timeline WHERE alert_id = ? ORDER BY seq'),
    taskById: get<TaskRow & WithElderColumns>(alarms, `${WITH_ELDER('tasks')} WHERE x.id = ?`),
    updateTaskIfStatus: alarms.prepare(
      `UPDATE tasks SET status = @status, completed_at = @completed_at, completed_by = @completed_by, note = @note
       WHERE id = @id AND status = @expected_status`,
    ),
    insertDeadLetter: run(
      routine,
      'INSERT INTO dead_letters (device_id, topic, reason, payload_excerpt, received_at) VALUES (?, ?, ?, ?, ?)',
    ),
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
    async countUsers() {
      return q.countUsers()?.n ?? 0;
    },
    async createUser(u: UserRecord) {
      try {
        q.insertUser(u.id, u.username, u.passwordHash, u.role, u.createdAt);
      } catch (err) {
        if (isUniqueViolation(err)) throw new StoreConflictError(`username ${u.username} is taken`);
        throw err;
      }
    },
    async findUserByUsername(username) {
      const r = q.userByName(username);
      return r ? { id: r.id, username: r.username, passwordHash: r.password_hash, role: r.role, createdAt: r.created_at } : null;
    },
    async createSession(s) {
      q.insertSession(s.tokenHash, s.userId, s.expiresAt);
    },
    async findSession(tokenHash, now): Promise<SessionRecord | null> {
      const r = q.sessionByHash(tokenHash, now);
      return r ? { tokenHash: r.token_hash, userId: r.user_id, username: r.username, role: r.role, expiresAt: r.expires_at } : null;
    },
    async createElder(e: ElderRecord) {
      q.insertElder(e.id, e.name, e.address, e.phone, e.riskCategory, JSON.stringify(e.thresholdOverrides),
        e.away?.since ?? null, e.away?.until ?? null, e.away?.reason ?? null, e.createdAt);
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
        q.insertDevice(d.id, d.elderId, d.kind, d.room, d.secretHash, d.testModeUntil, d.online ? 1 : 0, d.battery, d.lastSeenAt, d.createdAt);
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
    async listDeviceEvents(deviceId, limit) {
      return q.deviceEvents(deviceId, limit).map(deviceEventFromRow);
    },
    async findOpenAlerts(elderId) {
      return q.openAlerts(elderId).map(alertFromRow);
    },
    async findOpenTasks(elderId) {
      return q.openTasks(elderId).map(taskFromRow);
    },
    async listRuleStates() {
      return q.ruleStates().map((r) => ({ elderId: r.elder_id, key: r.key, value: JSON.parse(r.value) as RuleStateValue }));
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
        { alert_id: entry.alertId, at: entry.at, action: entry.action, actor: entry.actor, note: entry.note },
      );
    },
    async getAlert(id) {
      const r = q.alertById(id);
      return r ? alertWithElderFromRow(r) : null;
    },
    async listAlerts(filter: AlertFilter) {
      const { where, params } = statusFilter(filter.statuses);
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
      const { where, params } = statusFilter(filter.statuses);
      const rows = alarms
        .prepare(`${WITH_ELDER('tasks')} ${where} ORDER BY x.created_at DESC LIMIT ?`)
        .all(...params, filter.limit) as Array<TaskRow & WithElderColumns>;
      return rows.map(taskWithElderFromRow);
    },
    async updateTask(task, expectedStatus) {
      return q.updateTaskIfStatus.run({ ...taskParams(task), expected_status: expectedStatus }).changes > 0;
    },
    async recordDeadLetter(l: DeadLetter) {
      q.insertDeadLetter(l.deviceId, l.topic, l.reason, l.payloadExcerpt, l.receivedAt);
    },
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
