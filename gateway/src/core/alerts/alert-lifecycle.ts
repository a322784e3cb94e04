import type { AlertStatus, ResolutionReason, TimelineAction } from '../../../../schemas/index.js';
import { OPEN_ALERT_STATUSES } from '../../../../schemas/index.js';
import { SYSTEM_ACTOR, userActor, type Alert } from './alert.js';
import {
  alertIdOf,
  alertNotification,
  armAlertDeadline,
  type AlertDeadlineKind,
  disarmAlertDeadlines,
  escalationDeadline,
  openVisitTask,
} from './alert-follow-ups.js';
import { deadlineKey, type Deadline } from '../deadline.js';
import { ignore, type Decision } from '../decisions.js';
import { nextResponder } from './dispatch.js';
import type { ElderState, EscalationPolicy } from '../elder-state.js';
import type { Task } from '../tasks/task.js';
import type { TaskAction } from '../tasks/task-lifecycle.js';
import { openTask } from '../tasks/task-factory.js';
import { SECOND, MINUTE, HOUR } from '../time-units.js';

// The care loop of an alert: raised → acknowledged → dispatched → (accepted) → on_site → resolved, with the side
// roads (on hold, false alarm, a declined or expired offer passed to the next responder) and the deadlines that
// chase each step. Pure: the caller supplies who and when, and the alert changes only through the decisions
// returned, so the same commit guards (previous status) protect a person's click and a fired deadline alike.

type RefusalCode = 'ALERT_TRANSITION_INVALID' | 'ALERT_NOT_ASSIGNED_TO_YOU' | 'ALERT_TEST_NOT_DISPATCHABLE' | 'ALERT_NOT_ACCEPTED';

export type LifecycleResult = { ok: true; decisions: Decision[] } | { ok: false; code: RefusalCode; from: AlertStatus };

const ok = (decisions: Decision[]): LifecycleResult => ({ ok: true, decisions });
const refused = (alert: Alert, code: RefusalCode = 'ALERT_TRANSITION_INVALID'): LifecycleResult => ({ ok: false, code, from: alert.status });
const isOpen = (alert: Alert): boolean => OPEN_ALERT_STATUSES.includes(alert.status);

function update(before: Alert, after: Alert, action: TimelineAction, actor: string, at: number, note: string | null): Decision {
  return { kind: 'update', alert: after, previousStatus: before.status, entry: { alertId: before.id, at, action, actor, note } };
}

const disarm = (kind: AlertDeadlineKind, alert: Alert): Decision => ({ kind: 'disarm', key: deadlineKey(kind, alert.id) });

/** The alert's visit task moves with it, through the same audit actions as the task loop's own steps. */
function moveTask(task: Task, changes: Partial<Task>, actor: string, action: TaskAction, note: string | null): Decision {
  return { kind: 'updateTask', task: { ...task, ...changes }, previousStatus: task.status, entry: { actor, action, note } };
}

/** Acting on an alert means somebody looked at it: the first action counts as its acknowledgement too. */
const acknowledged = (alert: Alert, actor: string, now: number): Pick<Alert, 'acknowledgedAt' | 'acknowledgedBy'> => ({
  acknowledgedAt: alert.acknowledgedAt ?? now,
  acknowledgedBy: alert.acknowledgedBy ?? actor,
});

const NOT_HELD: Pick<Alert, 'holdUntil' | 'holdReason' | 'heldFrom'> = { holdUntil: null, holdReason: null, heldFrom: null };

export function acknowledge(alert: Alert, actor: string, now: number, note: string | null): LifecycleResult {
  if (alert.status !== 'raised') return refused(alert);
  const after: Alert = { ...alert, status: 'acknowledged', acknowledgedAt: now, acknowledgedBy: actor };
  return ok([update(alert, after, 'acknowledged', actor, now, note), disarm('alert_escalation', alert)]);
}

type Responder = { id: string; displayName: string };

/** The responder is offered the alert; the on-site visit task follows whoever holds the offer. */
function offer(alert: Alert, state: ElderState, responder: Responder, actor: string, now: number): Decision[] {
  const policy = state.settings.escalation;
  const after: Alert = {
    ...alert,
    status: 'dispatched',
    ...acknowledged(alert, actor, now),
    assigneeId: responder.id,
    assignedAt: now,
    acceptedAt: null,
    arrivedAt: null,
    lateArrival: false,
  };
  const visit = openVisitTask(state, alert.id);
  return [
    update(alert, after, 'dispatched', actor, now, responder.displayName),
    disarm('alert_escalation', alert),
    // A re-dispatch: the previous responder's arrival no longer counts.
    ...(alert.status === 'dispatched' ? [disarm('arrival_due', alert)] : []),
    armAlertDeadline('dispatch_accept', alert, now + policy.acceptSeconds * SECOND, { responderId: responder.id }),
    alertNotification(alert, 'dispatch_offered', 'responder', { responderId: responder.id }),
    // A re-dispatch takes the alert from whoever held it (perhaps already on the way): they are told not to go.
    ...(alert.status === 'dispatched' && alert.assigneeId !== null && alert.assigneeId !== responder.id
      ? [alertNotification(alert, 'dispatch_withdrawn', 'responder', { responderId: alert.assigneeId })]
      : []),
    ...(visit
      ? [moveTask(visit, { status: 'assigned', assigneeId: responder.id, assignedAt: now, acceptedAt: null }, actor, 'assigned', responder.displayName)]
      : openTask(state, now, { kind: 'visit', reason: 'alert_on_site', alertId: alert.id, assigneeId: responder.id, deviceId: null })),
  ];
}

/** Sends a responder; also re-sends to another one before anybody arrived. */
export function dispatch(alert: Alert, state: ElderState, responder: Responder, actor: string, now: number): LifecycleResult {
  if (alert.status !== 'raised' && alert.status !== 'acknowledged' && alert.status !== 'dispatched') return refused(alert);
  // Test alarms exist to prove the path to the desk; sending a person to them would train everybody to ignore offers.
  // Said as such: "alert is acknowledged" sent the desk looking for a status problem that was not there.
  if (alert.test) return refused(alert, 'ALERT_TEST_NOT_DISPATCHABLE');
  return ok(offer(alert, state, responder, actor, now));
}

/** The responder takes the offer: from now on they have the priority's arrival time to be there. */
export function accept(alert: Alert, state: ElderState, responderId: string, now: number, actor = userActor(responderId)): LifecycleResult {
  if (alert.status !== 'dispatched') return refused(alert);
  if (alert.assigneeId !== responderId) return refused(alert, 'ALERT_NOT_ASSIGNED_TO_YOU');
  if (alert.acceptedAt !== null) return refused(alert);
  const arrivalMinutes = state.settings.escalation.arrivalMinutes[alert.priority];
  const visit = openVisitTask(state, alert.id);
  return ok([
    update(alert, { ...alert, acceptedAt: now }, 'accepted', actor, now, null),
    disarm('dispatch_accept', alert),
    armAlertDeadline('arrival_due', alert, now + arrivalMinutes * MINUTE, { responderId }),
    ...(visit && visit.status !== 'accepted' ? [moveTask(visit, { status: 'accepted', acceptedAt: now }, actor, 'accepted', null)] : []),
  ]);
}

/**
 * The responder gave the alert back (declined, or let the offer expire): they are remembered so nobody offers it to
 * them again, and the next responder on duty is sent at once. With nobody left, the alert goes back to the desk's
 * queue as acknowledged, and so does the visit task.
 */
function passOver(
  alert: Alert,
  state: ElderState,
  responderId: string,
  now: number,
  action: 'declined' | 'dispatch_expired',
  actor: string,
  note: string | null,
): Decision[] {
  const declinedBy = alert.declinedBy.includes(responderId) ? alert.declinedBy : [...alert.declinedBy, responderId];
  const released: Alert = {
    ...alert,
    status: 'acknowledged',
    assigneeId: null,
    assignedAt: null,
    acceptedAt: null,
    lateArrival: false,
    declinedBy,
  };
  const decisions = [update(alert, released, action, actor, now, note), disarm('dispatch_accept', alert), disarm('arrival_due', alert)];
  const next = nextResponder(state.responders, declinedBy);
  if (next) return [...decisions, ...offer(released, state, next, SYSTEM_ACTOR, now)];
  const visit = openVisitTask(state, alert.id);
  if (visit) decisions.push(moveTask(visit, { status: 'open', assigneeId: null, assignedAt: null, acceptedAt: null }, actor, 'declined', note));
  return decisions;
}

/** Before or after accepting, as long as they are not there yet. */
export function decline(
  alert: Alert,
  state: ElderState,
  responderId: string,
  now: number,
  reason: string | null,
  actor = userActor(responderId),
): LifecycleResult {
  if (alert.status !== 'dispatched') return refused(alert);
  if (alert.assigneeId !== responderId) return refused(alert, 'ALERT_NOT_ASSIGNED_TO_YOU');
  return ok(passOver(alert, state, responderId, now, 'declined', actor, reason));
}

/** On site. Arriving without pressing accept first still counts as having accepted (they came). */
export function arrive(alert: Alert, state: ElderState, responderId: string, now: number, actor = userActor(responderId)): LifecycleResult {
  if (alert.status !== 'dispatched') return refused(alert);
  if (alert.assigneeId !== responderId) return refused(alert, 'ALERT_NOT_ASSIGNED_TO_YOU');
  const visit = openVisitTask(state, alert.id);
  return ok([
    update(alert, { ...alert, status: 'on_site', arrivedAt: now, acceptedAt: alert.acceptedAt ?? now }, 'arrived', actor, now, null),
    disarm('dispatch_accept', alert),
    disarm('arrival_due', alert),
    ...(visit && visit.status !== 'accepted' ? [moveTask(visit, { status: 'accepted', acceptedAt: visit.acceptedAt ?? now }, actor, 'accepted', null)] : []),
  ]);
}

/** Closing an alert ends its visit task: visited if somebody got there, otherwise it was not needed. */
function completeVisit(alert: Alert, state: ElderState, actor: string, now: number, note: string | null): Decision[] {
  const visit = openVisitTask(state, alert.id);
  if (!visit) return [];
  const outcome = alert.arrivedAt !== null ? 'visited' : 'not_needed';
  return [moveTask(visit, { status: 'done', completedAt: now, completedBy: actor, outcome, note }, actor, 'done', note)];
}

export function resolve(alert: Alert, state: ElderState, actor: string, now: number, reason: ResolutionReason, note: string | null): LifecycleResult {
  if (!isOpen(alert)) return refused(alert);
  const policy = state.settings.escalation;
  const after: Alert = {
    ...alert,
    status: 'resolved',
    // Resolving an alert nobody acknowledged also counts as its acknowledgement, so response times stay honest.
    ...acknowledged(alert, actor, now),
    ...NOT_HELD,
    resolvedAt: now,
    resolvedBy: actor,
    resolutionReason: reason,
    resolutionNote: note,
  };
  // The follow-up visit (回访) closes the loop for real alarms; a technical (P3) alert, a test or one that needed
  // nothing does not warrant knocking on the elder's door again.
  const followUp = !alert.test && alert.priority <= 2 && reason !== 'no_action_needed';
  return ok([
    update(alert, after, 'resolved', actor, now, note),
    ...disarmAlertDeadlines(alert.id),
    ...completeVisit(alert, state, actor, now, note),
    ...(followUp
      ? openTask(state, now, {
          kind: 'follow_up',
          reason: 'alert_follow_up',
          alertId: alert.id,
          assigneeId: alert.assigneeId,
          deviceId: null,
          dueAt: now + policy.followUpHours * HOUR,
        })
      : []),
  ]);
}

/**
 * The responder closes what they took on: only the alert dispatched to them, and only once they accepted it (or
 * arrived, which counts as accepting). An offer nobody answered is not theirs to close: the desk still waits for it.
 */
export function resolveAsResponder(
  alert: Alert,
  state: ElderState,
  responderId: string,
  now: number,
  reason: ResolutionReason,
  note: string | null,
  actor = userActor(responderId),
): LifecycleResult {
  if (!isOpen(alert)) return refused(alert);
  if (alert.assigneeId !== responderId) return refused(alert, 'ALERT_NOT_ASSIGNED_TO_YOU');
  if (alert.acceptedAt === null) return refused(alert, 'ALERT_NOT_ACCEPTED');
  return resolve(alert, state, actor, now, reason, note);
}

/** Nothing was wrong. Kept apart from resolved so false alarms can be counted per device and per type. */
export function markFalseAlarm(alert: Alert, state: ElderState, actor: string, now: number, note: string): LifecycleResult {
  if (!isOpen(alert)) return refused(alert);
  const after: Alert = {
    ...alert,
    status: 'false_alarm',
    ...acknowledged(alert, actor, now),
    ...NOT_HELD,
    resolvedAt: now,
    resolvedBy: actor,
    resolutionNote: note,
  };
  return ok([
    update(alert, after, 'false_alarm', actor, now, note),
    ...disarmAlertDeadlines(alert.id),
    ...completeVisit(alert, state, actor, now, note),
  ]);
}

/**
 * Parked for a while with a reason (the family is on the way, the elder is being called back). Holding means somebody
 * looked, so a raised alert is acknowledged; when the hold ends it is back in the queue as acknowledged.
 */
export function hold(alert: Alert, actor: string, now: number, reason: string, minutes: number): LifecycleResult {
  if (alert.status !== 'raised' && alert.status !== 'acknowledged') return refused(alert);
  const holdUntil = now + minutes * MINUTE;
  const after: Alert = { ...alert, status: 'on_hold', ...acknowledged(alert, actor, now), heldFrom: 'acknowledged', holdUntil, holdReason: reason };
  return ok([
    update(alert, after, 'held', actor, now, reason),
    disarm('alert_escalation', alert),
    armAlertDeadline('hold_expiry', alert, holdUntil),
  ]);
}

/**
 * A free note on the timeline ("family called back", "neighbour has a key"): the alert itself stays as it is. Open or
 * closed alike: what is learned after the fact belongs on the record too. The update is guarded by the status the
 * alert had when read, so a note never rides on a stale copy.
 */
export function note(alert: Alert, actor: string, now: number, text: string): LifecycleResult {
  return ok([update(alert, { ...alert }, 'noted', actor, now, text)]);
}

type AlertUpdate = Extract<Decision, { kind: 'update' }>;

/**
 * A new SOS press on an alert the desk put on hold. The hold was decided on what was known then; a press is new
 * information, so the hold ends at once and the alert is back in the queue where it was held from, not when the hold
 * would have run out. One write, so the desk sees the count rise and the hold end in the same event (and sounds).
 * `repeat` is the press counted on the alert; any other alert's repeat is returned as it is.
 */
export function pressedWhileHeld(repeat: AlertUpdate): Decision[] {
  const held = repeat.alert;
  if (held.status !== 'on_hold') return [repeat];
  const after: Alert = { ...held, status: held.heldFrom ?? 'acknowledged', ...NOT_HELD };
  return [{ ...repeat, alert: after, entry: { ...repeat.entry, action: 'hold_ended', note: 'pressed again' } }, disarm('hold_expiry', held)];
}

/**
 * Whether help is under way: a responder was sent (dispatched, accepted) or is there. A person acted on the elder's
 * call then, and a device's cancel must not undo it.
 */
export const helpUnderWay = (alert: Alert): boolean => alert.status === 'dispatched' || alert.status === 'on_site';

// Deadline handlers. Each checks that the alert is still where the deadline expected it: a person may have acted in
// the moment between the deadline falling due and it being handled, and then the deadline has nothing to do.

/** Nobody acknowledged in time: re-alert the desk (level 1), then call the supervisors (level 2 and beyond). */
export function escalationDue(deadline: Deadline, alert: Alert, now: number, policy: EscalationPolicy): Decision[] {
  if (alert.status !== 'raised') return [ignore('already_acknowledged')];
  if (alert.test) return [ignore('test_alert')];
  const raw = deadline.data['level'];
  const level = typeof raw === 'number' && raw >= 1 ? raw : 1;
  const seconds = Math.round((deadline.dueAt - alert.raisedAt) / SECOND);
  const after: Alert = { ...alert, escalationLevel: level >= 2 ? 2 : 1 };
  const next = escalationDeadline(alert, policy, level + 1);
  return [
    update(alert, after, 'escalated', SYSTEM_ACTOR, now, `not acknowledged within ${seconds} s`),
    alertNotification(alert, 'alarm_escalated', level === 1 ? 'desk' : 'supervisors', { level }),
    ...(next ? [next] : []),
  ];
}

/** The offered responder did not accept in time: passed over like a decline, by the gateway. */
export function dispatchAcceptDue(deadline: Deadline, alert: Alert, state: ElderState, now: number): Decision[] {
  const responderId = deadline.data['responderId'];
  const stillOffered = alert.status === 'dispatched' && alert.acceptedAt === null && typeof responderId === 'string' && alert.assigneeId === responderId;
  if (!stillOffered) return [ignore('dispatch_already_answered')];
  const seconds = Math.round((deadline.dueAt - (alert.assignedAt ?? deadline.dueAt)) / SECOND);
  return passOver(alert, state, responderId, now, 'dispatch_expired', SYSTEM_ACTOR, `not accepted within ${seconds} s`);
}

/** Accepted but not there in time: flagged for the desk and the supervisors; the responder is still expected. */
export function arrivalDue(deadline: Deadline, alert: Alert, now: number): Decision[] {
  const responderId = deadline.data['responderId'];
  const superseded = typeof responderId === 'string' && responderId !== alert.assigneeId;
  if (alert.status !== 'dispatched' || alert.acceptedAt === null || alert.arrivedAt !== null || superseded) {
    return [ignore('not_awaiting_arrival')];
  }
  const minutes = Math.round((deadline.dueAt - alert.acceptedAt) / MINUTE);
  return [
    update(alert, { ...alert, lateArrival: true }, 'arrival_overdue', SYSTEM_ACTOR, now, `not on site within ${minutes} min`),
    alertNotification(alert, 'arrival_overdue', 'supervisors'),
  ];
}

/** The hold is over: back in the queue where it was. */
export function holdDue(_deadline: Deadline, alert: Alert, now: number): Decision[] {
  if (alert.status !== 'on_hold') return [ignore('not_on_hold')];
  // The note repeats what the hold was for, so the desk sees why it is back without opening the timeline.
  const after: Alert = { ...alert, status: alert.heldFrom ?? 'acknowledged', ...NOT_HELD };
  return [update(alert, after, 'hold_ended', SYSTEM_ACTOR, now, alert.holdReason)];
}

/** Routes a fired alert deadline to its handler, with the alert it is about (if that is still open). */
export function alertDeadlineDue(deadline: Deadline, state: ElderState, now: number): Decision[] {
  const alertId = alertIdOf(deadline);
  const alert = state.openAlerts.find((a) => a.id === alertId);
  if (!alert || !isOpen(alert)) return [ignore('alert_closed')];
  switch (deadline.kind) {
    case 'alert_escalation':
      return escalationDue(deadline, alert, now, state.settings.escalation);
    case 'dispatch_accept':
      return dispatchAcceptDue(deadline, alert, state, now);
    case 'arrival_due':
      return arrivalDue(deadline, alert, now);
    case 'hold_expiry':
      return holdDue(deadline, alert, now);
    default:
      return [ignore('not_an_alert_deadline')];
  }
}
