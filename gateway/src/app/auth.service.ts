import type { Logger } from 'pino';
import { AppError } from './errors.js';
import { hashPassword, newSessionToken, randomPassword, sha256, verifyPassword } from './secrets.js';
import type { SessionRecord, Store } from './store.port.js';

// People's accounts and sessions. Tokens are opaque random strings; only their SHA-256 is stored.

export function createAuthService(deps: { store: Store; clock: () => number; newId: () => string; tokenTtlMs: number; logger: Logger }) {
  const { store, clock } = deps;
  const logger = deps.logger.child({ module: 'auth' });

  return {
    /**
     * At first start, creates the admin from the configured name and password. Without a configured password it
     * makes one and returns it so that main can print it once; it is never logged.
     */
    async ensureFirstAdmin(username: string, password: string | undefined): Promise<{ created: boolean; password?: string }> {
      if ((await store.countUsers()) > 0) return { created: false };
      const chosen = password ?? randomPassword();
      await store.createUser({
        id: deps.newId(),
        username,
        passwordHash: await hashPassword(chosen),
        role: 'admin',
        createdAt: clock(),
      });
      logger.info({ username }, 'first admin created');
      return password ? { created: true } : { created: true, password: chosen };
    },

    async login(username: string, password: string): Promise<{ token: string; expiresAt: number }> {
      const user = await store.findUserByUsername(username);
      if (!user || !(await verifyPassword(password, user.passwordHash))) {
        logger.warn({ username }, 'login refused');
        throw new AppError('AUTH_INVALID_CREDENTIALS');
      }
      const token = newSessionToken();
      const expiresAt = clock() + deps.tokenTtlMs;
      await store.createSession({ tokenHash: sha256(token), userId: user.id, expiresAt });
      return { token, expiresAt };
    },

    async verify(token: string): Promise<SessionRecord | null> {
      if (!token) return null;
      return store.findSession(sha256(token), clock());
    },
  };
}

export type AuthService = ReturnType<typeof createAuthService>;
