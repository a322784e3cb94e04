import { clearCondition, findOpenAlert, raiseOrRepeat } from '../../alerts/alert-factory.js';
import type { Decision } from '../../decisions.js';
import type { ElderState } from '../../elder-state.js';
import { openTask } from '../../tasks/task-factory.js';

// A flat battery silences a device as surely as a broken one, so it is a P3 alert and a maintenance visit.
// The level comes with every heartbeat; hysteresis (raise below batteryLow, clear at batteryLowClear or above) keeps
// a battery that hovers around the limit from flapping, and a low level reported again changes nothing.

export function batteryReported(level: number, state: ElderState, now: number): Decision[] {
  const { batteryLow, batteryLowClear } = state.thresholds;
  if (level < batteryLow) {
    // Already raised: each heartbeat would otherwise inflate the count the desk sees.
    if (findOpenAlert(state, 'low_battery')) return [];
    const alert = raiseOrRepeat(state, now, { type: 'low_battery', context: { battery: level }, note: `battery at ${level}%` });
    const alertId = alert.find((d): d is Extract<Decision, { alert: unknown }> => 'alert' in d)?.alert.id ?? null;
    return [...alert, ...openTask(state, now, { kind: 'maintenance', reason: 'low_battery', alertId })];
  }
  if (level >= batteryLowClear) return clearCondition(state, now, { type: 'low_battery', note: `battery at ${level}%` });
  return [];
}
