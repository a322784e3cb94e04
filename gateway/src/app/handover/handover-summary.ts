import { OPEN_ALERT_STATUSES, type Handover, type HandoverAlert, type HandoverNote, type HandoverTask } from '../../../../schemas/index.js';
import type { AlertWithElder } from '../ports/store/alerts.port.js';
import type { ClosedAlertCount, HandoverNoteRecord, NotedAlertEntry, NotedTask } from '../ports/store/handover.port.js';
import type { TaskWithElder } from '../ports/store/tasks.port.js';

// The handover summary from what the store gave, with no I/O: the counts, the lists the next shift must take over
// and the shift's notes, named for reading aloud. Pure, so the figures can be checked without a store.

export interface HandoverInputs {
  region: { id: string; name: string };
  since: number;
  until: number;
  open: AlertWithElder[];
  overdueTasks: TaskWithElder[];
  closed: ClosedAlertCount[];
  handoverNotes: HandoverNoteRecord[];
  alertNotes: NotedAlertEntry[];
  taskNotes: NotedTask[];
  /** A region's name by id (the elder's community). */
  regionName: (regionId: string) => string;
  /** A person's display name by their actor string (`user:<username>`). */
  personName: (actor: string | null) => string;
}

const iso = (ms: number) => new Date(ms).toISOString();

/** `resolved:<reason>` for a resolved alert, else its status: what the closed count is broken down by. */
export const outcomeOf = (c: Pick<ClosedAlertCount, 'status' | 'resolutionReason'>): string =>
  c.status === 'resolved' && c.resolutionReason ? `resolved:${c.resolutionReason}` : c.status;

function countBy<K extends string>(keys: readonly K[], pairs: Array<[K, number]>): Array<{ key: K; count: number }> {
  const counts = new Map<K, number>(keys.map((k) => [k, 0]));
  for (const [key, n] of pairs) counts.set(key, (counts.get(key) ?? 0) + n);
  return [...counts].map(([key, count]) => ({ key, count }));
}

export function handoverSummary(input: HandoverInputs): Handover {
  const alertLine = (a: AlertWithElder): HandoverAlert => ({
    id: a.id,
    type: a.type,
    priority: a.priority,
    status: a.status,
    test: a.test,
    raisedAt: iso(a.raisedAt),
    elderName: a.elder.name,
    address: a.elder.address,
    regionName: input.regionName(a.elder.regionId),
    assigneeName: a.assignee?.displayName ?? null,
    escalationLevel: a.escalationLevel,
    holdReason: a.holdReason,
    holdUntil: a.holdUntil === null ? null : iso(a.holdUntil),
  });
  const taskLine = (t: TaskWithElder): HandoverTask => ({
    id: t.id,
    kind: t.kind,
    reason: t.reason,
    status: t.status,
    // listOverdueTasks gives only tasks with a due time
    dueAt: iso(t.dueAt ?? 0),
    elderName: t.elder.name,
    regionName: input.regionName(t.elder.regionId),
    assigneeName: t.assignee?.displayName ?? null,
  });
  // oldest first: what has waited longest is read out first
  const oldestFirst = [...input.open].sort((a, b) => a.raisedAt - b.raisedAt);
  const none = { alertId: null, alertType: null, taskId: null, taskKind: null, elderName: null };
  const notes: HandoverNote[] = [
    ...input.handoverNotes.map((n) => ({ ...none, source: 'handover' as const, at: n.at, authorName: n.authorName, note: n.note })),
    ...input.alertNotes.map((n) => ({ ...none, source: 'alert' as const, at: n.at, authorName: input.personName(n.actor), note: n.note, alertId: n.alertId, alertType: n.alertType, elderName: n.elderName })),
    ...input.taskNotes.map((n) => ({ ...none, source: 'task' as const, at: n.at, authorName: input.personName(n.actor), note: n.note, taskId: n.taskId, taskKind: n.kind, elderName: n.elderName })),
  ]
    .sort((a, b) => b.at - a.at)
    .map((n) => ({ ...n, at: iso(n.at) }));

  return {
    regionId: input.region.id,
    regionName: input.region.name,
    since: iso(input.since),
    until: iso(input.until),
    open: {
      total: input.open.length,
      byPriority: countBy(['1', '2', '3'] as const, input.open.map((a) => [String(a.priority) as '1' | '2' | '3', 1])),
      byStatus: countBy(OPEN_ALERT_STATUSES, input.open.map((a) => [a.status, 1])),
    },
    onHold: oldestFirst.filter((a) => a.status === 'on_hold').map(alertLine),
    escalated: oldestFirst.filter((a) => a.escalationLevel > 0).map(alertLine),
    unacknowledgedP1: oldestFirst.filter((a) => a.priority === 1 && a.status === 'raised').map(alertLine),
    overdueTasks: input.overdueTasks.map(taskLine),
    closed: {
      total: input.closed.reduce((sum, c) => sum + c.count, 0),
      byOutcome: countBy([], input.closed.map((c) => [outcomeOf(c), c.count])),
    },
    notes,
  };
}
