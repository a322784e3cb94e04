import { clearCondition, raiseOrRepeat } from '../../alerts/alert-factory.js';
import { SYSTEM_ACTOR } from '../../alerts/alert.js';
import { deadlineKey, type Deadline } from '../../deadline.js';
import { ignore, type Decision } from '../../decisions.js';
import type { ElderState } from '../../elder-state.js';
import { windowedDueAt } from '../../local-time.js';
import { HOUR } from '../../time-units.js';

// A wearable in a drawer detects no fall and sends no SOS. Elders take watches off to sleep and to charge them,
// so only daytime counts: taken off at 20:00 with a 2 h limit and a 07:00-21:00 day, it is due at 08:00.
// A P3 alert per device, cleared by itself when the watch is worn again. The clock runs from the first `removed`:
// a watch that says `removed` again (a repeat, a reconnect) is still the same watch in the same drawer.
// While the elder is away the watch may stay at home: the clock starts again when they are due back.

/** Rule memory, per device: the watch is off (since when). */
const removedKey = (deviceId: string): string => `wearable_removed:${deviceId}`;

export function wearableRemoved(state: ElderState, now: number): Decision[] {
  const device = state.device;
  if (!device) return [ignore('no_device_in_state')];
  if (state.ruleStates.has(removedKey(device.id))) return [ignore('wearable_already_removed')];
  return [armNotWorn(state, device.id, now), { kind: 'setState', key: removedKey(device.id), value: { removedAt: now } }];
}

export function wearableWorn(state: ElderState, now: number): Decision[] {
  const device = state.device;
  if (!device) return [ignore('no_device_in_state')];
  return [
    { kind: 'disarm', key: deadlineKey('wearable_not_worn', device.id) },
    ...(state.ruleStates.has(removedKey(device.id)) ? [{ kind: 'setState', key: removedKey(device.id), value: null } as const] : []),
    ...clearCondition(state, now, { type: 'wearable_not_worn', deviceId: device.id, note: 'worn again' }),
  ];
}

/** Not worn for the daytime limit. `state.device` is null: the deadline fired, no device spoke. */
export function wearableNotWornDue(deadline: Deadline, state: ElderState, now: number): Decision[] {
  const deviceId = deadline.deviceId;
  // Unregistered or moved to another elder since it was taken off: not this elder's watch to chase.
  if (!deviceId || !state.elderDevices.some((d) => d.id === deviceId)) return [ignore('device_not_registered')];
  const away = state.elder.away;
  if (away && away.since <= now) {
    // Out or in hospital: the watch may well stay at home. Ending the away state restarts the clock (away-ended rule).
    if (away.until === null) return [ignore('elder_away')];
    const restarted = armNotWorn(state, deviceId, away.until);
    if (restarted.deadline.dueAt > now) return [restarted];
  }
  return raiseOrRepeat(state, now, { type: 'wearable_not_worn', deviceId, actor: SYSTEM_ACTOR });
}

/** Back from away: the clock of every watch still off starts again from now. */
export function resumeNotWorn(state: ElderState, now: number): Decision[] {
  return state.elderDevices.filter((d) => d.kind === 'wearable' && state.ruleStates.has(removedKey(d.id))).map((d) => armNotWorn(state, d.id, now));
}

function armNotWorn(state: ElderState, deviceId: string, since: number): Extract<Decision, { kind: 'arm' }> {
  const { wearableNotWornHours, daytimeStart, daytimeEnd } = state.thresholds;
  return {
    kind: 'arm',
    deadline: {
      key: deadlineKey('wearable_not_worn', deviceId),
      kind: 'wearable_not_worn',
      elderId: state.elder.id,
      deviceId,
      dueAt: windowedDueAt(since, wearableNotWornHours * HOUR, daytimeStart, daytimeEnd, state.settings.utcOffsetMinutes),
      data: { removedAt: since },
    },
  };
}
