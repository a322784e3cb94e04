import { ignore, type Decision } from '../decisions.js';
import type { ElderState } from '../elder-state.js';
import { armDoorIdle } from './door-activity.rule.js';
import { armInactivity } from './motion-seen.rule.js';

// The elder is back (the away state was ended, or its end time passed). While away the inactivity and door clocks
// were paused or ignored; they start again from now, or a return home would never be watched until the first pass
// in front of a sensor, which is exactly what may never come.

export function awayEnded(state: ElderState, now: number): Decision[] {
  const motionSensor = state.elderDevices.find((d) => d.kind === 'motion_sensor');
  const doorSensor = state.elderDevices.find((d) => d.kind === 'door_sensor');
  const decisions: Decision[] = [];
  if (motionSensor) decisions.push(armInactivity(state, motionSensor.id, now));
  if (doorSensor) decisions.push(armDoorIdle(state, doorSensor.id, now));
  return decisions.length > 0 ? decisions : [ignore('no_activity_sensors')];
}
