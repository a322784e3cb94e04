import { clearCondition, raiseOrRepeat } from '../alert-factory.js';
import { SYSTEM_ACTOR } from '../alert.js';
import { deadlineKey, type Deadline } from '../deadline.js';
import { ignore, type Decision } from '../decisions.js';
import type { ElderState } from '../elder-state.js';
import { withWellnessCheck } from './motion-seen.rule.js';

// The entrance door of an elder living alone opens every day or two (shopping, a neighbour, a meal delivery).
// Days without it opening mean nobody has come or gone, which the desk should check on. Opening and closing
// both count as use.

const HOUR = 3_600_000;

export function doorUsed(state: ElderState, now: number): Decision[] {
  const device = state.device;
  if (!device) return [ignore('no_device_in_state')];
  return [armDoorIdle(state, device.id, now), ...clearCondition(state, now, { type: 'door_inactive', note: 'door used' })];
}

export function doorIdleDue(deadline: Deadline, state: ElderState, now: number): Decision[] {
  const deviceId = deadline.deviceId;
  if (!deviceId) return [ignore('deadline_without_device')];
  let since = typeof deadline.data['since'] === 'number' ? deadline.data['since'] : deadline.dueAt - state.thresholds.doorIdleHours * HOUR;
  const away = state.elder.away;
  if (away && away.since <= now) {
    // Away until somebody says they are back: ending the away state re-arms (away-ended rule).
    if (away.until === null) return [ignore('elder_away')];
    // An empty flat's door does not open: the clock restarts when they are due back.
    const restarted = armDoorIdle(state, deviceId, away.until);
    if (restarted.deadline.dueAt > now) return [restarted];
    since = Math.max(since, away.until);
  }
  const hoursIdle = Math.round(((now - since) / HOUR) * 10) / 10;
  // Days without the door opening are a sign of life missing, like no motion: the same wellness check follows.
  return withWellnessCheck(state, now, raiseOrRepeat(state, now, { type: 'door_inactive', deviceId, actor: SYSTEM_ACTOR, context: { hoursIdle } }));
}

/** The door-idle clock from `since`; also started by the away-ended rule when the elder is back. */
export function armDoorIdle(state: ElderState, deviceId: string, since: number): Extract<Decision, { kind: 'arm' }> {
  return {
    kind: 'arm',
    deadline: {
      key: deadlineKey('door_idle', state.elder.id),
      kind: 'door_idle',
      elderId: state.elder.id,
      deviceId,
      dueAt: since + state.thresholds.doorIdleHours * HOUR,
      data: { since },
    },
  };
}
