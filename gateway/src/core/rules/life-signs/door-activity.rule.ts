import { clearCondition } from '../../alerts/alert-factory.js';
import type { Deadline } from '../../deadline.js';
import { ignore, type Decision } from '../../decisions.js';
import type { ElderState } from '../../elder-state.js';
import { armQuietClock, DOOR_IDLE, quietClockDue } from './quiet-clock.js';

// The entrance door of an elder living alone opens every day or two (shopping, a neighbour, a meal delivery).
// Days without it opening mean nobody has come or gone, which the desk should check on. Opening and closing
// both count as use. The clock is the inactivity clock's (quiet-clock.ts), counting all day.

export function doorUsed(state: ElderState, now: number): Decision[] {
  const device = state.device;
  if (!device) return [ignore('no_device_in_state')];
  return [armDoorIdle(state, device.id, now), ...clearCondition(state, now, { type: 'door_inactive', note: 'door used' })];
}

export function doorIdleDue(deadline: Deadline, state: ElderState, now: number): Decision[] {
  return quietClockDue(DOOR_IDLE, deadline, state, now);
}

/** The door-idle clock from `since`; also started at installation and when the elder is back. */
export function armDoorIdle(state: ElderState, deviceId: string, since: number): Extract<Decision, { kind: 'arm' }> {
  return armQuietClock(DOOR_IDLE, state, deviceId, since);
}
