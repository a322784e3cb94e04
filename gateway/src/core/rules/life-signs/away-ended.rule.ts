import { clearCondition } from '../../alerts/alert-factory.js';
import { ignore, type Decision } from '../../decisions.js';
import type { ElderState } from '../../elder-state.js';
import { armDoorIdle } from './door-activity.rule.js';
import { armInactivity, resumeBathroomStay } from './motion-seen.rule.js';
import { resumeNotWorn } from './wearable-worn.rule.js';

// The elder is back (the desk ended the away state). While away the inactivity, door, bathroom and not-worn clocks
// were paused; they start again from now, or a return home would never be watched until the first pass in front of
// a sensor, which is exactly what may never come. The desk's question about motion at home while away is answered.

export function awayEnded(state: ElderState, now: number): Decision[] {
  const motionSensor = state.elderDevices.find((d) => d.kind === 'motion_sensor');
  const doorSensor = state.elderDevices.find((d) => d.kind === 'door_sensor');
  const decisions: Decision[] = [];
  if (motionSensor) decisions.push(armInactivity(state, motionSensor.id, now), ...resumeBathroomStay(state, now));
  if (doorSensor) decisions.push(armDoorIdle(state, doorSensor.id, now));
  decisions.push(...resumeNotWorn(state, now));
  for (const open of state.openAlerts.filter((a) => a.type === 'motion_while_away')) {
    decisions.push(...clearCondition(state, now, { type: 'motion_while_away', ...(open.deviceId === null ? {} : { deviceId: open.deviceId }), note: 'away state ended' }));
  }
  return decisions.length > 0 ? decisions : [ignore('no_activity_sensors')];
}
