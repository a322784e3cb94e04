import { describe, expect, it } from 'vitest';
import type { ElderState } from '../../../gateway/src/core/elder-state.js';
import { careVisitDue } from '../../../gateway/src/core/tasks/care-visits.js';
import { nextVisitAttempt, visitModeProblem } from '../../../gateway/src/core/tasks/care-visit-records.js';
import type { Task } from '../../../gateway/src/core/tasks/task.js';
import { asDevice, elderState } from '../../support/elder-state.js';
import { sampleTask } from '../../support/fixtures.js';

// Care visit tasks: made per period with the modes that count, done with the way they were made, and tried again
// in the same period when nobody was home, the elder refused, or the way did not count.

const END = Date.parse('2026-12-31T16:00:00Z');
const RUNNING = END - 86_400_000;
const visit = (id: string, overrides: Partial<Task> = {}): Task =>
  sampleTask(id, { kind: 'care_visit', reason: 'care_visit', deviceId: null, dedupKey: 'care_visit:2026-12', period: '2026-12', periodEndsAt: END, attempt: 1, visitModes: ['door'], dueAt: END - 1, ...overrides });
const doneAs = (outcome: Task['outcome'], visitMode: Task['visitMode']): Partial<Task> => ({ status: 'done', outcome, visitMode, completedAt: RUNNING - 1000 });
const elder = (overrides: Partial<ElderState> = {}): ElderState => ({ ...asDevice(elderState({ riskCategory: 'alone' }), null), ...overrides });

describe('a care visit due', () => {
  it('when the period is due, then one open task is made with the period, attempt and modes, due just before the period ends, never a test task', () => {
    const [decision] = careVisitDue(elder(), RUNNING, { period: { key: '2026-12', endAt: END }, modes: ['door', 'phone'], attempt: 1 });
    expect(decision).toEqual({
      kind: 'createTask',
      task: expect.objectContaining({ kind: 'care_visit', reason: 'care_visit', status: 'open', test: false, period: '2026-12', periodEndsAt: END, attempt: 1, visitModes: ['door', 'phone'], visitMode: null, dueAt: END - 1, dedupKey: 'care_visit:2026-12' }),
    });
  });

  it('when an attempt at the period is open, then no second is made; last period’s open visit does not stop this one', () => {
    expect(careVisitDue(elder({ openTasks: [visit('v-1')] }), RUNNING, { period: { key: '2026-12', endAt: END }, modes: ['door'], attempt: 2 })).toEqual([{ kind: 'ignore', reason: 'task_already_open' }]);
    const november = visit('v-0', { period: '2026-11', dedupKey: 'care_visit:2026-11' });
    expect(careVisitDue(elder({ openTasks: [november] }), RUNNING, { period: { key: '2026-12', endAt: END }, modes: ['door'], attempt: 1 })).toEqual([expect.objectContaining({ kind: 'createTask' })]);
  });

  it('when the elder is away (in hospital), then the visit is still due', () => {
    const away = elderState({ riskCategory: 'disabled', away: { since: RUNNING - 86_400_000, until: null } });
    expect(careVisitDue(asDevice(away, null), RUNNING, { period: { key: '2026-12', endAt: END }, modes: ['door'], attempt: 1 })).toEqual([expect.objectContaining({ kind: 'createTask' })]);
  });
});

describe('the way a visit was made', () => {
  it.each([
    ['care_visit', 'visited', null, 'VISIT_MODE_REQUIRED'],
    ['care_visit', 'not_home', null, 'VISIT_MODE_REQUIRED'],
    ['care_visit', 'refused', null, 'VISIT_MODE_REQUIRED'],
    ['care_visit', 'not_needed', null, null],
    ['care_visit', 'visited', 'video', null],
    ['maintenance', 'fixed', 'door', 'VISIT_MODE_NOT_APPLICABLE'],
    ['maintenance', 'fixed', null, null],
  ] as const)('when a %s is done as %s with mode %s, then the refusal is %s', (kind, outcome, mode, problem) => {
    expect(visitModeProblem({ kind }, outcome, mode)).toBe(problem);
  });
});

describe('trying again in the same period', () => {
  it.each([
    ['nobody was home', doneAs('not_home', 'door')],
    ['the elder refused', doneAs('refused', 'door')],
    ['the visit was by phone where only the door counts', doneAs('visited', 'phone')],
  ])('when %s and the period runs, then the next attempt is made', (_name, done) => {
    const first = visit('v-1', done);
    expect(nextVisitAttempt(first, [first], RUNNING)).toEqual({ attempt: 2 });
  });

  it('when attempts 1 and 2 failed, then a retry of either makes attempt 3', () => {
    const first = visit('v-1', doneAs('not_home', 'door'));
    const second = visit('v-2', { attempt: 2, ...doneAs('refused', 'door') });
    expect(nextVisitAttempt(first, [first, second], RUNNING)).toEqual({ attempt: 3 });
  });

  it.each([
    ['the period has ended', [visit('v-1', doneAs('not_home', 'door'))], END, /has ended/],
    ['the period is covered', [visit('v-1', doneAs('visited', 'door')), visit('v-2', { attempt: 2, ...doneAs('not_home', 'door') })], RUNNING, /covered already/],
    ['an attempt is still open', [visit('v-1', doneAs('not_home', 'door')), visit('v-2', { attempt: 2 })], RUNNING, /still open/],
    ['the visit is not done', [visit('v-1', { status: 'assigned' })], RUNNING, /not done/],
    ['the visit was closed as not needed', [visit('v-1', doneAs('not_needed', null))], RUNNING, /not retried/],
  ] as const)('when %s, then no retry', (_name, attempts, now, why) => {
    const next = nextVisitAttempt(attempts[0]!, attempts, now);
    expect(next).toEqual({ refused: expect.stringMatching(why) });
  });

  it('when the task is not a care visit, then no retry', () => {
    const task = sampleTask('m-1', { status: 'done', outcome: 'fixed' });
    expect(nextVisitAttempt(task, [task], RUNNING)).toEqual({ refused: 'only a care visit is retried' });
  });
});
