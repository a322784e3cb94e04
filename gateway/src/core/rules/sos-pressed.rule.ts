import { raiseOrRepeat } from '../alert-factory.js';
import { ignore, type Decision } from '../decisions.js';
import type { ElderState } from '../elder-state.js';

// The red key (call button or wearable): a P1 alarm. One open alert per elder and type, so a panicking elder who
// presses ten times gives the desk one alarm counted ten times, not ten alarms to acknowledge one by one.

export function sosPressed(event: { type: 'sos' }, state: ElderState, now: number): Decision[] {
  if (!state.device) return [ignore('no_device_in_state')];
  return raiseOrRepeat(state, now, { type: 'sos' });
}
