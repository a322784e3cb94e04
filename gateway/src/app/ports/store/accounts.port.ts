import type { UserRole } from '../../../../../schemas/index.js';

// The part of the store that logins and sessions need (auth.service.ts): sessions that can be listed and revoked,
// failed logins counted per account name and client address, disabled accounts and new passwords. In the store,
// not in memory, so that with several instances on one PostgreSQL a logout or a disabled account holds on every
// one of them at the next request.

/** A valid session with what scoping needs: the user's role and region path. */
export interface SessionRecord {
  /** The session's public id (listing, revoking one); the token itself is never stored. */
  sessionId: string;
  tokenHash: string;
  userId: string;
  username: string;
  displayName: string;
  role: UserRole;
  regionId: string;
  regionPath: string;
  expiresAt: number;
}

/** A live session as its owner and admins see it; never its token or the token's hash. */
export interface SessionSummary {
  id: string;
  userId: string;
  createdAt: number;
  expiresAt: number;
  /** The client address it was opened from. */
  address: string | null;
}

export interface LoginFailures {
  /** Failed logins in a row for the name from the address. */
  failures: number;
  lockedUntil: number | null;
}

export interface AccountStore {
  createSession(session: { id: string; tokenHash: string; userId: string; createdAt: number; expiresAt: number; address: string | null }): Promise<void>;
  /** The session of a token while it is live: not expired, not revoked, its user not disabled. */
  findSession(tokenHash: string, now: number): Promise<SessionRecord | null>;
  /** The user's live sessions, newest first. */
  listSessions(userId: string, now: number): Promise<SessionSummary[]>;
  /** Revokes the user's live sessions (only `sessionId`, when given); returns the ids revoked by this call. */
  revokeSessions(userId: string, at: number, sessionId?: string): Promise<string[]>;
  /** A disabled user's sessions stop working at once; null enables the account again. */
  setUserDisabled(userId: string, disabledAt: number | null): Promise<void>;
  setUserPassword(userId: string, passwordHash: string): Promise<void>;

  /**
   * Failed logins are counted per (username, address), for names that exist and names that do not alike: a stranger
   * locks only their own address out, and an unknown name locks the same way a known one does.
   */
  loginFailures(username: string, address: string): Promise<LoginFailures>;
  /** Counts one more failure; `lockedUntil` set when the count reached the limit. Returns the new count. */
  recordLoginFailure(username: string, address: string, lockedUntil: number | null): Promise<number>;
  /** Forgets the failures of the name from the address, or from every address (a new password, a re-enabled account). */
  resetLoginFailures(username: string, address?: string): Promise<void>;
}
