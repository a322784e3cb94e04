import type { AccountStore } from '../../../app/ports/store/accounts.port.js';
import type { RegionStore } from '../../../app/ports/store/regions.port.js';
import type { UserStore } from '../../../app/ports/store/users.port.js';
import { sessionFromRow, sessionSummaryFromRow, type SessionRow, type SessionSummaryRow } from '../rows/account-rows.js';
import { userFromRow, type UserRow } from '../rows/store-registry-rows.js';
import { regionFromRow, type RegionRow } from '../rows/store-rows.js';
import { insertOrConflict, type SqliteContext } from './connection.js';
import { userFilter } from './list-filter.js';

// The people side of the embedded store: the county's regions (app/ports/store/regions.port.ts), the users who work
// the desk and answer the alarms (users.port.ts), and their sessions, failed logins, disabled accounts and passwords
// (accounts.port.ts). All on the alarms connection (synchronous FULL): a logout or a disabled account must not come
// back after a power loss.

export function createSqliteRegions({ alarms }: SqliteContext): RegionStore {
  const root = alarms.prepare('SELECT * FROM regions WHERE parent_id IS NULL ORDER BY path LIMIT 1');
  const insert = alarms.prepare('INSERT INTO regions (id, name, level, parent_id, path) VALUES (?, ?, ?, ?, ?)');
  const all = alarms.prepare('SELECT * FROM regions ORDER BY path');
  const relabel = alarms.prepare('UPDATE regions SET name = ?, level = ? WHERE id = ?');
  return {
    async rootRegion() {
      const r = root.get() as RegionRow | undefined;
      if (!r) throw new Error('the store has no root region; its migrations did not run');
      return regionFromRow(r);
    },
    async createRegion(r) {
      insertOrConflict(() => insert.run(r.id, r.name, r.level, r.parentId, r.path), `region ${r.id} exists`);
    },
    async listRegions() {
      return (all.all() as RegionRow[]).map(regionFromRow);
    },
    async relabelRegion(id, change) {
      relabel.run(change.name, change.level, id);
    },
  };
}

export function createSqliteUsers({ alarms }: SqliteContext): UserStore {
  const q = {
    count: alarms.prepare('SELECT COUNT(*) AS n FROM users'),
    insert: alarms.prepare(
      `INSERT INTO users (id, username, display_name, password_hash, role, region_id, responder_kind, phone, on_duty,
         disabled_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    byName: alarms.prepare('SELECT * FROM users WHERE username = ?'),
    byId: alarms.prepare('SELECT * FROM users WHERE id = ?'),
    update: alarms.prepare('UPDATE users SET on_duty = coalesce(?, on_duty), phone = coalesce(?, phone) WHERE id = ?'),
    openAlertAssignments: alarms.prepare(
      `SELECT assignee_id, COUNT(*) AS n FROM alerts WHERE assignee_id IS NOT NULL AND status IN ('dispatched', 'on_site') GROUP BY assignee_id`,
    ),
    openTaskAssignments: alarms.prepare(
      `SELECT assignee_id, COUNT(*) AS n FROM tasks WHERE assignee_id IS NOT NULL AND status IN ('assigned', 'accepted') GROUP BY assignee_id`,
    ),
  };
  return {
    async countUsers() {
      return (q.count.get() as { n: number } | undefined)?.n ?? 0;
    },
    async createUser(u) {
      insertOrConflict(
        () => q.insert.run(u.id, u.username, u.displayName, u.passwordHash, u.role, u.regionId, u.responderKind, u.phone, u.onDuty ? 1 : 0, u.disabledAt, u.createdAt),
        `username ${u.username} is taken`,
      );
    },
    async findUserByUsername(username) {
      const r = q.byName.get(username) as UserRow | undefined;
      return r ? userFromRow(r) : null;
    },
    async getUser(id) {
      const r = q.byId.get(id) as UserRow | undefined;
      return r ? userFromRow(r) : null;
    },
    async listUsers(filter) {
      const { where, params } = userFilter(filter);
      const rows = alarms.prepare(`SELECT u.* FROM users u JOIN regions r ON r.id = u.region_id ${where} ORDER BY u.username`).all(...params) as UserRow[];
      return rows.map(userFromRow);
    },
    async updateUser(id, patch) {
      q.update.run(patch.onDuty === undefined ? null : patch.onDuty ? 1 : 0, patch.phone ?? null, id);
    },
    async countOpenAssignments(userIds) {
      const counts = new Map<string, number>(userIds.map((id) => [id, 0]));
      const rows = [...q.openAlertAssignments.all(), ...q.openTaskAssignments.all()] as Array<{ assignee_id: string; n: number }>;
      for (const row of rows) {
        if (counts.has(row.assignee_id)) counts.set(row.assignee_id, (counts.get(row.assignee_id) ?? 0) + row.n);
      }
      return counts;
    },
  };
}

export function createSqliteAccounts({ alarms: db }: SqliteContext): AccountStore {
  const insertSession = db.prepare('INSERT INTO sessions (id, token_hash, user_id, created_at, expires_at, address) VALUES (?, ?, ?, ?, ?, ?)');
  const sessionByHash = db.prepare(
    `SELECT s.id, s.token_hash, s.user_id, s.expires_at, u.username, u.display_name, u.role, u.region_id, r.path
     FROM sessions s JOIN users u ON u.id = s.user_id JOIN regions r ON r.id = u.region_id
     WHERE s.token_hash = ? AND s.expires_at > ? AND s.revoked_at IS NULL AND u.disabled_at IS NULL`,
  );
  const liveSessions = db.prepare(
    `SELECT id, user_id, created_at, expires_at, address FROM sessions
     WHERE user_id = ? AND expires_at > ? AND revoked_at IS NULL ORDER BY created_at DESC, id`,
  );
  const revokeAll = db.prepare('UPDATE sessions SET revoked_at = ? WHERE user_id = ? AND expires_at > ? AND revoked_at IS NULL RETURNING id');
  const revokeOne = db.prepare('UPDATE sessions SET revoked_at = ? WHERE user_id = ? AND expires_at > ? AND revoked_at IS NULL AND id = ? RETURNING id');
  const setDisabled = db.prepare('UPDATE users SET disabled_at = ? WHERE id = ?');
  const setPassword = db.prepare('UPDATE users SET password_hash = ? WHERE id = ?');
  const failuresOf = db.prepare('SELECT failures, locked_until FROM login_failures WHERE username = ? AND address = ?');
  // One statement: two logins failing at once both count.
  const countFailure = db.prepare(
    `INSERT INTO login_failures (username, address, failures, locked_until) VALUES (?, ?, 1, ?)
     ON CONFLICT (username, address) DO UPDATE SET failures = failures + 1, locked_until = excluded.locked_until
     RETURNING failures`,
  );
  const resetOne = db.prepare('DELETE FROM login_failures WHERE username = ? AND address = ?');
  const resetAll = db.prepare('DELETE FROM login_failures WHERE username = ?');

  return {
    async createSession(s) {
      insertSession.run(s.id, s.tokenHash, s.userId, s.createdAt, s.expiresAt, s.address);
    },
    async findSession(tokenHash, now) {
      const r = sessionByHash.get(tokenHash, now) as SessionRow | undefined;
      return r ? sessionFromRow(r) : null;
    },
    async listSessions(userId, now) {
      return (liveSessions.all(userId, now) as SessionSummaryRow[]).map(sessionSummaryFromRow);
    },
    async revokeSessions(userId, at, sessionId) {
      const rows = (sessionId === undefined ? revokeAll.all(at, userId, at) : revokeOne.all(at, userId, at, sessionId)) as Array<{ id: string }>;
      return rows.map((r) => r.id);
    },
    async setUserDisabled(userId, disabledAt) {
      setDisabled.run(disabledAt, userId);
    },
    async setUserPassword(userId, passwordHash) {
      setPassword.run(passwordHash, userId);
    },
    async loginFailures(username, address) {
      const r = failuresOf.get(username, address) as { failures: number; locked_until: number | null } | undefined;
      return { failures: r?.failures ?? 0, lockedUntil: r?.locked_until ?? null };
    },
    async recordLoginFailure(username, address, lockedUntil) {
      return (countFailure.get(username, address, lockedUntil) as { failures: number }).failures;
    },
    async resetLoginFailures(username, address) {
      if (address === undefined) resetAll.run(username);
      else resetOne.run(username, address);
    },
  };
}
