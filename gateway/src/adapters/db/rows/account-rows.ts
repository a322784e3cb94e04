import type { SessionRecord, SessionSummary } from '../../../app/ports/store/accounts.port.js';
import type { UserRole } from '../../../app/ports/store/users.port.js';

// The session rows both engines read (sqlite/people.ts, pg/people.ts), and how they become records.

/** A live session joined with its user and the user's region. */
export interface SessionRow {
  id: string;
  token_hash: string;
  user_id: string;
  expires_at: number;
  username: string;
  display_name: string;
  role: UserRole;
  region_id: string;
  path: string;
}

export interface SessionSummaryRow {
  id: string;
  user_id: string;
  created_at: number;
  expires_at: number;
  address: string | null;
}

export const sessionFromRow = (r: SessionRow): SessionRecord => ({
  sessionId: r.id,
  tokenHash: r.token_hash,
  userId: r.user_id,
  username: r.username,
  displayName: r.display_name,
  role: r.role,
  regionId: r.region_id,
  regionPath: r.path,
  expiresAt: Number(r.expires_at),
});

export const sessionSummaryFromRow = (r: SessionSummaryRow): SessionSummary => ({
  id: r.id,
  userId: r.user_id,
  createdAt: Number(r.created_at),
  expiresAt: Number(r.expires_at),
  address: r.address,
});
