import type { ResponderKind, UserRole, UserView } from '../../../schemas/index.js';
import { actorOf, DESK_ROLES, requireInScope, requireRole, type Access } from './access.js';
import { AppError } from './errors.js';
import type { RegionDirectory } from './region-directory.js';
import { hashPassword } from './secrets.js';
import { StoreConflictError, type Store } from './store.port.js';
import { toUserView } from './views.js';

// People: admins create accounts in their region; the desk lists responders to dispatch; responders set themselves on
// or off duty. Passwords are stored as scrypt hashes only.

export interface CreateUserInput {
  username: string;
  displayName: string;
  password: string;
  role: UserRole;
  regionId: string;
  responderKind?: ResponderKind | undefined;
  phone?: string | undefined;
}

export function createUserService(deps: { store: Store; regions: RegionDirectory; clock: () => number; newId: () => string }) {
  const { store, regions, clock } = deps;

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
      const record = {
        id: deps.newId(),
        username: input.username,
        displayName: input.displayName,
        passwordHash: await hashPassword(input.password),
        role: input.role,
        regionId: input.regionId,
        responderKind: input.responderKind ?? null,
        phone: input.phone ?? null,
        onDuty: true,
        failedLogins: 0,
        lockedUntil: null,
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
      const change = { ...(patch.onDuty === undefined ? {} : { onDuty: patch.onDuty }), ...(patch.phone === undefined ? {} : { phone: patch.phone }) };
      await store.updateUser(id, change);
      await store.appendAudit({ at: clock(), actor: actorOf(access), action: 'updated', entityType: 'user', entityId: id, detail: { onDuty: patch.onDuty ?? null } });
      return toUserView({ ...user, ...change });
    },
  };
}

export type UserService = ReturnType<typeof createUserService>;
