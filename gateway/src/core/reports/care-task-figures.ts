import type { AlarmReport } from '../../../../schemas/index.js';
import { OPEN_TASK_STATUSES, TASK_OUTCOMES } from '../../../../schemas/index.js';
import type { Task } from '../tasks/task.js';

// What the workers did after and beside the alarms: the follow-up visits (回访) the period's alarms caused, and the
// monthly visits (探访) that fell due in the period. Cancelled tasks are not counted (the elder moved away, the alarm
// turned out to need nothing), nor test ones.

const counted = (t: Task): boolean => !t.test && t.status !== 'cancelled';
const isOpen = (t: Task): boolean => OPEN_TASK_STATUSES.includes(t.status);

/**
 * Follow-ups of the period's alerts (the caller loads the follow_up tasks whose alert was raised in the period): due,
 * done, and overdue = still not done and past their due time at `now`. rate = done / due.
 */
export function followUpFigures(tasks: ReadonlyArray<Task>, now: number): AlarmReport['followUps'] {
  const due = tasks.filter((t) => t.kind === 'follow_up' && counted(t));
  const done = due.filter((t) => t.status === 'done').length;
  const overdue = due.filter((t) => isOpen(t) && t.dueAt !== null && t.dueAt < now).length;
  return { due: due.length, done, overdue, rate: due.length === 0 ? null : done / due.length };
}

/**
 * Care visits (every attempt) whose due time (just before the end of their period) falls in [from, to): due, done by outcome (in the order of
 * the outcome catalogue, outcomes that did not occur left out; a visit done without an outcome counts as 'other'),
 * and open, so that due = the outcomes' counts + open.
 */
export function visitFigures(tasks: ReadonlyArray<Task>, period: { from: number; to: number }): AlarmReport['visits'] {
  const due = tasks.filter((t) => t.kind === 'care_visit' && counted(t) && t.dueAt !== null && t.dueAt >= period.from && t.dueAt < period.to);
  const byOutcome = new Map<(typeof TASK_OUTCOMES)[number], number>();
  for (const t of due) {
    if (t.status !== 'done') continue;
    const outcome = t.outcome ?? 'other';
    byOutcome.set(outcome, (byOutcome.get(outcome) ?? 0) + 1);
  }
  return {
    due: due.length,
    byOutcome: TASK_OUTCOMES.flatMap((outcome) => {
      const count = byOutcome.get(outcome);
      return count === undefined ? [] : [{ outcome, count }];
    }),
    open: due.filter((t) => t.status !== 'done').length,
  };
}
