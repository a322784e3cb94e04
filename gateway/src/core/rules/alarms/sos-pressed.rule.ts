import { raiseOrRepeat } from '../../alerts/alert-factory.js';
import { pressedWhileHeld } from '../../alerts/alert-lifecycle.js';
import { ignore, type Decision } from '../../decisions.js';
import type { ElderState } from '../../elder-state.js';

// The red key (call button or wearable): a P1 alarm. One open alert per elder and type, so a panicking elder who
// presses ten times gives the desk one alarm counted ten times, not ten alarms to acknowledge one by one.
// A press on an open alert is still news: it takes back an earlier cancel, and ends a hold the desk set at once.

export function sosPressed(event: { type: 'sos' }, state: ElderState, now: number): Decision[] {
  if (!state.device) return [ignore('no_device_in_state')];
  const decisions = raiseOrRepeat(state, now, { type: 'sos' });
  const repeat = decisions[0];
  if (decisions.length !== 1 || repeat?.kind !== 'update') return decisions;
  return pressedWhileHeld({ ...repeat, alert: { ...repeat.alert, cancelRequestedAt: null } });
}
