import type { TaskOutcome, VisitMode } from '../../../../schemas/index.js';
import { OPEN_TASK_STATUSES } from '../../../../schemas/index.js';
import type { Task } from './task.js';
import type { TaskResult } from './task-lifecycle.js';

// What is recorded when a care visit is done (how it was made), and when a failed visit may be tried again in the
// same period. Pure; the caller loads the task and the other attempts of its period.

/** The outcomes that say something about the elder and so need the way the visit was made. */
const MODE_OUTCOMES: readonly TaskOutcome[] = ['visited', 'not_home', 'refused'];

/** Why completing `task` with `outcome` and `mode` is refused, or null. */
export function visitModeProblem(task: Pick<Task, 'kind'>, outcome: TaskOutcome, mode: VisitMode | null): 'VISIT_MODE_REQUIRED' | 'VISIT_MODE_NOT_APPLICABLE' | null {
  if (task.kind !== 'care_visit') return mode === null ? null : 'VISIT_MODE_NOT_APPLICABLE';
  return mode === null && MODE_OUTCOMES.includes(outcome) ? 'VISIT_MODE_REQUIRED' : null;
}

/** The completion with the way of visiting written onto the task. */
export function withVisitMode(result: TaskResult, mode: VisitMode | null): TaskResult {
  if (!result.ok || mode === null) return result;
  return { ok: true, decisions: result.decisions.map((d) => (d.kind === 'updateTask' ? { ...d, task: { ...d.task, visitMode: mode } } : d)) };
}

/** Whether a done attempt covers its period: visited, in a way its task counts. */
export const coversPeriod = (t: Pick<Task, 'status' | 'outcome' | 'visitMode' | 'visitModes'>): boolean =>
  t.status === 'done' && t.outcome === 'visited' && t.visitMode !== null && (t.visitModes ?? []).includes(t.visitMode);

/**
 * The next attempt at `task`'s period, or why there is none: the task is a care visit done without covering its
 * period (not home, refused, or visited in a way that does not count), the period has not ended, no attempt of it
 * covered it and none is still open. `attempts` are all the tasks of the same elder and period, `task` included.
 */
export function nextVisitAttempt(task: Task, attempts: readonly Task[], now: number): { attempt: number } | { refused: string } {
  if (task.kind !== 'care_visit' || task.period === null || task.periodEndsAt === null) return { refused: 'only a care visit is retried' };
  if (task.status !== 'done') return { refused: `the visit is ${task.status}, not done` };
  if (task.periodEndsAt <= now) return { refused: `the period ${task.period} has ended` };
  if (attempts.some(coversPeriod)) return { refused: `the period ${task.period} is covered already` };
  if (attempts.some((t) => OPEN_TASK_STATUSES.includes(t.status))) return { refused: `an attempt at ${task.period} is still open` };
  if (task.outcome !== 'not_home' && task.outcome !== 'refused' && task.outcome !== 'visited') return { refused: `a visit done as ${task.outcome ?? 'nothing'} is not retried` };
  return { attempt: Math.max(...attempts.map((t) => t.attempt ?? 1), task.attempt ?? 1) + 1 };
}
