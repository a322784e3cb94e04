import { clearCondition, raiseOrRepeat } from '../alert-factory.js';
import { SYSTEM_ACTOR } from '../alert.js';
import { deadlineKey, type Deadline } from '../deadline.js';
import { ignore, type Decision } from '../decisions.js';
import type { ElderState } from '../elder-state.js';
import { isWithinWindow } from '../local-time.js';
import { passesConfidenceGate } from './confidence-gate.js';

// Getting up at night is normal; not coming back is how night falls are found (on the way to the bathroom, on a
// cold floor). So leaving the bed at night only arms a deadline; back in bed disarms it; if it fires first, the
// desk gets a P2 alert. In the daytime the elder is expected to be up, and nothing is watched.

const MINUTE = 60_000;

/** Left the bed: a camera's bed_exit (with confidence) or a bed sensor's out_of_bed (without). */
export function bedExited(event: { room?: string; zone?: string; confidence?: number; snapshotRef?: string }, state: ElderState, now: number): Decision[] {
  const device = state.device;
  if (!device) return [ignore('no_device_in_state')];
  const gate = passesConfidenceGate('bed_exit', event.confidence, state, now);
  if (!gate.alarm) return gate.decisions;
  const { nightStart, nightEnd, bedReturnMinutes } = state.thresholds;
  if (!isWithinWindow(now, nightStart, nightEnd, state.settings.utcOffsetMinutes)) return [...gate.decisions, ignore('bed_exit_daytime')];
  const elderId = state.elder.id;
  const deadline: Deadline = {
    key: deadlineKey('bed_return', elderId),
    kind: 'bed_return',
    elderId,
    deviceId: device.id,
    dueAt: now + bedReturnMinutes * MINUTE,
    data: { room: event.room ?? device.room ?? null, exitedAt: now },
  };
  return [...gate.decisions, { kind: 'arm', deadline }];
}

/** Back in bed (bed sensor in_bed): stop waiting, and close the alert if the deadline already fired. */
export function bedReturned(state: ElderState, now: number): Decision[] {
  return [
    { kind: 'disarm', key: deadlineKey('bed_return', state.elder.id) },
    ...clearCondition(state, now, { type: 'bed_exit_night', note: 'back in bed' }),
  ];
}

/** Out of bed at night for the elder's bedReturnMinutes. `state.device` is null: the deadline fired, no device spoke. */
export function bedReturnDue(deadline: Deadline, state: ElderState, now: number): Decision[] {
  // Left the home (or hospital) meanwhile: an empty bed is expected.
  if (state.elder.away) return [ignore('elder_away')];
  const deviceId = deadline.deviceId;
  if (!deviceId) return [ignore('no_device_for_deadline')];
  const room = deadline.data['room'];
  const exitedAt = deadline.data['exitedAt'];
  const since = typeof exitedAt === 'number' ? exitedAt : deadline.dueAt - state.thresholds.bedReturnMinutes * MINUTE;
  const minutesOutOfBed = Math.round((now - since) / MINUTE);
  return raiseOrRepeat(state, now, {
    type: 'bed_exit_night',
    deviceId,
    actor: SYSTEM_ACTOR,
    context: typeof room === 'string' ? { room, minutesOutOfBed } : { minutesOutOfBed },
  });
}
