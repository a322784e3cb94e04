// Which column of the tasks board a task stands in, and the filters the desk narrows the board with. No DOM.

import { signal } from '@preact/signals';
import type { TaskKind } from '../../../../schemas/index.js';
import type { Task } from '../../model/task-book.js';

export const COLUMNS = ['open', 'assigned', 'accepted', 'finished'] as const;
export type Column = (typeof COLUMNS)[number];

/** The filter's choices, in the order schemas/task.ts lists the kinds (a type-only import keeps zod out of the page). */
export const KINDS = ['maintenance', 'service', 'visit', 'follow_up', 'wellness_check', 'care_visit'] as const satisfies readonly TaskKind[];

/**
 * The board's filters, kept at module level so they survive a switch to another tab and back. '' is "all".
 * The region is the elder's community (tasks carry the community the elder lives in).
 */
export const kindFilter = signal<TaskKind | ''>('');
export const regionFilter = signal<string>('');

const matchesFilter = (task: Task, kind: string, region: string) => (kind === '' || task.kind === kind) && (region === '' || task.elder.regionId === region);

export interface BoardColumns {
  open: Task[];
  assigned: Task[];
  accepted: Task[];
  finished: Task[];
}

/** The local midnight that began the day of `ms`: where "today" starts for the last column. */
export function localMidnight(ms: number): number {
  const day = new Date(ms);
  day.setHours(0, 0, 0, 0);
  return day.getTime();
}

/**
 * Splits the open tasks (already in work-list order) by status and keeps the filter's matches only. The last column
 * holds the tasks finished (done or cancelled) while this page was open, and only those finished since `todayFrom`:
 * a night shift sees it start again at midnight, as its heading says.
 */
export function columnsOf(open: readonly Task[], finished: readonly Task[], filter: { kind: string; region: string; todayFrom: number }): BoardColumns {
  const { kind, region, todayFrom } = filter;
  const columns: BoardColumns = { open: [], assigned: [], accepted: [], finished: [] };
  for (const task of open) {
    if (!matchesFilter(task, kind, region)) continue;
    if (task.status === 'open' || task.status === 'assigned' || task.status === 'accepted') columns[task.status].push(task);
  }
  for (const task of finished) {
    if (matchesFilter(task, kind, region) && Date.parse(task.completedAt ?? '') >= todayFrom) columns.finished.push(task);
  }
  return columns;
}
