// The board's actions on a task (assign, complete, cancel): which dialog is open, and running the request once at a
// time per task. The live link brings the task's new state as well; the reply only helps when the link is slow or
// down, so it applies only when no live event for the task came meanwhile (task-book.ts). A 401 ends the session.

import { signal } from '@preact/signals';
import type { TaskView } from '../../../../schemas/index.js';
import { ApiError, errorMessage } from '../../shared/api.js';
import { endSession } from '../session.js';
import { addTo, bumpTasks, pendingTasks, removeFrom, showNotice, tasks, token } from '../state/desk-state.js';

export interface TaskDialog {
  kind: 'assign' | 'complete' | 'cancel';
  taskId: string;
  /** The session it was opened in: a dialog never outlives a logout. */
  session: string;
}

/** The task dialog on screen, if any: one at a time. */
export const taskDialog = signal<TaskDialog | null>(null);

export function openTaskDialog(kind: TaskDialog['kind'], taskId: string): void {
  if (token.value) taskDialog.value = { kind, taskId, session: token.value };
}

export const closeTaskDialog = () => void (taskDialog.value = null);

/**
 * Runs `call` for the task unless an action on it is already under way (its buttons are disabled meanwhile); a
 * failure becomes the notice line, in the words for tasks (a 409 means somebody else handled it first).
 */
export async function runTaskAction(taskId: string, call: (token: string) => Promise<TaskView>): Promise<void> {
  const session = token.value;
  if (!session || pendingTasks.value.has(taskId)) return;
  pendingTasks.value = addTo(pendingTasks.value, taskId);
  const versionBefore = tasks.version(taskId);
  try {
    const reply = await call(session);
    if (token.value === session && tasks.applyReply(reply, versionBefore)) bumpTasks();
  } catch (err) {
    if (token.value !== session) return;
    if (err instanceof ApiError && err.status === 401) {
      endSession('login.expired');
      return;
    }
    const [key, vars] = errorMessage(err, 'task');
    showNotice(key, vars);
  } finally {
    pendingTasks.value = removeFrom(pendingTasks.value, taskId);
  }
}
