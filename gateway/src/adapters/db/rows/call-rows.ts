import type { CallCategory, CallDirection, CallLine, CallOutcome, ComplaintStatus } from '../../../../../schemas/index.js';
import type { CallLinks, CallRecord, CallStore, CallWithNames } from '../../../app/ports/store/phone/calls.port.js';
import type { ComplaintRecord, ComplaintWithNames } from '../../../app/ports/store/phone/complaints.port.js';
import type { IntegrationTokenRecord } from '../../../app/ports/store/phone/integration-tokens.port.js';

// The rows of the telephone desk both engines share (sqlite/phone/calls.ts, complaints.ts, integration-tokens.ts and their
// pg/ twins): calls, complaints and integration tokens, their column lists (the order of an INSERT's values and what a
// statement selects) and how they map to records and back. No JSON and no flags: every column reads back as it was
// written, so the mapping is a rename (and Number() for PostgreSQL's BIGINTs, which the pool already parses).

const num = (v: number | null): number | null => (v === null ? null : Number(v));

// --- calls -----------------------------------------------------------------------------------------------------------

export interface CallRow {
  id: string;
  direction: string;
  line: string;
  caller_number: string | null;
  elder_id: string | null;
  caller_name: string | null;
  address: string | null;
  category: string;
  note: string | null;
  outcome: string | null;
  region_id: string;
  operator_id: string;
  started_at: number;
  ended_at: number | null;
  alert_id: string | null;
  task_id: string | null;
  complaint_id: string | null;
  party: string | null;
  external_id: string | null;
  created_at: number;
}

/** A call with its elder's name (left join) and its operator's display name (the operator id when no user has it). */
export interface CallWithNamesRow extends CallRow {
  elder_name: string | null;
  operator_name: string;
}

export const CALL_COLUMNS = [
  'id', 'direction', 'line', 'caller_number', 'elder_id', 'caller_name', 'address', 'category', 'note', 'outcome',
  'region_id', 'operator_id', 'started_at', 'ended_at', 'alert_id', 'task_id', 'complaint_id', 'party', 'external_id',
  'created_at',
] as const satisfies ReadonlyArray<keyof CallRow>;

export const callToRow = (c: CallRecord): CallRow => ({
  id: c.id,
  direction: c.direction,
  line: c.line,
  caller_number: c.callerNumber,
  elder_id: c.elderId,
  caller_name: c.callerName,
  address: c.address,
  category: c.category,
  note: c.note,
  outcome: c.outcome,
  region_id: c.regionId,
  operator_id: c.operatorId,
  started_at: c.startedAt,
  ended_at: c.endedAt,
  alert_id: c.alertId,
  task_id: c.taskId,
  complaint_id: c.complaintId,
  party: c.party,
  external_id: c.externalId,
  created_at: c.createdAt,
});

export const callFromRow = (r: CallRow): CallRecord => ({
  id: r.id,
  direction: r.direction as CallDirection,
  line: r.line as CallLine,
  callerNumber: r.caller_number,
  elderId: r.elder_id,
  callerName: r.caller_name,
  address: r.address,
  category: r.category as CallCategory,
  note: r.note,
  outcome: r.outcome as CallOutcome | null,
  regionId: r.region_id,
  operatorId: r.operator_id,
  startedAt: Number(r.started_at),
  endedAt: num(r.ended_at),
  alertId: r.alert_id,
  taskId: r.task_id,
  complaintId: r.complaint_id,
  party: r.party,
  externalId: r.external_id,
  createdAt: Number(r.created_at),
});

export const callWithNamesFromRow = (r: CallWithNamesRow): CallWithNames => ({
  ...callFromRow(r),
  elderName: r.elder_name,
  operatorName: r.operator_name,
});

/** The links linkCall may set, as columns. */
const CALL_LINK_COLUMNS = {
  elderId: 'elder_id',
  alertId: 'alert_id',
  taskId: 'task_id',
  complaintId: 'complaint_id',
  regionId: 'region_id',
} as const satisfies { [K in keyof CallLinks]-?: keyof CallRow };

/**
 * The links a linkCall sets, as columns and values (a link given as null or not at all is not set), and whether each
 * is guarded (written only while still null). region_id is never null: it follows the elder a call is linked to, so it
 * is written with the guarded links but guards nothing itself.
 */
export const givenCallLinks = (links: CallLinks): { column: string; value: string; guarded: boolean }[] =>
  (Object.keys(CALL_LINK_COLUMNS) as (keyof CallLinks)[]).flatMap((key) => {
    const value = links[key];
    const column = CALL_LINK_COLUMNS[key];
    return value === undefined || value === null ? [] : [{ column, value, guarded: column !== 'region_id' }];
  });

/** One group of countCalls by day: whole local days since 1970-01-01, so both engines agree on the day. */
export interface CallDayCountRow {
  day_number: number;
  line: string;
  category: string;
  n: number;
}

export interface CallRegionCountRow {
  region_id: string;
  n: number;
}

export const callCountsFromRows = (days: CallDayCountRow[], regions: CallRegionCountRow[]): Awaited<ReturnType<CallStore['countCalls']>> => ({
  byDay: days.map((d) => ({
    // Whole days since the epoch → 'YYYY-MM-DD'.
    day: new Date(Number(d.day_number) * 86_400_000).toISOString().slice(0, 10),
    line: d.line as CallLine,
    category: d.category as CallCategory,
    count: Number(d.n),
  })),
  byRegion: regions.map((r) => ({ regionId: r.region_id, count: Number(r.n) })),
});

// --- complaints ------------------------------------------------------------------------------------------------------

export interface ComplaintRow {
  id: string;
  status: string;
  subject: string;
  subject_name: string | null;
  statement: string;
  elder_id: string | null;
  region_id: string;
  call_id: string | null;
  owner_id: string | null;
  due_at: number;
  overdue_flagged_at: number | null;
  answer: string | null;
  answered_at: number | null;
  follow_up_call_id: string | null;
  closed_at: number | null;
  created_at: number;
  created_by: string;
}

export interface ComplaintWithNamesRow extends ComplaintRow {
  elder_name: string | null;
  owner_name: string | null;
}

/** What never changes after a complaint is recorded; updateComplaint writes every other column. */
const COMPLAINT_FIXED = ['id', 'created_at', 'created_by'] as const;

/** overdue_flagged_at is set by flagComplaintOverdue only: an update never clears it (updateComplaint keeps it). */
export const COMPLAINT_MUTABLE_COLUMNS = [
  'status', 'subject', 'subject_name', 'statement', 'elder_id', 'region_id', 'call_id', 'owner_id', 'due_at', 'answer',
  'answered_at', 'follow_up_call_id', 'closed_at',
] as const satisfies ReadonlyArray<keyof ComplaintRow>;

export const COMPLAINT_COLUMNS = [...COMPLAINT_FIXED, ...COMPLAINT_MUTABLE_COLUMNS, 'overdue_flagged_at'] as const satisfies ReadonlyArray<keyof ComplaintRow>;

export const complaintToRow = (c: ComplaintRecord): ComplaintRow => ({
  id: c.id,
  status: c.status,
  subject: c.subject,
  subject_name: c.subjectName,
  statement: c.statement,
  elder_id: c.elderId,
  region_id: c.regionId,
  call_id: c.callId,
  owner_id: c.ownerId,
  due_at: c.dueAt,
  overdue_flagged_at: c.overdueFlaggedAt,
  answer: c.answer,
  answered_at: c.answeredAt,
  follow_up_call_id: c.followUpCallId,
  closed_at: c.closedAt,
  created_at: c.createdAt,
  created_by: c.createdBy,
});

export const complaintFromRow = (r: ComplaintRow): ComplaintRecord => ({
  id: r.id,
  status: r.status as ComplaintStatus,
  subject: r.subject as ComplaintRecord['subject'],
  subjectName: r.subject_name,
  statement: r.statement,
  elderId: r.elder_id,
  regionId: r.region_id,
  callId: r.call_id,
  ownerId: r.owner_id,
  dueAt: Number(r.due_at),
  overdueFlaggedAt: num(r.overdue_flagged_at),
  answer: r.answer,
  answeredAt: num(r.answered_at),
  followUpCallId: r.follow_up_call_id,
  closedAt: num(r.closed_at),
  createdAt: Number(r.created_at),
  createdBy: r.created_by,
});

export const complaintWithNamesFromRow = (r: ComplaintWithNamesRow): ComplaintWithNames => ({
  ...complaintFromRow(r),
  elderName: r.elder_name,
  ownerName: r.owner_name,
});

export interface ComplaintCountRow {
  opened: number | null;
  closed: number | null;
  closed_in_time: number | null;
  overdue: number | null;
}

export const complaintCountsFromRow = (r: ComplaintCountRow | undefined) => ({
  opened: Number(r?.opened ?? 0),
  closed: Number(r?.closed ?? 0),
  closedInTime: Number(r?.closed_in_time ?? 0),
  overdue: Number(r?.overdue ?? 0),
});

// --- integration tokens ----------------------------------------------------------------------------------------------

export interface IntegrationTokenRow {
  id: string;
  name: string;
  token_hash: string;
  region_id: string;
  created_at: number;
  created_by: string;
  revoked_at: number | null;
}

export const INTEGRATION_TOKEN_COLUMNS = [
  'id', 'name', 'token_hash', 'region_id', 'created_at', 'created_by', 'revoked_at',
] as const satisfies ReadonlyArray<keyof IntegrationTokenRow>;

export const integrationTokenToRow = (t: IntegrationTokenRecord): IntegrationTokenRow => ({
  id: t.id,
  name: t.name,
  token_hash: t.tokenHash,
  region_id: t.regionId,
  created_at: t.createdAt,
  created_by: t.createdBy,
  revoked_at: t.revokedAt,
});

export const integrationTokenFromRow = (r: IntegrationTokenRow): IntegrationTokenRecord => ({
  id: r.id,
  name: r.name,
  tokenHash: r.token_hash,
  regionId: r.region_id,
  createdAt: Number(r.created_at),
  createdBy: r.created_by,
  revokedAt: num(r.revoked_at),
});
