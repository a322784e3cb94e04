import type Database from 'better-sqlite3';
import type { AccountStore } from '../../app/account-store.port.js';
import { sessionFromRow, sessionSummaryFromRow, type SessionRow, type SessionSummaryRow } from './account-rows.js';

// Sessions, failed logins, disabled accounts and passwords in the embedded store (account-store.port.ts). On the
// alarms connection (synchronous FULL): a logout or a disabled account must not come back after a power loss.

export function createSqliteAccounts(db: Database.Database): AccountStore {
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
