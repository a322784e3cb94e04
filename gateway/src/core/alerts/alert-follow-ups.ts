import { OPEN_ALERT_STATUSES, OPEN_TASK_STATUSES } from '../../../../schemas/index.js';
import type { Alert } from './alert.js';
import { deadlineKey, type DeadlineData, type DeadlineKind } from '../deadline.js';
import type { Decision } from '../decisions.js';
import type { ElderState, EscalationPolicy } from '../elder-state.js';
import type { Notification, NotificationAudience, NotificationTopic } from '../notification.js';
import type { Task } from '../tasks/task.js';
import { tasksOfClearedAlert } from '../tasks/task-cause.js';

// What follows from any alert change, whoever made it (a device rule, a fired deadline, a person). Rules only say
// "raise" or "close"; chasing an alert nobody acknowledges and cleaning up after one that closed is the same for
// all of them, so it lives here once instead of in every rule. The rule runner appends these to every run.

/** The deadlines that hang off one alert, each keyed `${kind}:${alertId}`. */
export const ALERT_DEADLINE_KINDS = ['alert_escalation', 'dispatch_accept', 'arrival_due', 'hold_expiry'] as const satisfies readonly DeadlineKind[];
export type AlertDeadlineKind = (typeof ALERT_DEADLINE_KINDS)[number];

/** A closed alert must not escalate, expire an offer or end a hold later. */
export const disarmAlertDeadlines = (alertId: string): Decision[] =>
  ALERT_DEADLINE_KINDS.map((kind): Decision => ({ kind: 'disarm', key: deadlineKey(kind, alertId) }));

/** Arms a deadline about one alert: keyed by the alert, filed under its elder and device. */
export function armAlertDeadline(kind: AlertDeadlineKind, alert: Alert, dueAt: number, data: DeadlineData = {}): Decision {
  return { kind: 'arm', deadline: { key: deadlineKey(kind, alert.id), kind, elderId: alert.elderId, deviceId: alert.deviceId, dueAt, data } };
}

/** The alert id a fired alert deadline is about (the subject of its key). */
export const alertIdOf = (deadline: { key: string; kind: DeadlineKind }): string => deadline.key.slice(deadline.kind.length + 1);

export function alertNotification(alert: Alert, topic: NotificationTopic, audience: NotificationAudience, extra: Pick<Notification, 'responderId' | 'level'> = {}): Decision {
  return {
    kind: 'notify',
    notification: { topic, audience, elderId: alert.elderId, alertId: alert.id, alertType: alert.type, priority: alert.priority, ...extra },
  };
}

/**
 * The escalation of `level` (1-based) if the policy has one for the alert's priority. Every level counts from
 * `raisedAt`, not from the previous level, so a late-firing scheduler does not push the supervisors back.
 */
export function escalationDeadline(alert: Alert, policy: EscalationPolicy, level: number): Decision | null {
  const seconds = policy.ackSeconds[alert.priority][level - 1];
  return seconds === undefined ? null : armAlertDeadline('alert_escalation', alert, alert.raisedAt + seconds * 1000, { level });
}

/** The alert's on-site visit task, while it still has to be done. */
export function openVisitTask(state: ElderState, alertId: string): Task | undefined {
  return state.openTasks.find((t) => t.kind === 'visit' && t.alertId === alertId && OPEN_TASK_STATUSES.includes(t.status));
}

const isClosed = (alert: Alert): boolean => !OPEN_ALERT_STATUSES.includes(alert.status);

export function followUpsOf(decisions: Decision[], state: ElderState, now: number): Decision[] {
  // Only a raised or changed alert has follow-ups; most decisions (a reading in range, a heartbeat) have none, and
  // this runs for every message, so they cost no allocation here.
  if (!decisions.some((d) => d.kind === 'raise' || d.kind === 'update')) return [];
  const policy = state.settings.escalation;
  // Tasks the decisions already moved (a resolve completes the visit itself); not touched a second time.
  const movedTasks = new Set(decisions.flatMap((d) => (d.kind === 'updateTask' ? [d.task.id] : [])));
  const out: Decision[] = [];
  for (const d of decisions) {
    if (d.kind === 'raise') {
      // Test alarms reach the desk marked; nobody is chased or woken for them.
      if (d.alert.test) continue;
      const first = escalationDeadline(d.alert, policy, 1);
      if (first) out.push(first);
      if (d.alert.priority === 1) out.push(alertNotification(d.alert, 'alarm_raised', 'elder_contacts'));
    } else if (d.kind === 'update' && isClosed(d.alert) && OPEN_ALERT_STATUSES.includes(d.previousStatus)) {
      // Only the change that closes it: a note written on an alert already closed is an update too, and must not
      // cancel tasks or mark a cleared cause a second time with the note's text.
      out.push(...disarmAlertDeadlines(d.alert.id));
      // Cancelled by the elder or cleared by the condition while a responder was on the way: the visit is off.
      const visit = openVisitTask(state, d.alert.id);
      if (visit && !movedTasks.has(visit.id)) {
        movedTasks.add(visit.id);
        const note = `alert ${d.alert.status}`;
        out.push({
          kind: 'updateTask',
          task: { ...visit, status: 'cancelled', completedAt: now, completedBy: d.entry.actor, note },
          previousStatus: visit.status,
          entry: { actor: d.entry.actor, action: 'cancelled', note },
        });
      }
      // Cleared by itself: the maintenance visit or wellness check it caused says so (task-cause.ts).
      for (const marked of tasksOfClearedAlert(d.alert, d.entry.note, d.entry.actor, state, now, movedTasks)) {
        if (marked.kind === 'updateTask') movedTasks.add(marked.task.id);
        out.push(marked);
      }
    }
  }
  return out;
}
