import type { AlertType, LedgerEntry, LedgerKind } from '../../../../schemas/index.js';

// The ledger's lines (台账, issue 21): an elder's alerts, tasks, calls and notes of a period as one chronological
// list. Pure: the use case reads the records and names; this decides what belongs to the period and in what order.

/** [from, to) in epoch milliseconds. */
export interface Period {
  from: number;
  to: number;
}

export interface LedgerAlert {
  id: string;
  type: AlertType;
  status: string;
  raisedAt: number;
  /** When it was resolved, cancelled or cleared; null while open. */
  closedAt: number | null;
  /** The responder it went to, or who closed it (a name). */
  handledBy: string | null;
  resolutionNote: string | null;
}

export interface LedgerTask {
  id: string;
  kind: string;
  status: string;
  createdAt: number;
  completedAt: number | null;
  outcome: string | null;
  /** The assignee or whoever completed it (a name). */
  handledBy: string | null;
  note: string | null;
  /** For visits, when the task records them. */
  mode: string | null;
  attempt: number | null;
}

export interface LedgerCall {
  id: string;
  category: string;
  direction: string;
  startedAt: number;
  endedAt: number | null;
  outcome: string | null;
  operatorName: string;
  note: string | null;
}

export interface LedgerNote {
  alertId: string;
  alertType: AlertType;
  at: number;
  author: string;
  note: string;
}

export interface LedgerSources {
  alerts: readonly LedgerAlert[];
  tasks: readonly LedgerTask[];
  calls: readonly LedgerCall[];
  notes: readonly LedgerNote[];
}

/** Task kinds that are visits of the visit policy: the old monthly visit and its successor (helper V renames it). */
const VISIT_KINDS = new Set(['monthly_visit', 'care_visit']);

const within = (at: number | null, p: Period): at is number => at !== null && at >= p.from && at < p.to;

export function taskLedgerKind(kind: string): LedgerKind {
  if (kind === 'service') return 'service';
  return VISIT_KINDS.has(kind) ? 'visit' : 'task';
}

/** Same kind order within one millisecond, so that equal times read the same on every engine. */
const KIND_ORDER: Record<LedgerKind, number> = { alert: 0, call: 1, note: 2, visit: 3, service: 4, task: 5 };

const blank = { alertType: null, status: null, outcome: null, closedAt: null, by: null, mode: null, attempt: null, note: null } as const;

type Line = Omit<LedgerEntry, 'at' | 'closedAt'> & { at: number; closedAt: number | null };

/**
 * Every record that belongs to the period, oldest first: an alert raised in it, a call started in it, a note written
 * in it, a task created or done in it (shown at the time it was done when that is in the period: a visit counts when
 * it was made).
 */
export function ledgerEntries(sources: LedgerSources, period: Period): LedgerEntry[] {
  const lines: Line[] = [];
  for (const a of sources.alerts) {
    if (!within(a.raisedAt, period)) continue;
    lines.push({ ...blank, kind: 'alert', at: a.raisedAt, refId: a.id, type: a.type, alertType: a.type, status: a.status, outcome: a.closedAt === null ? null : a.status, closedAt: a.closedAt, by: a.handledBy, note: a.resolutionNote });
  }
  for (const t of sources.tasks) {
    const done = within(t.completedAt, period);
    if (!done && !within(t.createdAt, period)) continue;
    lines.push({ ...blank, kind: taskLedgerKind(t.kind), at: done ? (t.completedAt as number) : t.createdAt, refId: t.id, type: t.kind, status: t.status, outcome: t.outcome, closedAt: t.completedAt, by: t.handledBy, mode: t.mode, attempt: t.attempt, note: t.note });
  }
  for (const c of sources.calls) {
    if (!within(c.startedAt, period)) continue;
    lines.push({ ...blank, kind: 'call', at: c.startedAt, refId: c.id, type: c.category, status: c.direction, outcome: c.outcome, closedAt: c.endedAt, by: c.operatorName, note: c.note });
  }
  for (const n of sources.notes) {
    if (!within(n.at, period)) continue;
    lines.push({ ...blank, kind: 'note', at: n.at, refId: n.alertId, type: n.alertType, alertType: n.alertType, by: n.author, note: n.note });
  }
  lines.sort((x, y) => x.at - y.at || KIND_ORDER[x.kind] - KIND_ORDER[y.kind] || (x.refId < y.refId ? -1 : x.refId > y.refId ? 1 : 0));
  return lines.map((l) => ({ ...l, at: new Date(l.at).toISOString(), closedAt: l.closedAt === null ? null : new Date(l.closedAt).toISOString() }));
}
