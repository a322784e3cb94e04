import { OPEN_ALERT_STATUSES, OPEN_TASK_STATUSES } from '../../../schemas/index.js';
import type { Alert, TimelineEntry } from '../../../gateway/src/core/alerts/alert.js';
import { followUpsOf } from '../../../gateway/src/core/alerts/alert-follow-ups.js';
import type { LifecycleResult } from '../../../gateway/src/core/alerts/alert-lifecycle.js';
import type { Deadline } from '../../../gateway/src/core/deadline.js';
import type { Decision } from '../../../gateway/src/core/decisions.js';
import type { ElderState, ResponderCandidate } from '../../../gateway/src/core/elder-state.js';
import { evaluateDeadline } from '../../../gateway/src/core/evaluate.js';
import type { Notification } from '../../../gateway/src/core/notification.js';
import type { Task } from '../../../gateway/src/core/tasks/task.js';
import { asDevice, elderState, T0 } from '../../support/elder-state.js';
import { sampleAlert } from '../../support/fixtures.js';

// A small world for the care workflow: one elder, their alerts, tasks, armed deadlines and what was sent. `carry`
// applies decisions the way the rule runner does (the core's follow-ups appended, previous-status guards checked,
// the last arm or disarm of a key winning), so a test can walk an alarm through its whole loop.

export const SECOND = 1000;
export const MINUTE = 60 * SECOND;
export const HOUR = 60 * MINUTE;
export const DESK = 'user:desk';
export const ALERT_ID = 'alert-1';

export const key = (kind: Deadline['kind'], alertId = ALERT_ID): string => `${kind}:${alertId}`;

/** An alert raised at T0 by the call button, nobody has worked on it yet. */
export function careAlert(overrides: Partial<Alert> = {}): Alert {
  return sampleAlert(ALERT_ID, { deviceId: 'btn-1', context: {}, ...overrides });
}

export function responder(id: string, displayName: string, overrides: Partial<ResponderCandidate> = {}): ResponderCandidate {
  return { id, displayName, regionId: 'community-1', sameCommunity: true, assignedToElder: false, onDuty: true, openAssignments: 0, ...overrides };
}

/** The elder's named care worker, on duty. */
export const WANG = responder('resp-wang', '王芳', { assignedToElder: true });
/** Same community, on duty. */
export const ZHAO = responder('resp-zhao', '赵强');
/** Same community, off duty. */
export const LI = responder('resp-li', '李娜', { onDuty: false });
/** Same community, on duty, declined before. */
export const CHEN = responder('resp-chen', '陈刚');

/** The state of a person's action or a fired deadline: no device spoke. */
export function careState(options: { responders?: ResponderCandidate[]; alerts?: Alert[]; tasks?: Task[] } = {}): ElderState {
  const base = asDevice(elderState({ deviceId: 'btn-1' }), null);
  return { ...base, responders: options.responders ?? [], openAlerts: options.alerts ?? [], openTasks: options.tasks ?? [] };
}

export interface World {
  state: ElderState;
  alerts: Map<string, Alert>;
  tasks: Map<string, Task>;
  armed: Map<string, Deadline>;
  notified: Notification[];
  timeline: TimelineEntry[];
  /** Task moves as `${taskId} ${from}→${to} (${action} by ${actor})`. */
  taskMoves: string[];
}

export function world(state: ElderState, alerts: Alert[] = [], tasks: Task[] = []): World {
  const w: World = {
    state,
    alerts: new Map(alerts.map((a) => [a.id, a])),
    tasks: new Map(tasks.map((t) => [t.id, t])),
    armed: new Map(),
    notified: [],
    timeline: [],
    taskMoves: [],
  };
  return withState(w);
}

function withState(w: World): World {
  const openAlerts = [...w.alerts.values()].filter((a) => OPEN_ALERT_STATUSES.includes(a.status));
  const openTasks = [...w.tasks.values()].filter((t) => OPEN_TASK_STATUSES.includes(t.status));
  return { ...w, state: { ...w.state, openAlerts, openTasks } };
}

/** Applies decisions and their follow-ups as the rule runner would; a failed guard throws like a store conflict. */
export function carry(w: World, decided: Decision[], now: number): World {
  const alerts = new Map(w.alerts);
  const tasks = new Map(w.tasks);
  const armed = new Map(w.armed);
  const notified = [...w.notified];
  const timeline = [...w.timeline];
  const taskMoves = [...w.taskMoves];
  for (const d of [...decided, ...followUpsOf(decided, w.state, now)]) {
    switch (d.kind) {
      case 'raise':
        alerts.set(d.alert.id, d.alert);
        timeline.push(d.entry);
        break;
      case 'update': {
        const current = alerts.get(d.alert.id);
        if (current?.status !== d.previousStatus) throw new Error(`alert ${d.alert.id} is ${current?.status}, not ${d.previousStatus}`);
        alerts.set(d.alert.id, d.alert);
        timeline.push(d.entry);
        break;
      }
      case 'createTask':
        tasks.set(d.task.id, d.task);
        break;
      case 'updateTask': {
        const current = tasks.get(d.task.id);
        if (current?.status !== d.previousStatus) throw new Error(`task ${d.task.id} is ${current?.status}, not ${d.previousStatus}`);
        tasks.set(d.task.id, d.task);
        taskMoves.push(`${d.task.id} ${d.previousStatus}→${d.task.status} (${d.entry.action} by ${d.entry.actor})`);
        break;
      }
      case 'arm':
        armed.set(d.deadline.key, d.deadline);
        break;
      case 'disarm':
        armed.delete(d.key);
        break;
      case 'notify':
        notified.push(d.notification);
        break;
      default:
        break;
    }
  }
  return withState({ ...w, alerts, tasks, armed, notified, timeline, taskMoves });
}

/** A person acts on the alert; the action must be allowed. */
export function act(w: World, now: number, action: (alert: Alert, state: ElderState) => LifecycleResult, alertId = ALERT_ID): World {
  const alert = w.alerts.get(alertId);
  if (!alert) throw new Error(`no alert ${alertId}`);
  const result = action(alert, w.state);
  if (!result.ok) throw new Error(`refused: ${result.code} from ${result.from}`);
  return carry(w, result.decisions, now);
}

/** The scheduler fires an armed deadline (claiming it, then evaluating it). */
export function fire(w: World, deadlineKey: string, now: number): World {
  const deadline = w.armed.get(deadlineKey);
  if (!deadline) throw new Error(`${deadlineKey} is not armed (armed: ${[...w.armed.keys()].join(', ')})`);
  const armed = new Map(w.armed);
  armed.delete(deadlineKey);
  const claimed = { ...w, armed };
  return carry(claimed, evaluateDeadline(deadline, claimed.state, now), now);
}

/** The armed deadlines as `key @ +seconds after T0`, sorted, for compact assertions. */
export const armedAt = (w: World): string[] => [...w.armed.values()].map((d) => `${d.key} @ +${(d.dueAt - T0) / SECOND}s`).sort();

export const alertOf = (w: World, id = ALERT_ID): Alert => {
  const alert = w.alerts.get(id);
  if (!alert) throw new Error(`no alert ${id}`);
  return alert;
};

export const actionsOf = (w: World): string[] => w.timeline.map((e) => `${e.action} by ${e.actor}`);

/** A deadline about the alert, as the core arms it. */
export function alertDeadline(kind: Deadline['kind'], dueAt: number, data: Deadline['data'] = {}): Deadline {
  return { key: key(kind), kind, elderId: 'elder-1', deviceId: 'btn-1', dueAt, data };
}
