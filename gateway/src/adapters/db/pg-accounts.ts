import type pg from 'pg';
import type { AccountStore } from '../../app/account-store.port.js';
import { sessionFromRow, sessionSummaryFromRow, type SessionRow, type SessionSummaryRow } from './account-rows.js';
import { named } from './pg-statements.js';

// Sessions, failed logins, disabled accounts and passwords in the shared store (account-store.port.ts). Every
// instance reads a token's session from here at each request, so a logout on one instance holds on all of them.

const q = {
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

export function createPgAccounts(pool: pg.Pool): AccountStore {
  const rows = async <T extends pg.QueryResultRow>(query: pg.QueryConfig): Promise<T[]> => (await pool.query<T>(query)).rows;

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
