import type { ComplaintStatus } from '../../../../../../schemas/index.js';

// Complaints (投诉) in the store: what was said about whom, the supervisor who owns it, the handling deadline as
// data (dueAt), the answer given to the caller and the follow-up call that closes it.

export interface ComplaintRecord {
  id: string;
  status: ComplaintStatus;
  subject: 'provider' | 'responder' | 'service' | 'other';
  subjectName: string | null;
  statement: string;
  elderId: string | null;
  regionId: string;
  callId: string | null;
  ownerId: string | null;
  dueAt: number;
  /** When the overdue sweep told the supervisors (once). */
  overdueFlaggedAt: number | null;
  answer: string | null;
  answeredAt: number | null;
  followUpCallId: string | null;
  closedAt: number | null;
  createdAt: number;
  createdBy: string;
}

export interface ComplaintWithNames extends ComplaintRecord {
  elderName: string | null;
  ownerName: string | null;
}

export interface ComplaintStore {
  createComplaint(complaint: ComplaintRecord): Promise<void>;
  getComplaint(id: string): Promise<ComplaintWithNames | null>;
  /** Newest first (createdAt, id); 'overdue' is not closed and due at or before `now`; 'unclosed' is open or answered. */
  listComplaints(filter: { regionPath: string; status: ComplaintStatus | 'overdue' | 'unclosed' | 'all'; now: number; limit: number }): Promise<ComplaintWithNames[]>;
  /** Writes the complaint only if it is still in `expectedStatus`; false when it moved meanwhile. Never clears overdueFlaggedAt. */
  updateComplaint(complaint: ComplaintRecord, expectedStatus: ComplaintStatus): Promise<boolean>;
  /** Not closed, due at or before `now`, not yet flagged: the overdue sweep's work, earliest first. */
  dueUnflaggedComplaints(now: number, limit: number): Promise<ComplaintRecord[]>;
  /** Sets overdueFlaggedAt once; false when another instance flagged it first, or it is closed or unknown. */
  flagComplaintOverdue(id: string, at: number): Promise<boolean>;
  /**
   * Under the region path: opened = created in [from, to); closed = closed in [from, to); closedInTime = of those,
   * closed at or before dueAt; overdue = created before `to`, not closed, due at or before `now`.
   */
  countComplaints(filter: { regionPath: string; from: number; to: number; now: number }): Promise<{ opened: number; closed: number; closedInTime: number; overdue: number }>;
}
