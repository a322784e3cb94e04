import type { ActivityDay } from '../../../../../schemas/index.js';
import { ignore, type Decision } from '../../decisions.js';
import type { ElderState } from '../../elder-state.js';
import type { Thresholds } from '../../../../../schemas/index.js';
import { causeCleared } from '../../tasks/task-cause.js';
import { openTask } from '../../tasks/task-factory.js';
import { localDay } from '../../local-time.js';
import { DAY } from '../../time-units.js';

// Activity trend: each home against its own last weeks. A marked drop (activityDropFraction, a third, below the
// baseline on each of the last activityDropDays complete days, 2) opens a wellness check, not an alarm: a slow
// decline (an illness coming on, low mood, a fall that was not reported) wants a visit, not a siren.
//
// A day's activity is its motion + door events; steps are compared on their own (either dropping counts). The
// baseline is the mean over the activityBaselineDays (28) days before the evaluated ones, of the days the gateway
// heard the home at all (a day without a row is unknown, not zero: the gateway or the home's link was down), and
// needs MIN_BASELINE_DAYS of them. Tiny baselines (a home with one motion sensor in a spare room) are noise and
// are not judged. One check per drop: while the drop lasts nothing more is opened; the first normal day ends it and
// marks an open check of the drop as cleared by itself (it can then be closed in one step).
// Runs once a day per elder after local midnight (app/activity/activity-review.ts); `days` are the elder's stored days.

/** Fewer known baseline days than this: no judgement yet (a new home). */
export const MIN_BASELINE_DAYS = 7;
/** A baseline below this many motion + door events a day is too small for a third less to mean anything. */
export const MIN_BASELINE_EVENTS = 10;
/** Likewise for steps: a wearable that is rarely worn. */
export const MIN_BASELINE_STEPS = 300;
/** Rule memory while a drop lasts: { since: first low day, baselineEvents, baselineSteps }. */
export const ACTIVITY_DROP = 'activity_drop';

/** The day `n` days after `day` (before, for negative `n`). */
export function shiftDay(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);
}

export const dayEvents = (d: ActivityDay): number => d.motionEvents + d.doorEvents;

export interface TrendWindow {
  /** The evaluated days, oldest first, ending yesterday (local). */
  recent: string[];
  baselineFrom: string;
  baselineTo: string;
}

export function trendWindow(now: number, t: Pick<Thresholds, 'activityDropDays' | 'activityBaselineDays'>, utcOffsetMinutes: number): TrendWindow {
  const yesterday = shiftDay(localDay(now, utcOffsetMinutes), -1);
  const recent = Array.from({ length: t.activityDropDays }, (_, i) => shiftDay(yesterday, i - t.activityDropDays + 1));
  const first = recent[0] ?? yesterday;
  return { recent, baselineFrom: shiftDay(first, -t.activityBaselineDays), baselineTo: shiftDay(first, -1) };
}

export interface ActivityBaseline {
  events: number;
  steps: number;
  days: number;
}

/** The mean of the known days in the window's baseline; null with fewer than MIN_BASELINE_DAYS of them. */
export function baselineOf(days: readonly ActivityDay[], window: TrendWindow): ActivityBaseline | null {
  const known = days.filter((d) => d.day >= window.baselineFrom && d.day <= window.baselineTo);
  if (known.length < MIN_BASELINE_DAYS) return null;
  const mean = (f: (d: ActivityDay) => number) => known.reduce((sum, d) => sum + f(d), 0) / known.length;
  return { events: mean(dayEvents), steps: mean((d) => d.steps), days: known.length };
}

function isLow(d: ActivityDay, base: ActivityBaseline, fraction: number): boolean {
  const limit = 1 - fraction;
  const eventsLow = base.events >= MIN_BASELINE_EVENTS && dayEvents(d) <= base.events * limit;
  const stepsLow = base.steps >= MIN_BASELINE_STEPS && d.steps <= base.steps * limit;
  return eventsLow || stepsLow;
}

export function activityReviewed(days: readonly ActivityDay[], state: ElderState, now: number): Decision[] {
  const t = state.thresholds;
  const drop = state.ruleStates.get(ACTIVITY_DROP);
  // Out or in hospital: an empty flat is quiet, and nobody should be sent to it.
  if (state.elder.away) return [ignore('elder_away')];
  const window = trendWindow(now, t, state.settings.utcOffsetMinutes);
  const base = baselineOf(days, window);
  if (!base) return [ignore('activity_baseline_short')];
  const byDay = new Map(days.map((d) => [d.day, d]));
  const recent = window.recent.map((day) => byDay.get(day));
  if (recent.some((d) => d === undefined)) return [ignore('activity_days_missing')];
  const known = recent as ActivityDay[];
  const lows = known.map((d) => isLow(d, base, t.activityDropFraction));
  const last = known[known.length - 1] as ActivityDay;
  if (lows.every(Boolean)) {
    if (drop) return [ignore('activity_drop_known')];
    const note =
      `activity ${known.map(dayEvents).join(', ')} events a day against ${Math.round(base.events)} usual` +
      (base.steps >= MIN_BASELINE_STEPS ? `; steps ${known.map((d) => d.steps).join(', ')} against ${Math.round(base.steps)}` : '');
    return [
      ...openTask(state, now, { kind: 'wellness_check', reason: 'activity_drop', deviceId: null, alertId: null, note }),
      { kind: 'setState', key: ACTIVITY_DROP, value: { since: window.recent[0] ?? last.day, baselineEvents: Math.round(base.events), baselineSteps: Math.round(base.steps) } },
    ];
  }
  if (drop && !lows[lows.length - 1]) {
    const note = `activity back to ${dayEvents(last)} events a day (usual ${Math.round(base.events)})`;
    const check = state.openTasks.find((task) => task.kind === 'wellness_check' && task.reason === 'activity_drop' && task.causeClearedAt === null);
    return [{ kind: 'setState', key: ACTIVITY_DROP, value: null }, ...(check ? [causeCleared(check, now, note)] : [])];
  }
  return [ignore('activity_normal')];
}
