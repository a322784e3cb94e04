import { findOpenAlert, raiseOrRepeat } from '../../alerts/alert-factory.js';
import { SYSTEM_ACTOR } from '../../alerts/alert.js';
import { deadlineKey, type Deadline } from '../../deadline.js';
import { ignore, type Decision } from '../../decisions.js';
import type { ElderState } from '../../elder-state.js';
import { isWithinWindow } from '../../local-time.js';
import { MINUTE } from '../../time-units.js';

// Night wandering: out of bed at night, then out of the entrance door or past the wearable's fence, and not back
// within nightWanderingMinutes. An elder with dementia who walks out at 3 a.m. may not find the way back, so the
// alert is P1 for them (nightWanderingPriority, 1 in the dementia risk category) and P2 otherwise.
//
// "Out of bed" is what the bed-exit rule already knows: it is watching a night-time bed exit, or its alert is open.
// A home with no bed sensor and no camera cannot know, so there the door or the fence at night is enough; in a
// home with one, a door opened at night while the elder is in bed (a night carer leaving) is not wandering.
// Back is: in bed again, inside the fence again, or a pass in front of a motion sensor RETURN_GRACE_MS or more after
// leaving (passes before that are the elder on the way out). Positions are not read: the elder's record holds no
// home coordinates to measure from, and the wearable's own fence already says "left home".

/** Motion this soon after the door opened is the elder on the way out, not back. */
export const RETURN_GRACE_MS = 2 * MINUTE;
/** Rule memory: the elder left at night and is not back yet ({ leftAt, via }). */
export const WANDERING_WATCH = 'night_wandering_watch';
/** The bed-exit rule's memory of a night-time bed exit (bed-exit-at-night.rule.ts). */
const BED_EXIT_WATCH = 'bed_exit_watch';

export type LeftVia = 'door' | 'fence';

/** Whether the home has a device that knows when the elder is in bed. */
function knowsBed(state: ElderState): boolean {
  return state.elderDevices.some((d) => d.kind === 'bed_sensor' || d.kind === 'camera');
}

function outOfBedAtNight(state: ElderState): boolean {
  return state.ruleStates.has(BED_EXIT_WATCH) || state.openAlerts.some((a) => a.type === 'bed_exit_night');
}

/** The entrance door opened, or the wearable left a fence: starts the watch when it is night and the elder is up. */
export function leftHomeAtNight(via: LeftVia, fence: string | null, state: ElderState, now: number): Decision[] {
  const device = state.device;
  if (!device) return [ignore('no_device_in_state')];
  const t = state.thresholds;
  if (!isWithinWindow(now, t.nightStart, t.nightEnd, state.settings.utcOffsetMinutes)) return [];
  if (state.elder.away) return [ignore('elder_away')];
  if (knowsBed(state) && !outOfBedAtNight(state)) return [ignore('door_at_night_elder_in_bed')];
  // Leaving again before coming back (door opens twice, fence crossed twice) keeps the first time.
  if (state.ruleStates.has(WANDERING_WATCH)) return [ignore('night_wandering_already_watched')];
  // Still out (the alert is open and nobody saw the elder back): the desk already has it. Back and out again while
  // the alert is open is a new departure: watched again, and repeated on the alert if not back in time.
  const open = findOpenAlert(state, 'night_wandering', device.id);
  if (open && open.context['backAt'] === undefined) return [ignore('night_wandering_open')];
  const deadline: Deadline = {
    key: deadlineKey('night_wandering_return', state.elder.id),
    kind: 'night_wandering_return',
    elderId: state.elder.id,
    deviceId: device.id,
    dueAt: now + t.nightWanderingMinutes * MINUTE,
    data: { leftAt: now, via, fence },
  };
  return [{ kind: 'arm', deadline }, { kind: 'setState', key: WANDERING_WATCH, value: { leftAt: now, via } }];
}

/**
 * A sign the elder is back: in bed, inside the fence, or motion indoors. Stops the watch; with the alert already
 * raised, notes once on it when and how the elder came back (the desk still closes it: P1 alerts never close
 * themselves, and somebody should ask how the night went).
 */
export function cameBack(how: 'in_bed' | 'fence' | 'motion', state: ElderState, now: number): Decision[] {
  const watch = state.ruleStates.get(WANDERING_WATCH);
  const decisions: Decision[] = [];
  if (watch) {
    const leftAt = typeof watch['leftAt'] === 'number' ? watch['leftAt'] : now;
    if (how === 'motion' && now - leftAt < RETURN_GRACE_MS) return [];
    decisions.push({ kind: 'disarm', key: deadlineKey('night_wandering_return', state.elder.id) }, { kind: 'setState', key: WANDERING_WATCH, value: null });
  }
  const open = state.openAlerts.find((a) => a.type === 'night_wandering');
  // Once: every pass in front of the sensor after that must not add a line to the timeline.
  if (open && open.context['backAt'] === undefined) {
    const note = how === 'in_bed' ? 'back in bed' : how === 'fence' ? 'back inside the fence' : 'motion seen at home';
    decisions.push({
      kind: 'update',
      alert: { ...open, context: { ...open.context, backAt: now } },
      previousStatus: open.status,
      entry: { alertId: open.id, at: now, action: 'noted', actor: state.device ? `device:${state.device.id}` : SYSTEM_ACTOR, note },
    });
  }
  return decisions;
}

/** Not back in time. `state.device` is null: the deadline fired, no device spoke. */
export function nightWanderingDue(deadline: Deadline, state: ElderState, now: number): Decision[] {
  const stop: Decision = { kind: 'setState', key: WANDERING_WATCH, value: null };
  if (state.elder.away) return [stop, ignore('elder_away')];
  const deviceId = deadline.deviceId;
  if (!deviceId) return [stop, ignore('no_device_for_deadline')];
  const leftAt = typeof deadline.data['leftAt'] === 'number' ? deadline.data['leftAt'] : deadline.dueAt - state.thresholds.nightWanderingMinutes * MINUTE;
  const via = deadline.data['via'] === 'fence' ? 'fence' : 'door';
  const fence = deadline.data['fence'];
  const minutesAway = Math.round((now - leftAt) / MINUTE);
  const again = state.openAlerts.some((a) => a.type === 'night_wandering');
  const decided = raiseOrRepeat(state, now, {
    type: 'night_wandering',
    deviceId,
    actor: SYSTEM_ACTOR,
    priority: state.thresholds.nightWanderingPriority,
    context: typeof fence === 'string' ? { via, fence, minutesAway } : { via, minutesAway },
    note: again ? 'out again and not back' : null,
  });
  // Out again after coming back: the earlier return no longer holds, so the alert must not say "back home".
  const current = decided.map((d): Decision => {
    if (d.kind !== 'update') return d;
    const context = Object.fromEntries(Object.entries(d.alert.context).filter(([key]) => key !== 'backAt'));
    return { ...d, alert: { ...d.alert, context } };
  });
  return [stop, ...current];
}
