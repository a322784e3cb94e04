import { clearCondition, raiseOrRepeat } from '../alert-factory.js';
import { SYSTEM_ACTOR } from '../alert.js';
import { deadlineKey, type Deadline } from '../deadline.js';
import { ignore, type Decision } from '../decisions.js';
import type { ElderState } from '../elder-state.js';
import { windowedDueAt } from '../local-time.js';
import { openTask } from '../task-factory.js';

// A pass in front of a motion sensor is a sign of life. Its absence is the alarm: no motion for hours in the daytime
// (a night's sleep is not inactivity), or the last motion in the bathroom and nothing anywhere else since (a fall
// in the bathroom is the classic case). Both are deadlines, moved by every pass.

const HOUR = 3_600_000;
const BATHROOM = /bath|toilet|restroom|wc|卫生间|浴室|厕所/i;

export function motionSeen(state: ElderState, now: number): Decision[] {
  const device = state.device;
  if (!device) return [ignore('no_device_in_state')];
  const decisions: Decision[] = [armInactivity(state, device.id, now), ...clearCondition(state, now, { type: 'inactivity', note: 'motion seen' })];
  if (device.room !== null && BATHROOM.test(device.room)) {
    decisions.push({
      kind: 'arm',
      deadline: {
        key: deadlineKey('bathroom_stay', state.elder.id),
        kind: 'bathroom_stay',
        elderId: state.elder.id,
        deviceId: device.id,
        dueAt: now + state.thresholds.bathroomStayHours * HOUR,
        data: { room: device.room, since: now },
      },
    });
  } else {
    decisions.push(
      { kind: 'disarm', key: deadlineKey('bathroom_stay', state.elder.id) },
      ...clearCondition(state, now, { type: 'prolonged_stay', note: 'moved out of the bathroom' }),
    );
  }
  return decisions;
}

export function inactivityDue(deadline: Deadline, state: ElderState, now: number): Decision[] {
  const deviceId = deadline.deviceId;
  if (!deviceId) return [ignore('deadline_without_device')];
  let since = typeof deadline.data['since'] === 'number' ? deadline.data['since'] : deadline.dueAt - state.thresholds.inactivityDaytimeHours * HOUR;
  const away = state.elder.away;
  if (away && away.since <= now) {
    // Away until somebody says they are back: ending the away state re-arms (away-ended rule).
    if (away.until === null) return [ignore('elder_away')];
    // Nobody can move in front of the sensor while out: the clock restarts when they are due back.
    const restarted = armInactivity(state, deviceId, away.until);
    if (restarted.deadline.dueAt > now) return [restarted];
    // Back long enough ago that the restarted clock has run out too.
    since = Math.max(since, away.until);
  }
  const hoursWithoutMotion = Math.round(((now - since) / HOUR) * 10) / 10;
  return withWellnessCheck(state, now, raiseOrRepeat(state, now, { type: 'inactivity', deviceId, actor: SYSTEM_ACTOR, context: { hoursWithoutMotion } }));
}

/**
 * A newly raised inactivity alarm (no motion, a door that stays shut) also opens a wellness check: somebody should
 * look in on the elder even when the desk settles the alert by phone, and the task keeps that visit in the care loop.
 * Only on the raise, not on repeats; one open check per elder, so the door and the motion sensors share it.
 * Test alerts get none: like their alerts, they must never send a person.
 */
export function withWellnessCheck(state: ElderState, now: number, decisions: Decision[]): Decision[] {
  const raised = decisions.find((d): d is Extract<Decision, { kind: 'raise' }> => d.kind === 'raise');
  if (!raised || raised.alert.test) return decisions;
  return [...decisions, ...openTask(state, now, { kind: 'wellness_check', reason: 'inactivity', deviceId: null, alertId: raised.alert.id })];
}

export function bathroomStayDue(deadline: Deadline, state: ElderState, now: number): Decision[] {
  const deviceId = deadline.deviceId;
  if (!deviceId) return [ignore('deadline_without_device')];
  const away = state.elder.away;
  if (away && away.since <= now) return [ignore('elder_away')];
  const since = typeof deadline.data['since'] === 'number' ? deadline.data['since'] : deadline.dueAt - state.thresholds.bathroomStayHours * HOUR;
  const room = deadline.data['room'];
  const hours = Math.round(((now - since) / HOUR) * 10) / 10;
  return raiseOrRepeat(state, now, {
    type: 'prolonged_stay',
    deviceId,
    actor: SYSTEM_ACTOR,
    context: typeof room === 'string' ? { room, hours } : { hours },
  });
}

/** Daytime-only inactivity clock from `since`; also started by the away-ended rule when the elder is back. */
export function armInactivity(state: ElderState, deviceId: string, since: number): Extract<Decision, { kind: 'arm' }> {
  const t = state.thresholds;
  return {
    kind: 'arm',
    deadline: {
      key: deadlineKey('inactivity', state.elder.id),
      kind: 'inactivity',
      elderId: state.elder.id,
      deviceId,
      dueAt: windowedDueAt(since, t.inactivityDaytimeHours * HOUR, t.daytimeStart, t.daytimeEnd, state.settings.utcOffsetMinutes),
      data: { since },
    },
  };
}
