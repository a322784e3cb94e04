import type { ComplaintStatus } from '../../../../schemas/index.js';
import { DAY } from '../time-units.js';

// A complaint's handling deadline (投诉处理时限), as data: set once when the complaint is recorded, from its creation
// time and the configured number of days, and compared with `now` wherever the question comes up (the list, the
// overdue sweep, the report). The deadline is a moment: a complaint closed at that very moment was closed in time,
// and one still unclosed is overdue only after it. Pure: time is a parameter.

export interface ComplaintTimes {
  status: ComplaintStatus;
  dueAt: number;
  closedAt: number | null;
}

/** When a complaint recorded at `createdAt` must be closed: `handlingDays` calendar days later, to the millisecond. */
export function complaintDueAt(createdAt: number, handlingDays: number): number {
  if (!Number.isFinite(handlingDays) || handlingDays <= 0) throw new RangeError(`handlingDays must be positive, got ${handlingDays}`);
  return createdAt + Math.round(handlingDays * DAY);
}

/** Past its deadline and not closed, at `now`. */
export function isComplaintOverdue(complaint: ComplaintTimes, now: number): boolean {
  return complaint.status !== 'closed' && now > complaint.dueAt;
}

/** Closed, and no later than its deadline. */
export function closedInTime(complaint: ComplaintTimes): boolean {
  return complaint.status === 'closed' && complaint.closedAt !== null && complaint.closedAt <= complaint.dueAt;
}
