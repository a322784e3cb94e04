import type pg from 'pg';
import { StoreConflictError, type AlertFilter, type Store, type TaskFilter } from '../../app/store.port.js';
import type { RuleStateValue } from '../../core/elder-state.js';
import { createPgCommit, insertAudit, insertTimeline, updateAlertWhileStatus, updateTaskWhileStatus } from './pg-commit.js';
import { inTransaction, isUniqueViolation, migratePg, openPgPool } from './pg-connection.js';
import { auditFilter, listFilter, userFilter } from './pg-list-filter.js';
import { createPgAccounts } from './pg-accounts.js';
import { createPgDeadLetters } from './pg-dead-letters.js';
import { createPgOutbox } from './pg-outbox.js';
import { createPgActivity } from './pg-activity.js';
import {
  ALERT_MUTABLE_COLUMNS,
  AUDIT_COLUMNS,
  DEVICE_COLUMNS,
  ELDER_COLUMNS,
  REGION_COLUMNS,
  TASK_MUTABLE_COLUMNS,
  TIMELINE_COLUMNS,
  USER_COLUMNS,
  valuesOf,
} from './pg-columns.js';
import { columnList } from './pg-statements.js';
import { q, withElder } from './pg-store-queries.js';
import { deviceFromRow, deviceToRow, elderFromRow, elderToRow, userFromRow, userToRow, type DeviceRow, type ElderRow, type UserRow } from './store-registry-rows.js';
import {
  alertFromRow,
  alertToRow,
  alertWithElderFromRow,
  auditFromRow,
  auditToRow,
  deadlineFromRow,
  deviceEventFromRow,
  regionFromRow,
  regionToRow,
  taskFromRow,
  taskToRow,
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

// The shared store (docs/decisions/0006-one-store-contract-two-engines.md): one PostgreSQL database behind several gateway instances. Each instance
// has its own pool; whatever two instances may do at once is settled in the database (pg-commit.ts), never in memory.

/** Runs an insert; a unique violation becomes the contract's StoreConflictError with `message`. */
async function insertOrConflict(pool: pg.Pool, query: pg.QueryConfig, message: string): Promise<void> {
  try {
    await pool.query(query);
  } catch (err) {
    if (isUniqueViolation(err)) throw new StoreConflictError(message);
    throw err;
  }
}

export async function createPgStore(url: string, options: { poolSize?: number; applicationName?: string } = {}): Promise<Store> {
  const pool = openPgPool(url, { max: options.poolSize ?? 10, ...(options.applicationName ? { applicationName: options.applicationName } : {}) });
  try {
    await migratePg(pool);
  } catch (err) {
    await pool.end();
    throw err;
  }
  const rows = async <T extends pg.QueryResultRow>(query: pg.QueryConfig): Promise<T[]> => (await pool.query<T>(query)).rows;
  const first = async <T extends pg.QueryResultRow>(query: pg.QueryConfig): Promise<T | undefined> => (await rows<T>(query))[0];
  const commit = createPgCommit(pool);

  return {
    async rootRegion() {
      const r = await first<RegionRow>(q.rootRegion());
      if (!r) throw new Error('the store has no root region; its migrations did not run');
      return regionFromRow(r);
    },
    async createRegion(r) {
      await insertOrConflict(pool, q.insertRegion(...valuesOf(regionToRow(r), REGION_COLUMNS)), `region ${r.id} exists`);
    },
    async listRegions() {
      return (await rows<RegionRow>(q.allRegions())).map(regionFromRow);
    },
    async countUsers() {
      return (await first<{ n: number }>(q.countUsers()))?.n ?? 0;
    },
    async createUser(u) {
      await insertOrConflict(pool, q.insertUser(...valuesOf(userToRow(u), USER_COLUMNS)), `username ${u.username} is taken`);
    },
    async findUserByUsername(username) {
      const r = await first<UserRow>(q.userByName(username));
      return r ? userFromRow(r) : null;
    },
    async getUser(id) {
      const r = await first<UserRow>(q.userById(id));
      return r ? userFromRow(r) : null;
    },
    async listUsers(filter) {
      const { where, values } = userFilter(filter);
      const text = `SELECT ${columnList(USER_COLUMNS, 'u')} FROM users u JOIN regions r ON r.id = u.region_id ${where} ORDER BY u.username`;
      return (await pool.query<UserRow>(text, values)).rows.map(userFromRow);
    },
    async updateUser(id, patch) {
      await pool.query(q.updateUser(patch.onDuty ?? null, patch.phone ?? null, id));
    },
    ...createPgAccounts(pool),
    async countOpenAssignments(userIds) {
      const counts = new Map<string, number>(userIds.map((id) => [id, 0]));
      for (const row of await rows<{ assignee_id: string; n: number }>(q.openAssignments(userIds))) counts.set(row.assignee_id, row.n);
      return counts;
    },
    async appendAudit(a) {
      await pool.query(insertAudit(...valuesOf(auditToRow(a), AUDIT_COLUMNS)));
    },
    async listAudit(filter) {
      const { where, values } = auditFilter(filter);
      const text = `SELECT ${columnList(AUDIT_COLUMNS)} FROM audit_log ${where} ORDER BY seq DESC LIMIT $${values.length + 1}`;
      return (await pool.query<AuditRow>(text, [...values, filter.limit])).rows.map(auditFromRow);
    },
    async createElder(e) {
      await pool.query(q.insertElder(...valuesOf(elderToRow(e), ELDER_COLUMNS)));
    },
    async updateElderRecord(id, patch) {
      const json = (v: unknown) => (v === undefined ? null : JSON.stringify(v));
      await pool.query(
        q.updateElderRecord(id, patch.name ?? null, patch.address ?? null, patch.phone !== undefined, patch.phone ?? null, patch.regionId ?? null,
          json(patch.contacts), patch.medicalNotes ?? null, patch.accessNotes ?? null, json(patch.assignedResponderIds)),
      );
    },
    async getElder(id) {
      const r = await first<ElderRow>(q.elderById(id));
      return r ? elderFromRow(r) : null;
    },
    async listElders() {
      return (await rows<ElderRow>(q.allElders())).map(elderFromRow);
    },
    async updateElderCareProfile(id, profile) {
      await pool.query(q.updateCareProfile(profile.riskCategory, JSON.stringify(profile.thresholdOverrides), id));
    },
    async setElderAway(id, away) {
      await pool.query(q.setAway(away?.since ?? null, away?.until ?? null, away?.reason ?? null, id));
    },
    async createDevice(d) {
      await insertOrConflict(pool, q.insertDevice(...valuesOf(deviceToRow(d), DEVICE_COLUMNS)), `device ${d.id} exists`);
    },
    async getDevice(id) {
      const r = await first<DeviceRow>(q.deviceById(id));
      return r ? deviceFromRow(r) : null;
    },
    async listDevices() {
      return (await rows<DeviceRow>(q.allDevices())).map(deviceFromRow);
    },
    async setDeviceSecret(id, hashes) {
      await pool.query(q.setSecret(hashes.secretHash, hashes.brokerPasswordHash, id));
    },
    async setDeviceTestMode(id, until) {
      await pool.query(q.setTestMode(until, id));
    },
    async listDeviceEvents(deviceId, limit) {
      return (await rows<DeviceEventRow>(q.deviceEvents(deviceId, limit))).map(deviceEventFromRow);
    },
    async findOpenAlerts(elderId) {
      return (await rows<AlertRow>(q.openAlerts(elderId))).map(alertFromRow);
    },
    async findOpenTasks(elderId) {
      return (await rows<TaskRow>(q.openTasks(elderId))).map(taskFromRow);
    },
    async listRuleStates(elderId) {
      const found = await rows<{ elder_id: string; key: string; value: string }>(elderId === undefined ? q.ruleStates() : q.ruleStatesOfElder(elderId));
      return found.map((r) => ({ elderId: r.elder_id, key: r.key, value: JSON.parse(r.value) as RuleStateValue }));
    },
    async dueDeadlines(now, limit) {
      return (await rows<DeadlineRow>(q.dueDeadlines(now, limit))).map(deadlineFromRow);
    },
    async listDeadlines(elderId) {
      return (await rows<DeadlineRow>(q.deadlinesOfElder(elderId))).map(deadlineFromRow);
    },
    commit,
    async transitionAlert(alert, entry, expectedStatus) {
      const row = alertToRow(alert);
      return inTransaction(pool, 'BEGIN', async (client) => {
        const updated = await client.query(updateAlertWhileStatus(row.id, ...valuesOf(row, ALERT_MUTABLE_COLUMNS), expectedStatus));
        if ((updated.rowCount ?? 0) === 0) return false;
        await client.query(insertTimeline(...valuesOf(timelineToRow(entry), TIMELINE_COLUMNS)));
        return true;
      });
    },
    async getAlert(id) {
      const r = await first<AlertRow & WithElderColumns>(q.alertById(id));
      return r ? alertWithElderFromRow(r) : null;
    },
    async listAlerts(filter: AlertFilter) {
      const { where, values } = listFilter(filter);
      const text = `${withElder('alerts')} ${where} ORDER BY x.priority ASC, x.raised_at DESC LIMIT $${values.length + 1}`;
      return (await pool.query<AlertRow & WithElderColumns>(text, [...values, filter.limit])).rows.map(alertWithElderFromRow);
    },
    async getTimeline(alertId) {
      return (await rows<TimelineRow>(q.timeline(alertId))).map(timelineFromRow);
    },
    async getTask(id) {
      const r = await first<TaskRow & WithElderColumns>(q.taskById(id));
      return r ? taskWithElderFromRow(r) : null;
    },
    async listTasks(filter: TaskFilter) {
      const { where, values } = listFilter(filter);
      const text = `${withElder('tasks')} ${where} ORDER BY x.created_at DESC LIMIT $${values.length + 1}`;
      return (await pool.query<TaskRow & WithElderColumns>(text, [...values, filter.limit])).rows.map(taskWithElderFromRow);
    },
    async updateTask(task, expectedStatus) {
      const row = taskToRow(task);
      return ((await pool.query(updateTaskWhileStatus(row.id, ...valuesOf(row, TASK_MUTABLE_COLUMNS), expectedStatus))).rowCount ?? 0) > 0;
    },
    ...createPgOutbox(pool),
    ...createPgActivity(pool),
    ...createPgDeadLetters(pool),
    async pruneProcessedMessages(olderThan) {
      return (await pool.query(q.pruneProcessed(olderThan))).rowCount ?? 0;
    },
    async ping() {
      await pool.query('SELECT 1');
    },
    async close() {
      // Idempotent, as closing the SQLite store is: pg refuses a second end().
      if (!pool.ending) await pool.end();
    },
  };
}
