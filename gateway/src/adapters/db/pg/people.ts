import type { AccountStore } from '../../../app/ports/store/accounts.port.js';
import type { RegionStore } from '../../../app/ports/store/regions.port.js';
import type { UserStore } from '../../../app/ports/store/users.port.js';
import { sessionFromRow, sessionSummaryFromRow, type SessionRow, type SessionSummaryRow } from '../rows/account-rows.js';
import { userFromRow, userToRow, type UserRow } from '../rows/store-registry-rows.js';
import { regionFromRow, regionToRow, type RegionRow } from '../rows/store-rows.js';
import { insertOrConflict, type PgContext } from './connection.js';
import { userFilter } from './list-filter.js';
import { columnList, insertInto, named, REGION_COLUMNS, USER_COLUMNS, valuesOf } from './statements.js';

// The people side of the shared store: the county's regions (app/ports/store/regions.port.ts), the users who work
// the desk and answer the alarms (users.port.ts), and their sessions, failed logins, disabled accounts and passwords
// (accounts.port.ts). Every instance reads a token's session from here at each request, so a logout on one instance
// holds on all of them.

const q = {
  rootRegion: named('root-region', `SELECT ${columnList(REGION_COLUMNS)} FROM regions WHERE parent_id IS NULL ORDER BY path LIMIT 1`),
  insertRegion: named('insert-region', insertInto('regions', REGION_COLUMNS)),
  allRegions: named('all-regions', `SELECT ${columnList(REGION_COLUMNS)} FROM regions ORDER BY path`),
  relabelRegion: named('relabel-region', 'UPDATE regions SET name = $1, level = $2 WHERE id = $3'),
  countUsers: named('count-users', 'SELECT COUNT(*) AS n FROM users'),
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
  insertSession: named('insert-session', 'INSERT INTO sessions (id, token_hash, user_id, created_at, expires_at, address) VALUES ($1, $2, $3, $4, $5, $6)'),
  sessionByHash: named(
    'session-by-hash',
    `SELECT s.id, s.token_hash, s.user_id, s.expires_at, u.username, u.display_name, u.role, u.region_id, r.path
     FROM sessions s JOIN users u ON u.id = s.user_id JOIN regions r ON r.id = u.region_id
     WHERE s.token_hash = $1 AND s.expires_at > $2 AND s.revoked_at IS NULL AND u.disabled_at IS NULL`,
  ),
  liveSessions: named(
    'live-sessions',
    `SELECT id, user_id, created_at, expires_at, address FROM sessions
     WHERE user_id = $1 AND expires_at > $2 AND revoked_at IS NULL ORDER BY created_at DESC, id COLLATE "C"`,
  ),
  revokeAll: named('revoke-sessions', 'UPDATE sessions SET revoked_at = $1 WHERE user_id = $2 AND expires_at > $1 AND revoked_at IS NULL RETURNING id'),
  revokeOne: named(
    'revoke-session',
    'UPDATE sessions SET revoked_at = $1 WHERE user_id = $2 AND expires_at > $1 AND revoked_at IS NULL AND id = $3 RETURNING id',
  ),
  setDisabled: named('set-user-disabled', 'UPDATE users SET disabled_at = $1 WHERE id = $2'),
  setPassword: named('set-user-password', 'UPDATE users SET password_hash = $1 WHERE id = $2'),
  failuresOf: named('login-failures', 'SELECT failures, locked_until FROM login_failures WHERE username = $1 AND address = $2'),
  // One statement: two instances counting failures of one name at once both count.
  countFailure: named(
    'login-failed',
    `INSERT INTO login_failures (username, address, failures, locked_until) VALUES ($1, $2, 1, $3)
     ON CONFLICT (username, address) DO UPDATE SET failures = login_failures.failures + 1, locked_until = excluded.locked_until
     RETURNING failures`,
  ),
  resetOne: named('login-reset', 'DELETE FROM login_failures WHERE username = $1 AND address = $2'),
  resetAll: named('login-reset-all', 'DELETE FROM login_failures WHERE username = $1'),
};

export function createPgRegions({ pool, rows, first }: PgContext): RegionStore {
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
    async relabelRegion(id, change) {
      await pool.query(q.relabelRegion(change.name, change.level, id));
    },
  };
}

export function createPgUsers({ pool, rows, first }: PgContext): UserStore {
  return {
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
    async countOpenAssignments(userIds) {
      const counts = new Map<string, number>(userIds.map((id) => [id, 0]));
      for (const row of await rows<{ assignee_id: string; n: number }>(q.openAssignments(userIds))) counts.set(row.assignee_id, row.n);
      return counts;
    },
  };
}

export function createPgAccounts({ pool, rows }: PgContext): AccountStore {
  return {
    async createSession(s) {
      await pool.query(q.insertSession(s.id, s.tokenHash, s.userId, s.createdAt, s.expiresAt, s.address));
    },
    async findSession(tokenHash, now) {
      const [r] = await rows<SessionRow>(q.sessionByHash(tokenHash, now));
      return r ? sessionFromRow(r) : null;
    },
    async listSessions(userId, now) {
      return (await rows<SessionSummaryRow>(q.liveSessions(userId, now))).map(sessionSummaryFromRow);
    },
    async revokeSessions(userId, at, sessionId) {
      const revoked = await rows<{ id: string }>(sessionId === undefined ? q.revokeAll(at, userId) : q.revokeOne(at, userId, sessionId));
      return revoked.map((r) => r.id);
    },
    async setUserDisabled(userId, disabledAt) {
      await pool.query(q.setDisabled(disabledAt, userId));
    },
    async setUserPassword(userId, passwordHash) {
      await pool.query(q.setPassword(passwordHash, userId));
    },
    async loginFailures(username, address) {
      const [r] = await rows<{ failures: number; locked_until: number | null }>(q.failuresOf(username, address));
      return { failures: r?.failures ?? 0, lockedUntil: r?.locked_until ?? null };
    },
    async recordLoginFailure(username, address, lockedUntil) {
      const [r] = await rows<{ failures: number }>(q.countFailure(username, address, lockedUntil));
      return r?.failures ?? 0;
    },
    async resetLoginFailures(username, address) {
      await pool.query(address === undefined ? q.resetAll(username) : q.resetOne(username, address));
    },
  };
}
