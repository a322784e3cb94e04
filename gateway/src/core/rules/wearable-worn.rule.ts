import { clearCondition, raiseOrRepeat } from '../alert-factory.js';
import { SYSTEM_ACTOR } from '../alert.js';
import { deadlineKey, type Deadline } from '../deadline.js';
import { ignore, type Decision } from '../decisions.js';
import type { ElderState } from '../elder-state.js';
import { windowedDueAt } from '../local-time.js';

// A wearable in a drawer detects no fall and sends no SOS. Elders take watches off to sleep and to charge them,
// so only daytime counts: taken off at 20:00 with a 2 h limit and a 07:00-21:00 day, it is due at 08:00.
// A P3 alert per device, cleared by itself when the watch is worn again.

const HOUR = 3_600_000;

export function wearableRemoved(state: ElderState, now: number): Decision[] {
  const device = state.device;
  if (!device) return [ignore('no_device_in_state')];
  const { wearableNotWornHours, daytimeStart, daytimeEnd } = state.thresholds;
  const deadline: Deadline = {
    key: deadlineKey('wearable_not_worn', device.id),
    kind: 'wearable_not_worn',
    elderId: state.elder.id,
    deviceId: device.id,
    dueAt: windowedDueAt(now, wearableNotWornHours * HOUR, daytimeStart, daytimeEnd, state.settings.utcOffsetMinutes),
    data: { removedAt: now },
  };
  return [{ kind: 'arm', deadline }];
}

export function wearableWorn(state: ElderState, now: number): Decision[] {
  const device = state.device;
  if (!device) return [ignore('no_device_in_state')];
  return [
    { kind: 'disarm', key: deadlineKey('wearable_not_worn', device.id) },
    ...clearCondition(state, now, { type: 'wearable_not_worn', deviceId: device.id, note: 'worn again' }),
  ];
}

/** Not worn for the daytime limit. `state.device` is null: the deadline fired, no device spoke. */
export function wearableNotWornDue(deadline: Deadline, state: ElderState, now: number): Decision[] {
  // Out or in hospital: the watch may well stay at home.
  if (state.elder.away) return [ignore('elder_away')];
  const deviceId = deadline.deviceId;
  // Unregistered or moved to another elder since it was taken off: not this elder's watch to chase.
  if (!deviceId || !state.elderDevices.some((d) => d.id === deviceId)) return [ignore('device_not_registered')];
  return raiseOrRepeat(state, now, { type: 'wearable_not_worn', deviceId, actor: SYSTEM_ACTOR });
}
