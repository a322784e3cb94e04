import { ignore, type Decision } from '../../decisions.js';
import type { ElderState } from '../../elder-state.js';
import { armDoorIdle } from '../life-signs/door-activity.rule.js';
import { armInactivity } from '../life-signs/motion-seen.rule.js';

// A motion sensor or door contact is watched from the day it is installed, not from its first event: a sensor that
// never sees a pass (mounted facing a wall, or an elder who can no longer get up) is exactly the one whose silence
// matters. Installing it starts the elder's inactivity or door-idle clock; the installer's visit is a sign of life.

export function deviceInstalled(state: ElderState, now: number): Decision[] {
  const device = state.device;
  if (!device) return [ignore('no_device_in_state')];
  if (device.kind === 'motion_sensor') return [armInactivity(state, device.id, now)];
  if (device.kind === 'door_sensor') return [armDoorIdle(state, device.id, now)];
  return [ignore('no_clock_for_kind')];
}
