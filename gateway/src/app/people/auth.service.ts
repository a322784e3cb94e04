import type { Logger } from 'pino';
import type { SessionRecord, SessionSummary, AccountStore } from '../ports/store/accounts.port.js';
import { AppError } from '../errors.js';
import { hashPassword, newSessionToken, randomPassword, sha256, verifyPassword } from '../secrets.js';
import type { SessionRevocations } from '../directories/session-revocations.js';
import { StoreConflictError } from '../ports/store/store.port.js';
import type { AuditStore } from '../ports/store/audit.port.js';
import type { RegionStore } from '../ports/store/regions.port.js';
import type { UserStore } from '../ports/store/users.port.js';

// People's logins and sessions. Tokens are opaque random strings; only their SHA-256 is stored, with a session id
// that lists and revokes it. Every login, good or bad, is in the audit log.
// Failed logins lock a name for one client address only: a stranger who types a desk's name five times locks out
// their own address, not the desk. A login spends the same work (one scrypt, the same store writes) whether the name
// exists or not, so neither the reply nor its time says which names exist.

export interface AuthOptions {
  tokenTtlMs: number;
  /** Failed logins in a row, per name and address, that lock that name from that address. */
  maxFailedLogins: number;
  lockoutMs: number;
}

/** A live session as its owner sees it. */
export interface OwnSession extends SessionSummary {
  /** The session of the token that asks. */
  current: boolean;
}

/** The audit log's entity id of a failed login under a name nobody has (the typed name itself is not kept). */
const UNKNOWN_USER = 'unknown';

export function createAuthService(deps: {
  store: AccountStore & AuditStore & RegionStore & UserStore;
  clock: () => number;
  newId: () => string;
  options: AuthOptions;
  revocations: SessionRevocations;
  logger: Logger;
}) {
  const { store, clock, options, revocations } = deps;
  const logger = deps.logger.child({ module: 'auth' });
  // What an unknown name's password is checked against: a real scrypt hash, so that it costs what a known one costs.
  const standInHash = hashPassword(randomPassword());

  /** Revokes and tells open websockets (here and on the other instances). */
  async function revoke(userId: string, sessionId?: string): Promise<string[]> {
    const sessionIds = await store.revokeSessions(userId, clock(), sessionId);
    revocations.announce({ userId, sessionIds });
    return sessionIds;
  }

  return {
    /**
     * At first start, creates the admin of the root region from the configured name and password. Without a
     * configured password it makes one and returns it so that main can print it once; it is never logged.
     */
    async ensureFirstAdmin(username: string, password: string | undefined): Promise<{ created: boolean; password?: string }> {
      if ((await store.countUsers()) > 0) return { created: false };
      const chosen = password ?? randomPassword();
      const root = await store.rootRegion();
      try {
        await store.createUser({
          id: deps.newId(),
          username,
          displayName: username,
          passwordHash: await hashPassword(chosen),
          role: 'admin',
          regionId: root.id,
          responderKind: null,
          phone: null,
          onDuty: true,
          disabledAt: null,
          createdAt: clock(),
        });
      } catch (err) {
        // Another instance starting at the same moment made the first admin; theirs stands.
        if (err instanceof StoreConflictError) return { created: false };
        throw err;
      }
      logger.info({ username }, 'first admin created');
      return password ? { created: true } : { created: true, password: chosen };
    },

    /** `address`: the client's address; failures are counted and locked per name and address. */
    async login(username: string, password: string, address: string): Promise<{ token: string; expiresAt: number }> {
      const now = clock();
      const [user, failures] = await Promise.all([store.findUserByUsername(username), store.loginFailures(username, address)]);
      // Checked before anything is decided, locked or not, known or not: the time of the reply tells nothing.
      const passwordOk = await verifyPassword(password, user?.passwordHash ?? (await standInHash));
      const entityId = user?.id ?? UNKNOWN_USER;
      if (failures.lockedUntil !== null && failures.lockedUntil > now) {
        logger.warn({ username }, 'login refused: locked for this address');
        throw new AppError('AUTH_LOCKED');
      }
      if (!user || !passwordOk) {
        const lock = failures.failures + 1 >= options.maxFailedLogins ? now + options.lockoutMs : null;
        await store.recordLoginFailure(username, address, lock);
        // An unknown name is audited as well (without the name, which may be a mistyped password): the same writes.
        await store.appendAudit({
          at: now,
          actor: user ? `user:${username}` : 'anonymous',
          action: lock ? 'login_locked' : 'login_failed',
          entityType: 'session',
          entityId,
          detail: {},
        });
        if (lock) logger.warn({ username }, 'login locked for this address after repeated failures');
        logger.warn({ username }, 'login refused');
        throw new AppError('AUTH_INVALID_CREDENTIALS');
      }
      if (user.disabledAt !== null) {
        logger.warn({ username }, 'login refused: account disabled');
        throw new AppError('AUTH_DISABLED');
      }
      if (failures.failures > 0) await store.resetLoginFailures(username, address);
      const token = newSessionToken();
      const expiresAt = now + options.tokenTtlMs;
      const sessionId = deps.newId();
      await store.createSession({ id: sessionId, tokenHash: sha256(token), userId: user.id, createdAt: now, expiresAt, address });
      await store.appendAudit({ at: now, actor: `user:${username}`, action: 'login', entityType: 'session', entityId: user.id, detail: { sessionId } });
      return { token, expiresAt };
    },

    async verify(token: string): Promise<SessionRecord | null> {
      if (!token) return null;
      return store.findSession(sha256(token), clock());
    },

    /** The same check for a session already let in (an open websocket), by its token's hash. */
    async stillValid(session: Pick<SessionRecord, 'tokenHash'>): Promise<boolean> {
      return (await store.findSession(session.tokenHash, clock())) !== null;
    },

    /** Ends the session of the token that asks, on REST and on its open websockets. */
    async logout(session: SessionRecord): Promise<void> {
      await revoke(session.userId, session.sessionId);
      await store.appendAudit({ at: clock(), actor: `user:${session.username}`, action: 'logout', entityType: 'session', entityId: session.userId, detail: { sessionId: session.sessionId } });
    },

    async ownSessions(session: SessionRecord): Promise<OwnSession[]> {
      return (await store.listSessions(session.userId, clock())).map((s) => ({ ...s, current: s.id === session.sessionId }));
    },

    /** A new password of one's own: the current one is asked for, and every other session of the account ends. */
    async changePassword(session: SessionRecord, currentPassword: string, newPassword: string): Promise<void> {
      const user = await store.getUser(session.userId);
      if (!user || !(await verifyPassword(currentPassword, user.passwordHash))) throw new AppError('PASSWORD_INCORRECT');
      await store.setUserPassword(user.id, await hashPassword(newPassword));
      await store.resetLoginFailures(user.username);
      for (const other of await store.listSessions(user.id, clock())) if (other.id !== session.sessionId) await revoke(user.id, other.id);
      await store.appendAudit({ at: clock(), actor: `user:${session.username}`, action: 'password_changed', entityType: 'user', entityId: user.id, detail: {} });
    },

    /** Every session of the user ends (an admin's reset or disable); returns how many were live. */
    async revokeAll(userId: string): Promise<number> {
      return (await revoke(userId)).length;
    },

    /** One session of the user ends; false when it was not live. */
    async revokeOne(userId: string, sessionId: string): Promise<boolean> {
      return (await revoke(userId, sessionId)).length > 0;
    },

    listSessions(userId: string): Promise<SessionSummary[]> {
      return store.listSessions(userId, clock());
    },
  };
}

export type AuthService = ReturnType<typeof createAuthService>;
