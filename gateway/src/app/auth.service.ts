import type { Logger } from 'pino';
import { AppError } from './errors.js';
import { hashPassword, newSessionToken, randomPassword, sha256, verifyPassword } from './secrets.js';
import { StoreConflictError, type SessionRecord, type Store } from './store.port.js';

// People's logins and sessions. Tokens are opaque random strings; only their SHA-256 is stored. Repeated failures
// lock the account for a while, and every login, good or bad, is in the audit log.

export interface AuthOptions {
  tokenTtlMs: number;
  /** Failed logins in a row that lock the account. */
  maxFailedLogins: number;
  lockoutMs: number;
}

export function createAuthService(deps: { store: Store; clock: () => number; newId: () => string; options: AuthOptions; logger: Logger }) {
  const { store, clock, options } = deps;
  const logger = deps.logger.child({ module: 'auth' });

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
          failedLogins: 0,
          lockedUntil: null,
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

    async login(username: string, password: string): Promise<{ token: string; expiresAt: number }> {
      const now = clock();
      const user = await store.findUserByUsername(username);
      if (user?.lockedUntil && user.lockedUntil > now) {
        logger.warn({ username }, 'login refused: account locked');
        throw new AppError('AUTH_LOCKED');
      }
      if (!user || !(await verifyPassword(password, user.passwordHash))) {
        if (user) {
          const lock = user.failedLogins + 1 >= options.maxFailedLogins ? now + options.lockoutMs : null;
          await store.recordLoginFailure(user.id, lock);
          await store.appendAudit({ at: now, actor: `user:${username}`, action: lock ? 'login_locked' : 'login_failed', entityType: 'session', entityId: user.id, detail: {} });
          if (lock) logger.warn({ username }, 'account locked after repeated failed logins');
        }
        logger.warn({ username }, 'login refused');
        throw new AppError('AUTH_INVALID_CREDENTIALS');
      }
      if (user.failedLogins > 0) await store.resetLoginFailures(user.id);
      const token = newSessionToken();
      const expiresAt = now + options.tokenTtlMs;
      await store.createSession({ tokenHash: sha256(token), userId: user.id, expiresAt });
      await store.appendAudit({ at: now, actor: `user:${username}`, action: 'login', entityType: 'session', entityId: user.id, detail: {} });
      return { token, expiresAt };
    },

    async verify(token: string): Promise<SessionRecord | null> {
      if (!token) return null;
      return store.findSession(sha256(token), clock());
    },
  };
}

export type AuthService = ReturnType<typeof createAuthService>;
