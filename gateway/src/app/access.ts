import type { UserRole } from '../../../schemas/index.js';
import { AppError } from './errors.js';
import type { SessionRecord } from './ports/store/accounts.port.js';

// Who may do what, and where (docs/decisions/0010-regions-scope-everything.md). A person sees and acts on what lies in their region's subtree;
// their role says which actions. Checked in the use cases, so every entry point (REST, websocket) gets the same answer.

export type Access = Pick<SessionRecord, 'userId' | 'username' | 'displayName' | 'role' | 'regionId' | 'regionPath'>;

/** Roles that work the desk. */
export const DESK_ROLES: readonly UserRole[] = ['admin', 'supervisor', 'operator'];

export function requireRole(access: Access, roles: readonly UserRole[]): void {
  if (!roles.includes(access.role)) throw new AppError('FORBIDDEN_ROLE', `the role ${access.role} may not do this`);
}

/** Whether a record in the region with `path` is within the person's region. */
export const inScope = (access: Access, path: string): boolean => path.startsWith(access.regionPath);

/** A record outside the person's region: 403, and lists simply leave such records out. */
export function requireInScope(access: Access, path: string): void {
  if (!inScope(access, path)) throw new AppError('FORBIDDEN_REGION');
}

export const actorOf = (access: Access): string => `user:${access.username}`;
