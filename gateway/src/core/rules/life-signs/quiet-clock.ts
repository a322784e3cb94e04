import type { AlertContext, Thresholds } from '../../../../../schemas/index.js';
import { raiseOrRepeat } from '../../alerts/alert-factory.js';
import { SYSTEM_ACTOR } from '../../alerts/alert.js';
import { deadlineKey, type Deadline, type DeadlineData } from '../../deadline.js';
import { ignore, type Decision } from '../../decisions.js';
import type { ElderState } from '../../elder-state.js';
import { windowedDueAt } from '../../local-time.js';
import { openTask } from '../../tasks/task-factory.js';
import { HOUR } from '../../time-units.js';

// Inactivity, door idle and the bathroom stay are one algorithm under three names: a clock started by something
// (installation, a pass, entering the bathroom, coming home) that raises an alert when it runs out before the sign
// of life that stops or restarts it. While the elder is away nobody can give that sign, so a clock that runs out
// during the away state starts again at its end (the away-ended rule restarts them when the desk ends it earlier).

export interface QuietClock {
  kind: 'inactivity' | 'door_idle' | 'bathroom_stay';
  alertType: 'inactivity' | 'door_inactive' | 'prolonged_stay';
  hours: (t: Thresholds) => number;
  /** Counts daytime only (a night's sleep is not inactivity). */
  daytimeOnly: boolean;
  /** The raised alert's context, from the hours it ran and the deadline's data. */
  context: (hours: number, data: DeadlineData) => AlertContext;
  /** A raise also opens a wellness check (a sign of life missing, not a place the elder is stuck in). */
  wellnessCheck: boolean;
}

export const INACTIVITY: QuietClock = {
  kind: 'inactivity',
  alertType: 'inactivity',
  hours: (t) => t.inactivityDaytimeHours,
  daytimeOnly: true,
  context: (hoursWithoutMotion) => ({ hoursWithoutMotion }),
  wellnessCheck: true,
};

export const DOOR_IDLE: QuietClock = {
  kind: 'door_idle',
  alertType: 'door_inactive',
  hours: (t) => t.doorIdleHours,
  daytimeOnly: false,
  context: (hoursIdle) => ({ hoursIdle }),
  wellnessCheck: true,
};

export const BATHROOM_STAY: QuietClock = {
  kind: 'bathroom_stay',
  alertType: 'prolonged_stay',
  hours: (t) => t.bathroomStayHours,
  daytimeOnly: false,
  context: (hours, data): AlertContext => (typeof data['room'] === 'string' ? { room: data['room'], hours } : { hours }),
  wellnessCheck: false,
};

/** Starts (or restarts) `clock` for the elder from `since`; `data` travels with the deadline (the bathroom's room). */
export function armQuietClock(
  clock: QuietClock,
  state: ElderState,
  deviceId: string,
  since: number,
  data: DeadlineData = {},
): Extract<Decision, { kind: 'arm' }> {
  const t = state.thresholds;
  const length = clock.hours(t) * HOUR;
  return {
    kind: 'arm',
    deadline: {
      key: deadlineKey(clock.kind, state.elder.id),
      kind: clock.kind,
      elderId: state.elder.id,
      deviceId,
      dueAt: clock.daytimeOnly ? windowedDueAt(since, length, t.daytimeStart, t.daytimeEnd, state.settings.utcOffsetMinutes) : since + length,
      data: { ...data, since },
    },
  };
}

/** The clock ran out: the alert, unless the elder is away (then it starts again when they are due back). */
export function quietClockDue(clock: QuietClock, deadline: Deadline, state: ElderState, now: number): Decision[] {
  const deviceId = deadline.deviceId;
  if (!deviceId) return [ignore('deadline_without_device')];
  const { since: stored, ...data } = deadline.data;
  let since = typeof stored === 'number' ? stored : deadline.dueAt - clock.hours(state.thresholds) * HOUR;
  const away = state.elder.away;
  if (away && away.since <= now) {
    // Away until somebody says they are back: ending the away state re-arms (away-ended rule).
    if (away.until === null) return [ignore('elder_away')];
    const restarted = armQuietClock(clock, state, deviceId, away.until, data);
    if (restarted.deadline.dueAt > now) return [restarted];
    // Back long enough ago that the restarted clock has run out too.
    since = Math.max(since, away.until);
  }
  const hours = Math.round(((now - since) / HOUR) * 10) / 10;
  const raised = raiseOrRepeat(state, now, { type: clock.alertType, deviceId, actor: SYSTEM_ACTOR, context: clock.context(hours, data) });
  return clock.wellnessCheck ? withWellnessCheck(state, now, raised) : raised;
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
