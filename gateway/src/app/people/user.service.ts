import type { ResponderKind, SessionView, UserRole, UserView } from '../../../../schemas/index.js';
import { actorOf, DESK_ROLES, requireInScope, requireRole, type Access } from '../access.js';
import type { SessionSummary, AccountStore } from '../ports/store/accounts.port.js';
import type { AuthService } from './auth.service.js';
import { AppError } from '../errors.js';
import type { RegionDirectory } from '../directories/region-directory.js';
import { hashPassword } from '../secrets.js';
import { StoreConflictError } from '../ports/store/store.port.js';
import { toUserView } from '../views.js';
import type { AuditStore } from '../ports/store/audit.port.js';
import type { UserStore } from '../ports/store/users.port.js';
import { ownPhone } from '../phone-input.js';

// People: admins create accounts in their region; the desk lists responders to dispatch; responders set themselves on
// or off duty. Passwords are stored as scrypt hashes only. Admins also end a person's sessions, set a new password and
// disable or enable an account (for someone who left, or a phone that was lost); each ends that person's sessions at
// once, websockets included.

export interface CreateUserInput {
  username: string;
  displayName: string;
  password: string;
  role: UserRole;
  regionId: string;
  responderKind?: ResponderKind | undefined;
  phone?: string | undefined;
}

export const sessionView = (s: SessionSummary, current = false): SessionView => ({
  id: s.id,
  createdAt: new Date(s.createdAt).toISOString(),
  expiresAt: new Date(s.expiresAt).toISOString(),
  address: s.address,
  current,
});

export function createUserService(deps: {
  store: AccountStore & AuditStore & UserStore;
  regions: RegionDirectory;
  auth: Pick<AuthService, 'revokeAll' | 'revokeOne' | 'listSessions'>;
  clock: () => number;
  newId: () => string;
  /** Completes a bare local number (PHONE_AREA_CODE), as for elders. */
  phoneAreaCode?: string | undefined;
}) {
  const { store, regions, auth, clock } = deps;

  async function load(access: Access, id: string) {
    const user = await store.getUser(id);
    if (!user) throw new AppError('USER_NOT_FOUND');
    requireInScope(access, regions.pathOf(user.regionId) ?? '');
    return user;
  }

  return {
    async me(access: Access): Promise<UserView> {
      return toUserView(await load(access, access.userId));
    },

    async create(access: Access, input: CreateUserInput): Promise<UserView> {
      requireRole(access, ['admin']);
      const path = regions.pathOf(input.regionId);
      if (!path) throw new AppError('REGION_NOT_FOUND');
      requireInScope(access, path);
      // checked before the password is hashed: a refused number costs no scrypt
      const phone = ownPhone(input.phone, deps.phoneAreaCode) ?? null;
      const record = {
        id: deps.newId(),
        username: input.username,
        displayName: input.displayName,
        passwordHash: await hashPassword(input.password),
        role: input.role,
        regionId: input.regionId,
        responderKind: input.responderKind ?? null,
        phone,
        onDuty: true,
        disabledAt: null,
        createdAt: clock(),
      };
      try {
        await store.createUser(record);
      } catch (err) {
        if (err instanceof StoreConflictError) throw new AppError('USERNAME_TAKEN');
        throw err;
      }
      await store.appendAudit({ at: clock(), actor: actorOf(access), action: 'created', entityType: 'user', entityId: record.id, detail: { role: record.role, regionId: record.regionId } });
      return toUserView(record);
    },

    async list(access: Access, role: UserRole | undefined): Promise<UserView[]> {
      requireRole(access, DESK_ROLES);
      return (await store.listUsers({ regionPath: access.regionPath, ...(role ? { role } : {}) })).map(toUserView);
    },

    /** On or off duty (oneself, or the desk for its region's people), and the phone number. */
    async update(access: Access, id: string, patch: { onDuty?: boolean | undefined; phone?: string | undefined }): Promise<UserView> {
      if (id !== access.userId) requireRole(access, ['admin', 'supervisor']);
      const user = await load(access, id);
      // '' removes the number: the store's patch keeps a field given as null, so none is written as '' (as before)
      const phone = patch.phone === '' ? '' : ownPhone(patch.phone, deps.phoneAreaCode);
      const change = { ...(patch.onDuty === undefined ? {} : { onDuty: patch.onDuty }), ...(typeof phone === 'string' ? { phone } : {}) };
      await store.updateUser(id, change);
      await store.appendAudit({ at: clock(), actor: actorOf(access), action: 'updated', entityType: 'user', entityId: id, detail: { onDuty: patch.onDuty ?? null } });
      return toUserView({ ...user, ...change });
    },

    /** A person's live sessions: their own, or anyone's in an admin's region. */
    async sessions(access: Access, id: string): Promise<SessionView[]> {
      if (id !== access.userId) requireRole(access, ['admin']);
      await load(access, id);
      return (await auth.listSessions(id)).map((s) => sessionView(s));
    },

    /** Ends one session of a person (their own, or anyone's in an admin's region). */
    async revokeSession(access: Access, id: string, sessionId: string): Promise<void> {
      if (id !== access.userId) requireRole(access, ['admin']);
      await load(access, id);
      if (!(await auth.revokeOne(id, sessionId))) throw new AppError('SESSION_NOT_FOUND');
      await store.appendAudit({ at: clock(), actor: actorOf(access), action: 'session_revoked', entityType: 'session', entityId: id, detail: { sessionId } });
    },

    /** An admin sets a new password: every session of the person ends, and the failed logins are forgotten. */
    async resetPassword(access: Access, id: string, password: string): Promise<UserView> {
      requireRole(access, ['admin']);
      const user = await load(access, id);
      await store.setUserPassword(id, await hashPassword(password));
      await store.resetLoginFailures(user.username);
      const ended = await auth.revokeAll(id);
      await store.appendAudit({ at: clock(), actor: actorOf(access), action: 'password_reset', entityType: 'user', entityId: id, detail: { sessionsEnded: ended } });
      return toUserView(user);
    },

    /**
     * The account can no longer log in and every session of it ends now. A disabled responder also goes off duty, so
     * that nobody is dispatched to them.
     */
    async disable(access: Access, id: string): Promise<UserView> {
      requireRole(access, ['admin']);
      if (id === access.userId) throw new AppError('USER_SELF_DISABLE');
      const user = await load(access, id);
      const at = user.disabledAt ?? clock();
      await store.setUserDisabled(id, at);
      await store.updateUser(id, { onDuty: false });
      const ended = await auth.revokeAll(id);
      await store.appendAudit({ at: clock(), actor: actorOf(access), action: 'disabled', entityType: 'user', entityId: id, detail: { sessionsEnded: ended } });
      return toUserView({ ...user, disabledAt: at, onDuty: false });
    },

    /** The account can log in again (with a fresh count of failed logins); its old sessions stay ended. */
    async enable(access: Access, id: string): Promise<UserView> {
      requireRole(access, ['admin']);
      const user = await load(access, id);
      await store.setUserDisabled(id, null);
      await store.resetLoginFailures(user.username);
      await store.appendAudit({ at: clock(), actor: actorOf(access), action: 'enabled', entityType: 'user', entityId: id, detail: {} });
      return toUserView({ ...user, disabledAt: null });
    },
  };
}

export type UserService = ReturnType<typeof createUserService>;
