import { clearCondition, findOpenAlert, raiseOrRepeat } from '../alert-factory.js';
import { ignore, type Decision } from '../decisions.js';
import type { ElderState } from '../elder-state.js';

// The wearable reports leaving or re-entering a fence configured on it ("home", "community"). Leaving is a P2
// alert (an elder with dementia may not find the way back); coming back inside clears it by itself.

export function geofenceCrossed(event: { type: 'geofence_exit' | 'geofence_enter'; fence: string }, state: ElderState, now: number): Decision[] {
  if (!state.device) return [ignore('no_device_in_state')];
  if (event.type === 'geofence_exit') return raiseOrRepeat(state, now, { type: 'geofence_exit', context: { fence: event.fence } });
  // Back inside another fence is not back inside the one that was left.
  const open = findOpenAlert(state, 'geofence_exit');
  if (open && open.context['fence'] !== undefined && open.context['fence'] !== event.fence) return [ignore('other_fence_entered')];
  const cleared = clearCondition(state, now, { type: 'geofence_exit', note: `back inside ${event.fence}` });
  return cleared.length > 0 ? cleared : [ignore('no_open_alert')];
}
