import { clearCondition, findOpenAlert, raiseOrRepeat } from '../../alerts/alert-factory.js';
import { deadlineKey, type Deadline } from '../../deadline.js';
import { ignore, type Decision } from '../../decisions.js';
import type { DeviceFacts, ElderState } from '../../elder-state.js';
import { armQuietClock, BATHROOM_STAY, INACTIVITY, quietClockDue } from './quiet-clock.js';

// A pass in front of a motion sensor is a sign of life. Its absence is the alarm: no motion for hours in the daytime
// (a night's sleep is not inactivity), or a stay in the bathroom that does not end (a fall in the bathroom is the
// classic case). The inactivity clock restarts at every pass. The bathroom clock starts when the elder enters the
// bathroom and stops only at a pass somewhere else: moving in the bathroom (an elder who has fallen and still moves,
// or cannot get up) does not restart it. In a home whose only motion sensors are in bathrooms no pass can end a
// stay, so there the bathroom clock runs from the last pass instead.
// While the elder is away, a pass at home is a question for the desk: back early, a visitor, or an intruder?

const BATHROOM = /bath|toilet|restroom|wc|卫生间|浴室|厕所/i;
/** Rule memory: the elder is in the bathroom (since when, which sensor and room). */
export const BATHROOM_VISIT = 'bathroom_visit';

export const isBathroom = (room: string | null): boolean => room !== null && BATHROOM.test(room);

export function motionSeen(state: ElderState, now: number): Decision[] {
  const device = state.device;
  if (!device) return [ignore('no_device_in_state')];
  const decisions: Decision[] = [armInactivity(state, device.id, now), ...clearCondition(state, now, { type: 'inactivity', note: 'motion seen' })];
  decisions.push(...(isBathroom(device.room) ? bathroomPass(state, device, now) : leftBathroom(state, now)));
  const away = state.elder.away;
  // While the question is open, further passes add nothing: a pass every few seconds must not repeat it (nor cost a
  // commit each). Once the desk has closed it without ending the away state, the next pass asks again.
  if (away && away.since <= now && !findOpenAlert(state, 'motion_while_away')) {
    decisions.push(...raiseOrRepeat(state, now, { type: 'motion_while_away', context: device.room === null ? {} : { room: device.room } }));
  }
  return decisions;
}

function bathroomPass(state: ElderState, device: DeviceFacts, now: number): Decision[] {
  const room = device.room ?? 'bathroom';
  const elsewhere = state.elderDevices.some((d) => d.kind === 'motion_sensor' && !isBathroom(d.room));
  // Nothing could end a stay: the clock runs from the last pass, as the inactivity clock does.
  if (!elsewhere) return [armQuietClock(BATHROOM_STAY, state, device.id, now, { room })];
  // Already in the bathroom: the stay is counted from entering; a pass elsewhere is what ends it.
  if (state.ruleStates.has(BATHROOM_VISIT)) return [ignore('bathroom_stay_already_counted')];
  return [
    armQuietClock(BATHROOM_STAY, state, device.id, now, { room }),
    { kind: 'setState', key: BATHROOM_VISIT, value: { since: now, deviceId: device.id, room } },
  ];
}

function leftBathroom(state: ElderState, now: number): Decision[] {
  return [
    { kind: 'disarm', key: deadlineKey('bathroom_stay', state.elder.id) },
    ...(state.ruleStates.has(BATHROOM_VISIT) ? [{ kind: 'setState', key: BATHROOM_VISIT, value: null } as const] : []),
    ...clearCondition(state, now, { type: 'prolonged_stay', note: 'moved out of the bathroom' }),
  ];
}

export function inactivityDue(deadline: Deadline, state: ElderState, now: number): Decision[] {
  return quietClockDue(INACTIVITY, deadline, state, now);
}

export function bathroomStayDue(deadline: Deadline, state: ElderState, now: number): Decision[] {
  return quietClockDue(BATHROOM_STAY, deadline, state, now);
}

/** Daytime-only inactivity clock from `since`; also started at installation and when the elder is back. */
export function armInactivity(state: ElderState, deviceId: string, since: number): Extract<Decision, { kind: 'arm' }> {
  return armQuietClock(INACTIVITY, state, deviceId, since);
}

/** The bathroom clock again from `now` when the elder was in the bathroom as the away state began (away-ended rule). */
export function resumeBathroomStay(state: ElderState, now: number): Decision[] {
  const visit = state.ruleStates.get(BATHROOM_VISIT);
  const deviceId = visit?.['deviceId'];
  if (typeof deviceId !== 'string' || !state.elderDevices.some((d) => d.id === deviceId)) return [];
  const room = typeof visit?.['room'] === 'string' ? visit['room'] : 'bathroom';
  return [armQuietClock(BATHROOM_STAY, state, deviceId, now, { room }), { kind: 'setState', key: BATHROOM_VISIT, value: { since: now, deviceId, room } }];
}
