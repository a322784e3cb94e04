// What the responder's buttons and dialogs do: one REST call per action, one at a time per alert or task (its
// buttons are disabled meanwhile). The live link brings the result to every page; the reply is applied too, for
// when the link is slow or down, unless a live event for the same item came first (the books decide).

import * as api from '../shared/api.js';
import type { Alert } from '../desk/state/alert-book.js';
import type { Task } from '../desk/state/task-book.js';
import { endSession } from './session-end.js';
import { alerts, bumpAlerts, bumpTasks, pendingAlerts, pendingTasks, showNotice, tasks, token, withItem } from './state.js';

type Pending = typeof pendingAlerts;

async function run<T>(kind: 'alert' | 'task', id: string, call: (session: string) => Promise<T>): Promise<void> {
  const session = token.peek();
  const pending: Pending = kind === 'alert' ? pendingAlerts : pendingTasks;
  if (!session || pending.peek().has(id)) return;
  pending.value = withItem(pending.peek(), id, true);
  const since = kind === 'alert' ? alerts.version(id) : tasks.version(id);
  try {
    const reply = await call(session);
    if (token.peek() !== session) return;
    if (kind === 'alert' && alerts.applyReply(reply, since)) bumpAlerts();
    if (kind === 'task' && tasks.applyReply(reply, since)) bumpTasks();
  } catch (err) {
    if (token.peek() !== session) return;
    if (err instanceof api.ApiError && err.status === 401) return endSession('login.expired');
    showNotice(api.errorMessage(err, kind));
  } finally {
    pending.value = withItem(pending.peek(), id, false);
  }
}

export const acceptAlert = (alert: Alert) => run('alert', alert.id, (s) => api.acceptAlert(s, alert.id));
export const arriveAlert = (alert: Alert) => run('alert', alert.id, (s) => api.arriveAlert(s, alert.id));
export const declineAlert = (alert: Alert, reason?: string) => run('alert', alert.id, (s) => api.declineAlert(s, alert.id, reason));
export const resolveAlert = (alert: Alert, reason: string, note?: string) => run('alert', alert.id, (s) => api.resolveAlert(s, alert.id, reason, note));

/** Accepting an open task of the community takes it; accepting one assigned to me confirms it. */
export const acceptTask = (task: Task) => run('task', task.id, (s) => api.acceptTask(s, task.id));
export const declineTask = (task: Task, reason?: string) => run('task', task.id, (s) => api.declineTask(s, task.id, reason));
export const completeTask = (task: Task, outcome: string, note?: string) => run('task', task.id, (s) => api.completeTask(s, task.id, outcome, note));
