import { SYSTEM_ACTOR } from '../../alerts/alert.js';
import { alertNotification } from '../../alerts/alert-follow-ups.js';
import { deadlineKey, type Deadline } from '../../deadline.js';
import { ignore, type Decision } from '../../decisions.js';
import type { ElderState } from '../../elder-state.js';
import { MINUTE, SECOND } from '../../time-units.js';

// No movement after a fall: a fall followed by no motion in the home and no movement of the wearable for
// fallNoMovementMinutes (2 by default) means the elder may be unable to get up, the case where every minute on the
// floor counts. A fall is already P1, the highest priority, so "escalates" means: the alert says so (context
// `noMovementAfterFall`, shown on the desk's row), its timeline gets a `no_movement_after_fall` line, and the
// region's supervisors are notified, whether or not the desk has acknowledged it. The escalation level (the
// unacknowledged-alert ladder) is left to its own deadlines.
//
// Movement is: a pass in front of any motion sensor of the home, the bed sensor's in_bed, or the wearable's step
// count rising above the first count it sent after the fall. A responder on site also moves in front of the
// sensors; by then the desk knows.

/** Rule memory while watching: { alertId, fellAt, steps } (steps: the first count after the fall, or null). */
export const FALL_WATCH = 'fall_movement_watch';

type FallRaise = Extract<Decision, { kind: 'raise' }>;

/** After the fall rule: a newly raised fall (not a test one) starts the watch. */
export function watchAfterFall(decisions: readonly Decision[], state: ElderState, now: number): Decision[] {
  const raised = decisions.find((d): d is FallRaise => d.kind === 'raise' && d.alert.type === 'fall');
  if (!raised || raised.alert.test) return [];
  const deadline: Deadline = {
    key: deadlineKey('fall_no_movement', state.elder.id),
    kind: 'fall_no_movement',
    elderId: state.elder.id,
    deviceId: raised.alert.deviceId,
    dueAt: now + state.thresholds.fallNoMovementMinutes * MINUTE,
    data: { alertId: raised.alert.id, fellAt: now },
  };
  return [{ kind: 'arm', deadline }, { kind: 'setState', key: FALL_WATCH, value: { alertId: raised.alert.id, fellAt: now, steps: null } }];
}

/** A sign of movement: ends the watch, noted on the fall alert; after the deadline fired, noted once on it. */
export function movedAfterFall(what: string, state: ElderState, now: number): Decision[] {
  const watch = state.ruleStates.get(FALL_WATCH);
  const fall = state.openAlerts.find((a) => a.type === 'fall' && (watch ? a.id === watch['alertId'] : a.context['noMovementAfterFall'] === true));
  const decisions: Decision[] = watch
    ? [{ kind: 'disarm', key: deadlineKey('fall_no_movement', state.elder.id) }, { kind: 'setState', key: FALL_WATCH, value: null }]
    : [];
  if (fall && fall.context['movedAt'] === undefined) {
    decisions.push({
      kind: 'update',
      alert: { ...fall, context: { ...fall.context, movedAt: now } },
      previousStatus: fall.status,
      entry: { alertId: fall.id, at: now, action: 'noted', actor: state.device ? `device:${state.device.id}` : SYSTEM_ACTOR, note: `movement after the fall: ${what}` },
    });
  }
  return decisions;
}

/** A wearable's step count while a fall is watched: the first count is the reference, a higher one is movement. */
export function stepsAfterFall(steps: number | undefined, state: ElderState, now: number): Decision[] {
  const watch = state.ruleStates.get(FALL_WATCH);
  if (!watch || steps === undefined) return [];
  const reference = watch['steps'];
  if (typeof reference !== 'number') return [{ kind: 'setState', key: FALL_WATCH, value: { ...watch, steps } }];
  return steps > reference ? movedAfterFall(`${steps - reference} steps on the wearable`, state, now) : [];
}

/** Nobody moved since the fall. `state.device` is null: the deadline fired. */
export function fallNoMovementDue(deadline: Deadline, state: ElderState, now: number): Decision[] {
  const stop: Decision = { kind: 'setState', key: FALL_WATCH, value: null };
  const alertId = deadline.data['alertId'];
  const fall = state.openAlerts.find((a) => a.id === alertId);
  // Resolved, cancelled or a false alarm meanwhile: the desk has dealt with it.
  if (!fall) return [stop, ignore('fall_alert_closed')];
  const fellAt = typeof deadline.data['fellAt'] === 'number' ? deadline.data['fellAt'] : fall.raisedAt;
  const minutes = Math.round((now - fellAt) / MINUTE);
  const seconds = Math.round((now - fellAt) / SECOND);
  const alert = { ...fall, context: { ...fall.context, noMovementAfterFall: true, minutesWithoutMovement: minutes } };
  // The watch (rule memory) stays, with its step reference, so that movement after the mark (a pass, back in bed,
  // steps rising) is still noted on the alert; it ends with that movement, or when the alert is found closed.
  return [
    {
      kind: 'update',
      alert,
      previousStatus: fall.status,
      entry: { alertId: fall.id, at: now, action: 'no_movement_after_fall', actor: SYSTEM_ACTOR, note: `no motion and no wearable movement for ${seconds < 120 ? `${seconds} s` : `${minutes} min`} since the fall` },
    },
    alertNotification(alert, 'no_movement_after_fall', 'supervisors'),
  ];
}
