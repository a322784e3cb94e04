import type { ComplaintView } from '../../../../schemas/index.js';
import { isComplaintOverdue } from '../../core/calls/complaint-deadline.js';
import type { ComplaintWithNames } from '../ports/store/phone/complaints.port.js';

// A stored complaint as the API shows it. `overdue` is worked out at `now`, not read from the flag: the flag only
// says the supervisors were told, and a complaint is overdue from the moment its deadline passes.

const iso = (at: number): string => new Date(at).toISOString();
const isoOrNull = (at: number | null): string | null => (at === null ? null : iso(at));

export function toComplaintView(c: ComplaintWithNames, now: number): ComplaintView {
  return {
    id: c.id,
    status: c.status,
    subject: c.subject,
    subjectName: c.subjectName,
    statement: c.statement,
    elder: c.elderId === null ? null : { id: c.elderId, name: c.elderName ?? '' },
    regionId: c.regionId,
    callId: c.callId,
    owner: c.ownerId === null ? null : { id: c.ownerId, displayName: c.ownerName ?? '' },
    dueAt: iso(c.dueAt),
    overdue: isComplaintOverdue(c, now),
    overdueFlaggedAt: isoOrNull(c.overdueFlaggedAt),
    answer: c.answer,
    answeredAt: isoOrNull(c.answeredAt),
    followUpCallId: c.followUpCallId,
    closedAt: isoOrNull(c.closedAt),
    createdAt: iso(c.createdAt),
    createdBy: c.createdBy,
  };
}
