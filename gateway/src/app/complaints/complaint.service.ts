import type { ComplaintView } from '../../../../schemas/index.js';
import { closedInTime, complaintDueAt } from '../../core/calls/complaint-deadline.js';
import { actorOf, DESK_ROLES, requireInScope, requireRole, type Access } from '../access.js';
import { KeyedSerialQueue } from '../decisions/keyed-serial-queue.js';
import type { RegionDirectory } from '../directories/region-directory.js';
import { AppError } from '../errors.js';
import type { AuditStore } from '../ports/store/audit.port.js';
import type { CallStore, CallWithNames } from '../ports/store/phone/calls.port.js';
import type { ComplaintRecord, ComplaintStore, ComplaintWithNames } from '../ports/store/phone/complaints.port.js';
import type { ElderStore } from '../ports/store/elders.port.js';
import type { UserStore } from '../ports/store/users.port.js';
import { toComplaintView } from './complaint-view.js';

// Complaints (投诉) from the supervision line or any call: recorded by the desk with a handling deadline, owned by a
// supervisor, answered to the caller, closed after a follow-up call. Every step checks the region, is audited, and
// moves only from the status it expects (two people answering at once: the second gets 409).

export interface CreateComplaintInput {
  callId?: string | undefined;
  elderId?: string | undefined;
  subject: ComplaintRecord['subject'];
  subjectName?: string | undefined;
  statement: string;
  ownerId?: string | undefined;
}

const SUPERVISING_ROLES = ['admin', 'supervisor'] as const;

export function createComplaintService(deps: {
  store: ComplaintStore & CallStore & ElderStore & UserStore & AuditStore;
  regions: RegionDirectory;
  clock: () => number;
  newId: () => string;
  handlingDays: number;
}) {
  const { store, regions, clock } = deps;
  const pathOf = (regionId: string): string => regions.pathOf(regionId) ?? '';
  // One complaint per call: complaints from the same call are recorded one at a time, each reading the call afresh,
  // so the second sees the first's link and gets 409 COMPLAINT_CALL_TAKEN. Without it four crossing clicks on
  // PostgreSQL recorded four complaints (tests/integration/hostile-phone.test.ts). Within this instance.
  const perCall = new KeyedSerialQueue();

  async function load(access: Access, id: string): Promise<ComplaintWithNames> {
    requireRole(access, DESK_ROLES);
    const complaint = await store.getComplaint(id);
    if (!complaint) throw new AppError('COMPLAINT_NOT_FOUND');
    requireInScope(access, pathOf(complaint.regionId));
    return complaint;
  }

  async function loadCall(access: Access, id: string): Promise<CallWithNames> {
    const call = await store.getCall(id);
    if (!call) throw new AppError('CALL_NOT_FOUND');
    requireInScope(access, pathOf(call.regionId));
    return call;
  }

  /** The owner must be a supervisor (enabled) whose region holds the complaint's, so they can see what they own. */
  async function requireOwner(ownerId: string, complaintRegionId: string): Promise<void> {
    const owner = await store.getUser(ownerId);
    const ownerPath = owner ? regions.pathOf(owner.regionId) : undefined;
    if (!owner || owner.role !== 'supervisor' || owner.disabledAt !== null || ownerPath === undefined || !pathOf(complaintRegionId).startsWith(ownerPath)) {
      throw new AppError('COMPLAINT_OWNER_INVALID');
    }
  }

  async function reread(id: string): Promise<ComplaintView> {
    const after = await store.getComplaint(id);
    if (!after) throw new AppError('COMPLAINT_NOT_FOUND');
    return toComplaintView(after, clock());
  }

  /** Writes the change if the complaint is still in `from`; 409 when it is not (or moved meanwhile). */
  async function move(access: Access, before: ComplaintRecord, from: ComplaintRecord['status'], change: Partial<ComplaintRecord>, action: string, detail: Record<string, unknown>) {
    if (before.status !== from) throw new AppError('COMPLAINT_TRANSITION_INVALID', `the complaint is ${before.status}`);
    if (!(await store.updateComplaint({ ...before, ...change }, from))) throw new AppError('COMPLAINT_TRANSITION_INVALID', 'the complaint changed meanwhile');
    await store.appendAudit({ at: clock(), actor: actorOf(access), action, entityType: 'complaint', entityId: before.id, detail });
    return reread(before.id);
  }

  async function recordComplaint(access: Access, input: CreateComplaintInput): Promise<ComplaintView> {
    requireRole(access, DESK_ROLES);
    // Everything is checked before anything is written: a refused request leaves nothing behind.
    const call = input.callId === undefined ? null : await loadCall(access, input.callId);
    if (call?.complaintId) throw new AppError('COMPLAINT_CALL_TAKEN');
    const elderId = input.elderId ?? call?.elderId ?? null;
    const elder = elderId === null ? null : await store.getElder(elderId);
    if (elderId !== null && !elder) throw new AppError('ELDER_NOT_FOUND');
    if (elder) requireInScope(access, pathOf(elder.regionId));
    const regionId = elder?.regionId ?? call?.regionId ?? access.regionId;
    const ownerId = input.ownerId ?? (access.role === 'supervisor' ? access.userId : null);
    if (ownerId !== null) await requireOwner(ownerId, regionId);

    const now = clock();
    const record: ComplaintRecord = {
      id: deps.newId(),
      status: 'open',
      subject: input.subject,
      subjectName: input.subjectName ?? null,
      statement: input.statement,
      elderId: elder?.id ?? null,
      regionId,
      callId: call?.id ?? null,
      ownerId,
      dueAt: complaintDueAt(now, deps.handlingDays),
      overdueFlaggedAt: null,
      answer: null,
      answeredAt: null,
      followUpCallId: null,
      closedAt: null,
      createdAt: now,
      createdBy: actorOf(access),
    };
    await store.createComplaint(record);
    // Set once: should another instance have linked a complaint to the call in the same instant, this one still
    // names its call, and the call names the first.
    if (call) await store.linkCall(call.id, { complaintId: record.id });
    await store.appendAudit({
      at: now,
      actor: actorOf(access),
      action: 'created',
      entityType: 'complaint',
      entityId: record.id,
      detail: { subject: record.subject, regionId, callId: record.callId, ownerId, dueAt: new Date(record.dueAt).toISOString() },
    });
    return reread(record.id);
  }

  return {
    create(access: Access, input: CreateComplaintInput): Promise<ComplaintView> {
      return input.callId === undefined ? recordComplaint(access, input) : perCall.run(input.callId, () => recordComplaint(access, input));
    },

    async list(access: Access, status: 'open' | 'answered' | 'closed' | 'overdue' | 'unclosed' | 'all', limit: number): Promise<ComplaintView[]> {
      requireRole(access, DESK_ROLES);
      const now = clock();
      return (await store.listComplaints({ regionPath: access.regionPath, status, now, limit })).map((c) => toComplaintView(c, now));
    },

    async get(access: Access, id: string): Promise<ComplaintView> {
      return toComplaintView(await load(access, id), clock());
    },

    async assign(access: Access, id: string, ownerId: string): Promise<ComplaintView> {
      requireRole(access, SUPERVISING_ROLES);
      const complaint = await load(access, id);
      if (complaint.status === 'closed') throw new AppError('COMPLAINT_TRANSITION_INVALID', 'the complaint is closed');
      await requireOwner(ownerId, complaint.regionId);
      return move(access, complaint, complaint.status, { ownerId }, 'assigned', { ownerId, previousOwnerId: complaint.ownerId });
    },

    /** What the caller was told: open → answered. */
    async answer(access: Access, id: string, answer: string): Promise<ComplaintView> {
      const complaint = await load(access, id);
      return move(access, complaint, 'open', { status: 'answered', answer, answeredAt: clock() }, 'answered', {});
    },

    /**
     * After the follow-up call (回访) to whoever complained: answered → closed. The call must be an outbound call of
     * the desk's record, made after the complaint, to the same elder or the same number as the complaint's call.
     */
    async close(access: Access, id: string, followUpCallId: string, note: string | undefined): Promise<ComplaintView> {
      const complaint = await load(access, id);
      if (complaint.status !== 'answered') throw new AppError('COMPLAINT_TRANSITION_INVALID', `the complaint is ${complaint.status}`);
      const followUp = await loadCall(access, followUpCallId);
      const original = complaint.callId === null ? null : await store.getCall(complaint.callId);
      const sameElder = complaint.elderId !== null && followUp.elderId === complaint.elderId;
      const sameNumber = original?.callerNumber != null && followUp.callerNumber === original.callerNumber;
      if (followUp.direction !== 'outbound' || followUp.startedAt < complaint.createdAt || !(sameElder || sameNumber)) {
        throw new AppError('COMPLAINT_FOLLOW_UP_INVALID');
      }
      const closedAt = clock();
      return move(access, complaint, 'answered', { status: 'closed', followUpCallId, closedAt }, 'closed', {
        followUpCallId,
        inTime: closedInTime({ status: 'closed', dueAt: complaint.dueAt, closedAt }),
        ...(note ? { note } : {}),
      });
    },
  };
}

export type ComplaintService = ReturnType<typeof createComplaintService>;
