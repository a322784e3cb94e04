import { describe, expect, it } from 'vitest';
import { TASK_STATUSES, type TaskStatus } from '../../../schemas/index.js';
import type { Decision } from '../../../gateway/src/core/decisions.js';
import type { Task } from '../../../gateway/src/core/tasks/task.js';
import { acceptTask, assignTask, cancelTask, completeTask, declineTask, type TaskResult } from '../../../gateway/src/core/tasks/task-lifecycle.js';
import { T0 } from '../../support/elder-state.js';
import { sampleTask } from '../../support/fixtures.js';

// Every (status, action) pair of the task loop, then who may act: only the assignee accepts, declines or completes
// as a responder; the desk may complete any open task. A task in each status is shaped as the loop leaves it.

const MINUTE = 60_000;
const NOW = T0 + 30 * MINUTE;
const DESK = 'user:desk';
const WANG = 'resp-wang';
const ZHAO = 'resp-zhao';
const WANG_ACTOR = 'user:wang';

function task(status: TaskStatus, overrides: Partial<Task> = {}): Task {
  const assigned = status === 'assigned' || status === 'accepted';
  const closed = status === 'done' || status === 'cancelled';
  return sampleTask('task-1', {
    status,
    assigneeId: assigned ? WANG : null,
    assignedAt: assigned ? T0 + MINUTE : null,
    acceptedAt: status === 'accepted' ? T0 + 2 * MINUTE : null,
    completedAt: closed ? T0 + 3 * MINUTE : null,
    completedBy: closed ? DESK : null,
    outcome: status === 'done' ? 'fixed' : null,
    ...overrides,
  });
}

const ACTIONS = {
  assign: (t: Task) => assignTask(t, ZHAO, DESK, NOW),
  accept: (t: Task) => acceptTask(t, WANG, WANG_ACTOR, NOW),
  decline: (t: Task) => declineTask(t, WANG, WANG_ACTOR, NOW, null),
  'complete (desk)': (t: Task) => completeTask(t, DESK, NOW, 'fixed', null, null),
  'complete (assignee)': (t: Task) => completeTask(t, WANG_ACTOR, NOW, 'fixed', null, WANG),
  cancel: (t: Task) => cancelTask(t, DESK, NOW, 'device replaced'),
} satisfies Record<string, (t: Task) => TaskResult>;
type Action = keyof typeof ACTIONS;

type Outcome = TaskStatus | 'TASK_TRANSITION_INVALID' | 'TASK_NOT_ASSIGNED_TO_YOU';
const INVALID = 'TASK_TRANSITION_INVALID';

/** Where each action leads from each status, or why it is refused. */
const TABLE: Record<TaskStatus, Record<Action, Outcome>> = {
  open: {
    assign: 'assigned',
    // A responder takes an open task of their community: it becomes theirs.
    accept: 'accepted',
    decline: INVALID,
    'complete (desk)': 'done',
    // Nobody was given it, so it is not the responder's to close.
    'complete (assignee)': 'TASK_NOT_ASSIGNED_TO_YOU',
    cancel: 'cancelled',
  },
  assigned: { assign: 'assigned', accept: 'accepted', decline: 'open', 'complete (desk)': 'done', 'complete (assignee)': 'done', cancel: 'cancelled' },
  accepted: { assign: 'assigned', accept: INVALID, decline: 'open', 'complete (desk)': 'done', 'complete (assignee)': 'done', cancel: 'cancelled' },
  done: { assign: INVALID, accept: INVALID, decline: INVALID, 'complete (desk)': INVALID, 'complete (assignee)': INVALID, cancel: INVALID },
  cancelled: { assign: INVALID, accept: INVALID, decline: INVALID, 'complete (desk)': INVALID, 'complete (assignee)': INVALID, cancel: INVALID },
};

const PAIRS = TASK_STATUSES.flatMap((status) => (Object.keys(ACTIONS) as Action[]).map((action): [TaskStatus, Action, Outcome] => [status, action, TABLE[status][action]]));

type TaskMove = Extract<Decision, { kind: 'updateTask' }>;

/** The one decision of a successful step. */
function onlyMove(result: TaskResult): TaskMove {
  if (!result.ok) throw new Error(`refused: ${result.code} from ${result.from}`);
  expect(result.decisions).toHaveLength(1);
  const [move] = result.decisions;
  if (move?.kind !== 'updateTask') throw new Error(`not a task move: ${move?.kind}`);
  return move;
}

describe('task transitions', () => {
  it.each(PAIRS)('when a %s task gets "%s", then the result is %s', (status, action, outcome) => {
    const result = ACTIONS[action](task(status));
    if (outcome === INVALID || outcome === 'TASK_NOT_ASSIGNED_TO_YOU') {
      expect(result).toEqual({ ok: false, code: outcome, from: status });
    } else {
      const move = onlyMove(result);
      expect(move.task.status).toBe(outcome);
      // The write applies only if nobody moved the task meanwhile.
      expect(move.previousStatus).toBe(status);
    }
  });
});

describe('task steps', () => {
  it('when the desk assigns an open task, then it records to whom and when, and the audit note names the assignee', () => {
    expect(assignTask(task('open'), WANG, DESK, NOW)).toEqual({
      ok: true,
      decisions: [
        {
          kind: 'updateTask',
          task: task('open', { status: 'assigned', assigneeId: WANG, assignedAt: NOW, acceptedAt: null }),
          previousStatus: 'open',
          entry: { actor: DESK, action: 'assigned', note: WANG },
        },
      ],
    });
  });

  it('when an accepted task is re-assigned to somebody else, then the earlier acceptance does not carry over', () => {
    const move = onlyMove(assignTask(task('accepted'), ZHAO, DESK, NOW));
    expect(move.task).toMatchObject({ status: 'assigned', assigneeId: ZHAO, assignedAt: NOW, acceptedAt: null });
  });

  it('when a responder takes an open task, then it is assigned to them and accepted at once', () => {
    const move = onlyMove(acceptTask(task('open'), WANG, WANG_ACTOR, NOW));
    expect(move.task).toMatchObject({ status: 'accepted', assigneeId: WANG, assignedAt: NOW, acceptedAt: NOW });
  });

  it('when the assignee accepts, then the acceptance time is recorded under their name', () => {
    const move = onlyMove(acceptTask(task('assigned'), WANG, WANG_ACTOR, NOW));
    expect(move.task).toMatchObject({ status: 'accepted', assigneeId: WANG, assignedAt: T0 + MINUTE, acceptedAt: NOW });
    expect(move.entry).toEqual({ actor: WANG_ACTOR, action: 'accepted', note: null });
  });

  it.each(['assigned', 'accepted'] as const)('when the assignee declines a %s task with a reason, then it is open again with nobody on it', (status) => {
    const move = onlyMove(declineTask(task(status), WANG, WANG_ACTOR, NOW, '今天不在社区'));
    expect(move.task).toMatchObject({ status: 'open', assigneeId: null, assignedAt: null, acceptedAt: null });
    expect(move.entry).toEqual({ actor: WANG_ACTOR, action: 'declined', note: '今天不在社区' });
  });

  it('when the assignee completes, then who, when, the outcome and the note are recorded', () => {
    const move = onlyMove(completeTask(task('accepted'), WANG_ACTOR, NOW, 'fixed', '已更换电池', WANG));
    expect(move.task).toMatchObject({ status: 'done', completedAt: NOW, completedBy: WANG_ACTOR, outcome: 'fixed', note: '已更换电池' });
    expect(move.entry).toEqual({ actor: WANG_ACTOR, action: 'done', note: '已更换电池' });
  });

  it('when the desk completes an open task without a note, then it is done with the outcome and no note', () => {
    const move = onlyMove(completeTask(task('open'), DESK, NOW, 'not_needed', null, null));
    expect(move.task).toMatchObject({ status: 'done', completedAt: NOW, completedBy: DESK, outcome: 'not_needed', note: null, assigneeId: null });
  });

  it('when the desk cancels, then the reason is the note and the closing time and actor are kept', () => {
    const move = onlyMove(cancelTask(task('assigned'), DESK, NOW, '设备已更换'));
    expect(move.task).toMatchObject({ status: 'cancelled', note: '设备已更换', completedAt: NOW, completedBy: DESK, outcome: null });
    expect(move.entry).toEqual({ actor: DESK, action: 'cancelled', note: '设备已更换' });
  });
});

describe('only the assignee acts as a responder', () => {
  it.each([
    ['accept', (t: Task) => acceptTask(t, ZHAO, 'user:zhao', NOW), 'assigned'],
    ['decline', (t: Task) => declineTask(t, ZHAO, 'user:zhao', NOW, null), 'assigned'],
    ['decline an accepted one', (t: Task) => declineTask(t, ZHAO, 'user:zhao', NOW, null), 'accepted'],
    ['complete', (t: Task) => completeTask(t, 'user:zhao', NOW, 'fixed', null, ZHAO), 'assigned'],
    ['complete an accepted one', (t: Task) => completeTask(t, 'user:zhao', NOW, 'fixed', null, ZHAO), 'accepted'],
  ] as const)('when another responder tries to %s, then it is refused as not theirs', (_name, step, status) => {
    expect(step(task(status))).toEqual({ ok: false, code: 'TASK_NOT_ASSIGNED_TO_YOU', from: status });
  });

  it("when the desk completes a task assigned to a responder, then it is done (a visit reported by phone)", () => {
    expect(onlyMove(completeTask(task('accepted'), DESK, NOW, 'visited', '电话回报', null)).task).toMatchObject({ status: 'done', completedBy: DESK, assigneeId: WANG });
  });

  it('when a task is closed, then a responder acting on it hears that the transition is invalid, not that it is not theirs', () => {
    expect(completeTask(task('done', { assigneeId: WANG }), 'user:zhao', NOW, 'fixed', null, ZHAO)).toEqual({ ok: false, code: 'TASK_TRANSITION_INVALID', from: 'done' });
  });
});
