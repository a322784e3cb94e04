import type { ResponderKind, UserRole } from '../../../../../schemas/index.js';

// The people who work the desk and answer the alarms, in the store. Their sessions, failed logins and passwords
// are the accounts port's (accounts.port.ts).

export type { UserRole };

export interface UserRecord {
  id: string;
  username: string;
  displayName: string;
  passwordHash: string;
  role: UserRole;
  regionId: string;
  responderKind: ResponderKind | null;
  phone: string | null;
  onDuty: boolean;
  /** When an admin disabled the account; its sessions stopped working then. Null: enabled. */
  disabledAt: number | null;
  createdAt: number;
}

export interface UserStore {
  countUsers(): Promise<number>;
  /** Fails with StoreConflictError when the username is taken. */
  createUser(user: UserRecord): Promise<void>;
  findUserByUsername(username: string): Promise<UserRecord | null>;
  getUser(id: string): Promise<UserRecord | null>;
  /** By username. */
  listUsers(filter: { regionPath?: string; role?: UserRole }): Promise<UserRecord[]>;
  /** Changes the fields in the patch; a phone is replaced, never cleared (nothing clears one today). */
  updateUser(id: string, patch: { onDuty?: boolean; phone?: string }): Promise<void>;
  /** Open alerts dispatched to, and open tasks assigned to, each of the users. */
  countOpenAssignments(userIds: string[]): Promise<Map<string, number>>;
}
