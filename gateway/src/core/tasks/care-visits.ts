import type { VisitMode } from '../../../../schemas/index.js';
import type { Decision } from '../decisions.js';
import type { ElderState } from '../elder-state.js';
import type { VisitPeriod } from '../visits/periods.js';
import { openTask } from './task-factory.js';

// The care visit (探访关爱) the visit policy owes an elder per period (core/visits/obligation.ts): one task per
// attempt, due just before the period ends. Periods are local (core/visits/periods.ts): in China (UTC+8) December
// starts at 2026-11-30T16:00Z, and a visit made that evening counts for December, as the worker would count it.

export interface DueVisit {
  period: Pick<VisitPeriod, 'key' | 'endAt'>;
  /** The ways that count, copied onto the task: a later policy edit does not rewrite what this task asked for. */
  modes: readonly VisitMode[];
  /** 1 for the schedule; 2, 3, ... for a retry in the same period (app/tasks/visit-retry.ts). */
  attempt: number;
}

/**
 * The elder's visit task for the period. An attempt already open for the period makes this an ignore
 * (task_already_open), so the schedule may run as often as it likes; the store's unique (elder, period, attempt)
 * index guards against two writers at once.
 *
 * Being away (in hospital, with family) does not exempt the elder: the visit is still due, and the worker records
 * what they found (not_home, or a visit in hospital). Deciding exemptions from partial absences is a policy question
 * for the county, not something to guess here. The task is never a test task: no device is involved.
 */
export function careVisitDue(state: ElderState, now: number, due: DueVisit): Decision[] {
  return openTask(state, now, {
    kind: 'care_visit',
    reason: 'care_visit',
    deviceId: null,
    period: due.period.key,
    periodEndsAt: due.period.endAt,
    attempt: due.attempt,
    visitModes: [...due.modes],
    dueAt: due.period.endAt - 1,
  });
}
