import type { CallCategory, CallDirection, CallLine, CallOutcome } from '../../../../../../schemas/index.js';

// Telephone calls in the store: one record per call, inbound or outbound, with what came of it (the alert it
// raised, the service task it opened, the complaint it recorded, the visit it completed). A call is never deleted;
// its links are set once (an unknown caller linked to an elder later, the alert raised from it).

export interface CallRecord {
  id: string;
  direction: CallDirection;
  line: CallLine;
  /** Normalised (core/calls/phone-number.ts); null for a walk-in without one. */
  callerNumber: string | null;
  elderId: string | null;
  callerName: string | null;
  address: string | null;
  category: CallCategory;
  note: string | null;
  outcome: CallOutcome | null;
  /** The elder's region, or the operator's for a caller nobody knows yet. */
  regionId: string;
  operatorId: string;
  startedAt: number;
  endedAt: number | null;
  alertId: string | null;
  /** The service task it opened or the visit it completed. */
  taskId: string | null;
  complaintId: string | null;
  /** For an outbound attempt during an alarm: 'elder' or 'contact:<index>'. */
  party: string | null;
  externalId: string | null;
  createdAt: number;
}

export interface CallWithNames extends CallRecord {
  elderName: string | null;
  operatorName: string;
}

export interface CallFilter {
  /** Only calls whose region path starts with this. */
  regionPath: string;
  /** A case-insensitive substring of the caller's name, the elder's name, the call's or the elder's address or the note. */
  text?: string;
  /** The digits of `text` when it holds a number fragment: a substring of the normalised number. Given both, either may match. */
  digits?: string;
  direction?: CallDirection;
  line?: CallLine;
  category?: CallCategory;
  elderId?: string;
  alertId?: string;
  /** true: calls with no elder yet; false: calls with one. */
  unlinked?: boolean;
  /** Started in [from, to). */
  from?: number;
  to?: number;
  /** Newest first; a page starts after this (startedAt, id). */
  before?: { startedAt: number; id: string };
  limit: number;
}

/** A call's links; each is set once (null → value), never changed. */
export type CallLinks = Partial<Pick<CallRecord, 'elderId' | 'alertId' | 'taskId' | 'complaintId' | 'regionId'>>;

export interface CallStore {
  createCall(call: CallRecord): Promise<void>;
  getCall(id: string): Promise<CallWithNames | null>;
  listCalls(filter: CallFilter): Promise<CallWithNames[]>;
  /**
   * Sets the links given, all or none: false, changing nothing, when any given link is already set (a second alert
   * from one call) or there is no such call. regionId is no guarded link (it is never null): it moves with the elder
   * the call is linked to. With no links given, whether the call exists.
   */
  linkCall(id: string, links: CallLinks): Promise<boolean>;
  /** Per local day ('YYYY-MM-DD' at utcOffsetMinutes), line and category, and per region (ordered so), for calls started in [from, to) under the region path. */
  countCalls(filter: { regionPath: string; from: number; to: number; utcOffsetMinutes: number }): Promise<{
    byDay: { day: string; line: CallLine; category: CallCategory; count: number }[];
    byRegion: { regionId: string; count: number }[];
  }>;
}
