// The board's actions on a task (assign, complete, cancel): which dialog is open, and running the request once at a
// time per task. The live link brings the task's new state as well; the reply only helps when the link is slow or
// down, so it applies only when no live event for the task came meanwhile (task-book.ts). A 401 ends the session.

import { signal } from '@preact/signals';
import type { TaskView } from '../../../../schemas/index.js';
import { runAction, type ActionPlace } from '../../shared/run-action.js';
import { endSession } from '../session.js';
import { bumpTasks, pendingTasks, showNotice, tasks, token } from '../state/desk-state.js';

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

const deskTasks: ActionPlace<TaskView> = {
  kind: 'task',
  token,
  pending: pendingTasks,
  book: tasks,
  bump: bumpTasks,
  showNotice: ([key, vars]) => showNotice(key, vars),
  endSession,
};

/** Runs `call` for the task by the shared runner (shared/run-action.ts): one action at a time per task. */
export const runTaskAction = (taskId: string, call: (token: string) => Promise<TaskView>) => runAction(deskTasks, taskId, call);
