import type { TaskOutcome, TaskStatus } from '../../../../schemas/index.js';
import { OPEN_TASK_STATUSES } from '../../../../schemas/index.js';
import type { Decision } from '../decisions.js';
import type { Task } from './task.js';

// The loop every task goes through, whatever its kind: open → assigned → accepted → done, or cancelled; a decline
// puts it back to open for the desk. Pure like the alert loop: the caller says who and when, the task changes only
// through the one `updateTask` decision returned, and its previous status guards the write, so a desk click and a
// responder's tap that cross in the post cannot both win.

export type TaskErrorCode = 'TASK_TRANSITION_INVALID' | 'TASK_NOT_ASSIGNED_TO_YOU';
export type TaskResult = { ok: true; decisions: Decision[] } | { ok: false; code: TaskErrorCode; from: TaskStatus };

export type TaskAction = 'assigned' | 'accepted' | 'declined' | 'done' | 'cancelled' | 'cause_cleared';

const refused = (task: Task, code: TaskErrorCode = 'TASK_TRANSITION_INVALID'): TaskResult => ({ ok: false, code, from: task.status });
const isOpen = (task: Task): boolean => OPEN_TASK_STATUSES.includes(task.status);

function moved(task: Task, changes: Partial<Task>, actor: string, action: TaskAction, note: string | null): TaskResult {
  return { ok: true, decisions: [{ kind: 'updateTask', task: { ...task, ...changes }, previousStatus: task.status, entry: { actor, action, note } }] };
}

/**
 * The desk gives the task to a responder; also hands an assigned or accepted task to somebody else. The new
 * assignee has not accepted anything yet, so an earlier acceptance does not carry over. The audit note names the
 * assignee, so the log reads "assigned to whom" without joining the task's later state.
 */
export function assignTask(task: Task, responderId: string, actor: string, now: number): TaskResult {
  if (!isOpen(task)) return refused(task);
  return moved(task, { status: 'assigned', assigneeId: responderId, assignedAt: now, acceptedAt: null }, actor, 'assigned', responderId);
}

/** The assignee takes it on. Accepting twice is refused: the first acceptance time is the one that counts. */
export function acceptTask(task: Task, responderId: string, actor: string, now: number): TaskResult {
  // An open task of the community may be taken by a responder who sees it: it becomes theirs, accepted.
  if (task.status === 'open') return moved(task, { status: 'accepted', assigneeId: responderId, assignedAt: now, acceptedAt: now }, actor, 'accepted', null);
  if (task.status !== 'assigned') return refused(task);
  if (task.assigneeId !== responderId) return refused(task, 'TASK_NOT_ASSIGNED_TO_YOU');
  return moved(task, { status: 'accepted', acceptedAt: now }, actor, 'accepted', null);
}

/**
 * The assignee gives it back, before or after accepting; it is open again for the desk to give to somebody else.
 * `now` is not stored on the task (a decline has no field of its own); the audit log keeps when.
 */
export function declineTask(task: Task, responderId: string, actor: string, _now: number, reason: string | null): TaskResult {
  if (task.status !== 'assigned' && task.status !== 'accepted') return refused(task);
  if (task.assigneeId !== responderId) return refused(task, 'TASK_NOT_ASSIGNED_TO_YOU');
  return moved(task, { status: 'open', assigneeId: null, assignedAt: null, acceptedAt: null }, actor, 'declined', reason);
}

/**
 * Done, with what was found. The desk (`responderId` null) may close any open task, e.g. a visit reported by
 * phone; a responder only the task assigned to them, so one worker cannot close another's visit by mistake.
 * Completing without accepting first is allowed: they did the work, which is what the loop is for.
 */
export function completeTask(task: Task, actor: string, now: number, outcome: TaskOutcome, note: string | null, responderId: string | null): TaskResult {
  if (!isOpen(task)) return refused(task);
  if (responderId !== null && task.assigneeId !== responderId) return refused(task, 'TASK_NOT_ASSIGNED_TO_YOU');
  return moved(task, { status: 'done', completedAt: now, completedBy: actor, outcome, note }, actor, 'done', note);
}

/**
 * Nobody needs to do it any more (the device was replaced, the elder moved). The reason is kept as the task's
 * note; completedAt / completedBy record when and by whom it was closed, as when an alert closing cancels its visit.
 */
export function cancelTask(task: Task, actor: string, now: number, reason: string): TaskResult {
  if (!isOpen(task)) return refused(task);
  return moved(task, { status: 'cancelled', completedAt: now, completedBy: actor, note: reason }, actor, 'cancelled', reason);
}

/**
 * The cause went away by itself (task-cause.ts): the desk closes the task in one step, without assigning anybody.
 * Done with outcome not_needed and the clearing as its note. Refused while the cause has not cleared.
 */
export function closeClearedTask(task: Task, actor: string, now: number): TaskResult {
  if (!isOpen(task) || task.causeClearedAt === null) return refused(task);
  const note = `cause cleared: ${task.causeClearedNote ?? ''}`.trim();
  return moved(task, { status: 'done', completedAt: now, completedBy: actor, outcome: 'not_needed', note }, actor, 'done', note);
}
