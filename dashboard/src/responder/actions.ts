// What the responder's buttons and dialogs do: one REST call per action, run by the shared runner
// (shared/run-action.ts): one at a time per alert or task, the reply applied by version, a failure as the notice.

import type { AlertView, TaskView } from '../../../schemas/index.js';
import * as api from '../shared/api.js';
import { runAction, type ActionPlace } from '../shared/run-action.js';
import type { Alert } from '../model/alert-book.js';
import type { Task } from '../model/task-book.js';
import { endSession } from './session-end.js';
import { alerts, bumpAlerts, bumpTasks, pendingAlerts, pendingTasks, showNotice, tasks, token } from './state.js';

const alertActions: ActionPlace<AlertView> = { kind: 'alert', token, pending: pendingAlerts, book: alerts, bump: bumpAlerts, showNotice, endSession };
const taskActions: ActionPlace<TaskView> = { kind: 'task', token, pending: pendingTasks, book: tasks, bump: bumpTasks, showNotice, endSession };

export const acceptAlert = (alert: Alert) => runAction(alertActions, alert.id, (s) => api.acceptAlert(s, alert.id));
export const arriveAlert = (alert: Alert) => runAction(alertActions, alert.id, (s) => api.arriveAlert(s, alert.id));
export const declineAlert = (alert: Alert, reason?: string) => runAction(alertActions, alert.id, (s) => api.declineAlert(s, alert.id, reason));
export const resolveAlert = (alert: Alert, reason: string, note?: string) => runAction(alertActions, alert.id, (s) => api.resolveAlert(s, alert.id, reason, note));

/** Accepting an open task of the community takes it; accepting one assigned to me confirms it. */
export const acceptTask = (task: Task) => runAction(taskActions, task.id, (s) => api.acceptTask(s, task.id));
export const declineTask = (task: Task, reason?: string) => runAction(taskActions, task.id, (s) => api.declineTask(s, task.id, reason));
/** `mode`: how a care visit was made, for the outcomes that need it (shared/visit/visit-task.ts). */
export const completeTask = (task: Task, outcome: string, note?: string, mode?: string) => runAction(taskActions, task.id, (s) => api.completeTask(s, task.id, outcome, note, mode));
