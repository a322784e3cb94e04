import { clearCondition, findOpenAlert, raiseOrRepeat } from '../../alerts/alert-factory.js';
import { SYSTEM_ACTOR } from '../../alerts/alert.js';
import { deadlineKey, type Deadline } from '../../deadline.js';
import { ignore, type Decision } from '../../decisions.js';
import type { ElderState } from '../../elder-state.js';
import { SECOND } from '../../time-units.js';

// The wearable reports leaving or re-entering a fence configured on it ("home", "community"). Leaving is a P2
// alert (an elder with dementia may not find the way back); coming back inside clears it by itself.
// GPS at a fence's edge jumps in and out every few seconds, so a crossing counts only once the wearable has stayed
// on the new side for `geofenceDebounceSeconds`: out and back in within it raises nothing, and in and back out
// within it leaves the one open alert as it is. A repeated exit (or entry) does not restart the wait.

/** Rule memory, per wearable: a crossing waiting to count (side, fence, when). */
const pendingKey = (deviceId: string): string => `geofence_pending:${deviceId}`;

export function geofenceCrossed(event: { type: 'geofence_exit' | 'geofence_enter'; fence: string }, state: ElderState, now: number): Decision[] {
  const device = state.device;
  if (!device) return [ignore('no_device_in_state')];
  const side = event.type === 'geofence_exit' ? 'outside' : 'inside';
  const pending = state.ruleStates.get(pendingKey(device.id));
  const open = findOpenAlert(state, 'geofence_exit');
  // Back inside another fence is not back inside the one that was left.
  if (side === 'inside' && open && open.context['fence'] !== undefined && open.context['fence'] !== event.fence) return [ignore('other_fence_entered')];
  // Where the desk already believes the elder is (outside with the alert open, inside without): a crossing back there
  // cancels any crossing still waiting, and changes nothing else.
  const settled = side === 'outside' ? open !== undefined : open === undefined;
  if (settled) {
    if (!pending) return [ignore(side === 'outside' ? 'already_outside' : 'no_open_alert')];
    return [{ kind: 'disarm', key: deadlineKey('geofence_settle', device.id) }, { kind: 'setState', key: pendingKey(device.id), value: null }];
  }
  if (pending?.['side'] === side) return [ignore('crossing_already_waiting')];
  return [
    {
      kind: 'arm',
      deadline: {
        key: deadlineKey('geofence_settle', device.id),
        kind: 'geofence_settle',
        elderId: state.elder.id,
        deviceId: device.id,
        dueAt: now + state.thresholds.geofenceDebounceSeconds * SECOND,
        data: { side, fence: event.fence, at: now },
      },
    },
    { kind: 'setState', key: pendingKey(device.id), value: { side, fence: event.fence, at: now } },
  ];
}

/** The wearable stayed on the side it crossed to: the exit is raised, or the return clears it. */
export function geofenceSettleDue(deadline: Deadline, state: ElderState, now: number): Decision[] {
  const deviceId = deadline.deviceId;
  if (!deviceId || !state.elderDevices.some((d) => d.id === deviceId)) return [ignore('device_not_registered')];
  const forget: Decision = { kind: 'setState', key: pendingKey(deviceId), value: null };
  const fence = typeof deadline.data['fence'] === 'string' ? deadline.data['fence'] : 'home';
  if (deadline.data['side'] === 'outside') {
    return [forget, ...raiseOrRepeat(state, now, { type: 'geofence_exit', deviceId, actor: SYSTEM_ACTOR, context: { fence } })];
  }
  return [forget, ...clearCondition(state, now, { type: 'geofence_exit', deviceId, note: `back inside ${fence}` })];
}
