import { clearCondition, raiseOrRepeat } from '../../alerts/alert-factory.js';
import { SYSTEM_ACTOR } from '../../alerts/alert.js';
import { deadlineKey, type Deadline } from '../../deadline.js';
import { ignore, type Decision } from '../../decisions.js';
import type { ElderState } from '../../elder-state.js';
import { isWithinWindow } from '../../local-time.js';
import { passesConfidenceGate } from '../alarms/confidence-gate.js';
import { MINUTE } from '../../time-units.js';

// Getting up at night is normal; not coming back is how night falls are found (on the way to the bathroom, on a
// cold floor). So leaving the bed at night only arms a deadline; back in bed disarms it; if it fires first, the
// desk gets a P2 alert. In the daytime the elder is expected to be up, and nothing is watched.

/** Rule memory: a night-time bed exit is being watched (the first exit's time). */
const WATCHING = 'bed_exit_watch';

/** Left the bed: a camera's bed_exit (with confidence) or a bed sensor's out_of_bed (without). */
export function bedExited(event: { room?: string; zone?: string; confidence?: number; snapshotRef?: string }, state: ElderState, now: number): Decision[] {
  const device = state.device;
  if (!device) return [ignore('no_device_in_state')];
  const gate = passesConfidenceGate('bed_exit', event.confidence, state, now);
  if (!gate.alarm) return gate.decisions;
  const { nightStart, nightEnd, bedReturnMinutes } = state.thresholds;
  if (!isWithinWindow(now, nightStart, nightEnd, state.settings.utcOffsetMinutes)) return [...gate.decisions, ignore('bed_exit_daytime')];
  const elderId = state.elder.id;
  // A camera re-detecting the empty bed every few minutes must not keep pushing the deadline back.
  if (state.ruleStates.has(WATCHING)) return [...gate.decisions, ignore('bed_exit_already_watched')];
  const deadline: Deadline = {
    key: deadlineKey('bed_return', elderId),
    kind: 'bed_return',
    elderId,
    deviceId: device.id,
    dueAt: now + bedReturnMinutes * MINUTE,
    data: { room: event.room ?? device.room ?? null, exitedAt: now },
  };
  return [...gate.decisions, { kind: 'arm', deadline }, { kind: 'setState', key: WATCHING, value: { exitedAt: now } }];
}

/** Back in bed (bed sensor in_bed): stop waiting, and close the alert if the deadline already fired. */
export function bedReturned(state: ElderState, now: number): Decision[] {
  return [
    { kind: 'disarm', key: deadlineKey('bed_return', state.elder.id) },
    ...(state.ruleStates.has(WATCHING) ? [{ kind: 'setState', key: WATCHING, value: null } as const] : []),
    ...clearCondition(state, now, { type: 'bed_exit_night', note: 'back in bed' }),
  ];
}

/** Out of bed at night for the elder's bedReturnMinutes. `state.device` is null: the deadline fired, no device spoke. */
export function bedReturnDue(deadline: Deadline, state: ElderState, now: number): Decision[] {
  // Left the home (or hospital) meanwhile: an empty bed is expected.
  const stopWatching: Decision = { kind: 'setState', key: WATCHING, value: null };
  if (state.elder.away) return [stopWatching, ignore('elder_away')];
  const deviceId = deadline.deviceId;
  if (!deviceId) return [stopWatching, ignore('no_device_for_deadline')];
  const room = deadline.data['room'];
  const exitedAt = deadline.data['exitedAt'];
  const since = typeof exitedAt === 'number' ? exitedAt : deadline.dueAt - state.thresholds.bedReturnMinutes * MINUTE;
  const minutesOutOfBed = Math.round((now - since) / MINUTE);
  return [stopWatching, ...raiseOrRepeat(state, now, {
    type: 'bed_exit_night',
    deviceId,
    actor: SYSTEM_ACTOR,
    context: typeof room === 'string' ? { room, minutesOutOfBed } : { minutesOutOfBed },
  })];
}
