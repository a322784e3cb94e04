import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { AlertType } from '../../../../schemas/index.js';
import type { Alert, TimelineEntry } from '../../core/alert.js';
import {
  StoreConflictError,
  type AlertFilter,
  type AlertWrite,
  type CommitOutcome,
  type DeadLetter,
  type DeviceRecord,
  type ElderRecord,
  type SessionRecord,
  type Store,
  type UserRecord,
  type UserRole,
} from '../../app/store.port.js';
import { SQLITE_MIGRATIONS } from './sqlite-schema.js';
import {
  alertFromRow,
  alertParams,
  alertWithElderFromRow,
  deviceFromRow,
  elderFromRow,
  timelineFromRow,
  type AlertRow,
  type AlertWithElderRow,
  type DeviceRow,
  type ElderRow,
  type TimelineRow,
} from './sqlite-rows.js';

// The embedded store (DESIGN.md, decision 6). Two connections to one WAL file:
// - `alarms` uses synchronous=FULL: a committed alert survives power loss before its PUBACK goes out;
// - `presence` uses synchronous=NORMAL for heartbeats and dead letters, which may lose the last moments on power
//   loss but are restated by the next heartbeat, so they need not pay an fsync each.

function open(path: string, synchronous: 'FULL' | 'NORMAL'): Database.Database {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${synchronous}`);
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  return db;
}

function migrate(db: Database.Database): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  SQLITE_MIGRATIONS.slice(current).forEach((sql, i) => {
    db.transaction(() => {
      db.exec(sql);
      db.pragma(`user_version = ${current + i + 1}`);
    })();
  });
}

const isUniqueViolation = (err: unknown): boolean =>
  err instanceof Error && 'code' in err && String((err as { code: unknown }).code).startsWith('SQLITE_CONSTRAINT');

/** The fields of an alert that change after it is raised. */
const SET_ALERT_FIELDS = `SET status = @status, last_seen_at = @last_seen_at, count = @count,
         acknowledged_at = @acknowledged_at, acknowledged_by = @acknowledged_by, resolved_at = @resolved_at,
         resolved_by = @resolved_by, resolution_note = @resolution_note, cancelled_at = @cancelled_at`;

const ALERT_WITH_ELDER = `SELECT a.*, e.name AS elder_name, e.address AS elder_address
  FROM alerts a JOIN elders e ON e.id = a.elder_id`;

export function createSqliteStore(path: string): Store {
  mkdirSync(dirname(path), { recursive: true });
  const alarms = open(path, 'FULL');
  migrate(alarms);
  const presence = open(path, 'NORMAL');

  const q = {
    countUsers: alarms.prepare('SELECT COUNT(*) AS n FROM users'),
    insertUser: alarms.prepare(
      'INSERT INTO users (id, username, password_hash, role, created_at) VALUES (?, ?, ?, ?, ?)',
    ),
    userByName: alarms.prepare('SELECT * FROM users WHERE username = ?'),
    insertSession: alarms.prepare('INSERT INTO sessions (token_hash, user_id, expires_at) VALUES (?, ?, ?)'),
    sessionByHash: alarms.prepare(
      `SELECT s.token_hash, s.user_id, s.expires_at, u.username, u.role
       FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = ? AND s.expires_at > ?`,
    ),
    insertElder: alarms.prepare('INSERT INTO elders (id, name, address, phone, created_at) VALUES (?, ?, ?, ?, ?)'),
    elderById: alarms.prepare('SELECT * FROM elders WHERE id = ?'),
    insertDevice: alarms.prepare(
      `INSERT INTO devices (id, elder_id, kind, secret_hash, online, battery, last_seen_at, created_at)
       VALUES (@id, @elder_id, @kind, @secret_hash, @online, @battery, @last_seen_at, @created_at)`,
    ),
    deviceById: alarms.prepare('SELECT * FROM devices WHERE id = ?'),
    allDevices: alarms.prepare('SELECT * FROM devices ORDER BY id'),
    updatePresence: presence.prepare('UPDATE devices SET online = ?, battery = ?, last_seen_at = ? WHERE id = ?'),
    openAlert: alarms.prepare(
      `SELECT * FROM alerts WHERE elder_id = ? AND type = ? AND status IN ('raised', 'acknowledged')`,
    ),
    insertProcessed: alarms.prepare(
      'INSERT OR IGNORE INTO processed_messages (device_id, msg_id, received_at) VALUES (?, ?, ?)',
    ),
    insertAlert: alarms.prepare(
      `INSERT INTO alerts (id, type, priority, status, elder_id, device_id, raised_at, last_seen_at, count,
         acknowledged_at, acknowledged_by, resolved_at, resolved_by, resolution_note, cancelled_at)
       VALUES (@id, @type, @priority, @status, @elder_id, @device_id, @raised_at, @last_seen_at, @count,
         @acknowledged_at, @acknowledged_by, @resolved_at, @resolved_by, @resolution_note, @cancelled_at)`,
    ),
    updateAlert: alarms.prepare(`UPDATE alerts ${SET_ALERT_FIELDS} WHERE id = @id`),
    updateAlertIfStatus: alarms.prepare(`UPDATE alerts ${SET_ALERT_FIELDS} WHERE id = @id AND status = @expected_status`),
    insertTimeline: alarms.prepare(
      'INSERT INTO alert_timeline (alert_id, at, action, actor, note) VALUES (?, ?, ?, ?, ?)',
    ),
    alertById: alarms.prepare(`${ALERT_WITH_ELDER} WHERE a.id = ?`),
    timeline: alarms.prepare('SELECT * FROM alert_timeline WHERE alert_id = ? ORDER BY seq'),
    insertDeadLetter: presence.prepare(
      'INSERT INTO dead_letters (device_id, topic, reason, payload_excerpt, received_at) VALUES (?, ?, ?, ?, ?)',
    ),
    pruneProcessed: alarms.prepare('DELETE FROM processed_messages WHERE received_at < ?'),
  };

  const appendTimeline = (e: TimelineEntry) => q.insertTimeline.run(e.alertId, e.at, e.action, e.actor, e.note);

  const commitMessage = alarms.transaction(
    (message: { deviceId: string; msgId: string; receivedAt: number }, writes: AlertWrite[]): CommitOutcome => {
      const recorded = q.insertProcessed.run(message.deviceId, message.msgId, message.receivedAt);
      if (recorded.changes === 0) return 'duplicate';
      for (const w of writes) {
        (w.kind === 'insert' ? q.insertAlert : q.updateAlert).run(alertParams(w.alert));
        appendTimeline(w.entry);
      }
      return 'committed';
    },
  );

  const transition = alarms.transaction((alert: Alert, entry: TimelineEntry, expected: string): boolean => {
    const changed = q.updateAlertIfStatus.run({ ...alertParams(alert), expected_status: expected }).changes;
    if (changed === 0) return false;
    appendTimeline(entry);
    return true;
  });

  // better-sqlite3 is synchronous; the contract is async so that PostgreSQL fits behind it. async functions
  // turn a thrown error into a rejection, which is what callers of the contract expect.
  return {
    async countUsers() {
      return (q.countUsers.get() as { n: number }).n;
    },
    async createUser(u: UserRecord) {
      try {
        q.insertUser.run(u.id, u.username, u.passwordHash, u.role, u.createdAt);
      } catch (err) {
        if (isUniqueViolation(err)) throw new StoreConflictError(`username ${u.username} is taken`);
        throw err;
      }
    },
    async findUserByUsername(username) {
      const r = q.userByName.get(username) as
        | { id: string; username: string; password_hash: string; role: UserRole; created_at: number }
        | undefined;
      return r
        ? { id: r.id, username: r.username, passwordHash: r.password_hash, role: r.role, createdAt: r.created_at }
        : null;
    },
    async createSession(s) {
      q.insertSession.run(s.tokenHash, s.userId, s.expiresAt);
    },
    async findSession(tokenHash, now): Promise<SessionRecord | null> {
      const r = q.sessionByHash.get(tokenHash, now) as
        | { token_hash: string; user_id: string; expires_at: number; username: string; role: UserRole }
        | undefined;
      return r
        ? { tokenHash: r.token_hash, userId: r.user_id, username: r.username, role: r.role, expiresAt: r.expires_at }
        : null;
    },
    async createElder(e: ElderRecord) {
      q.insertElder.run(e.id, e.name, e.address, e.phone, e.createdAt);
    },
    async getElder(id) {
      const r = q.elderById.get(id) as ElderRow | undefined;
      return r ? elderFromRow(r) : null;
    },
    async createDevice(d: DeviceRecord) {
      try {
        q.insertDevice.run({
          id: d.id,
          elder_id: d.elderId,
          kind: d.kind,
          secret_hash: d.secretHash,
          online: d.online ? 1 : 0,
          battery: d.battery,
          last_seen_at: d.lastSeenAt,
          created_at: d.createdAt,
        });
      } catch (err) {
        if (isUniqueViolation(err)) throw new StoreConflictError(`device ${d.id} exists`);
        throw err;
      }
    },
    async getDevice(id) {
      const r = q.deviceById.get(id) as DeviceRow | undefined;
      return r ? deviceFromRow(r) : null;
    },
    async listDevices() {
      return (q.allDevices.all() as DeviceRow[]).map(deviceFromRow);
    },
    async updateDevicePresence(id, p) {
      q.updatePresence.run(p.online ? 1 : 0, p.battery, p.lastSeenAt, id);
    },
    async findOpenAlert(elderId: string, type: AlertType) {
      const r = q.openAlert.get(elderId, type) as AlertRow | undefined;
      return r ? alertFromRow(r) : null;
    },
    async commitDeviceMessage(message, writes) {
      return commitMessage(message, writes);
    },
    async transitionAlert(alert, entry, expectedStatus) {
      return transition(alert, entry, expectedStatus);
    },
    async getAlert(id) {
      const r = q.alertById.get(id) as AlertWithElderRow | undefined;
      return r ? alertWithElderFromRow(r) : null;
    },
    async listAlerts(filter: AlertFilter) {
      const where =
        filter.statuses === 'all' ? '' : `WHERE a.status IN (${filter.statuses.map(() => '?').join(', ')})`;
      const params = filter.statuses === 'all' ? [] : [...filter.statuses];
      const rows = alarms
        .prepare(`${ALERT_WITH_ELDER} ${where} ORDER BY a.priority ASC, a.raised_at DESC LIMIT ?`)
        .all(...params, filter.limit) as AlertWithElderRow[];
      return rows.map(alertWithElderFromRow);
    },
    async getTimeline(alertId) {
      return (q.timeline.all(alertId) as TimelineRow[]).map(timelineFromRow);
    },
    async recordDeadLetter(l: DeadLetter) {
      q.insertDeadLetter.run(l.deviceId, l.topic, l.reason, l.payloadExcerpt, l.receivedAt);
    },
    async pruneProcessedMessages(olderThan) {
      return q.pruneProcessed.run(olderThan).changes;
    },
    async ping() {
      alarms.prepare('SELECT 1').get();
    },
    async close() {
      presence.close();
      alarms.close();
    },
  };
}
