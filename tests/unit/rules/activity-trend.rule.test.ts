import { readFileSync } from 'node:fs';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import type { ActivityDay, DeviceMessage } from '../../../schemas/index.js';
import type { ActivityDelta, ActivityDayRecord, ActivityStore } from '../../../gateway/src/app/ports/store/activity.port.js';
import { createActivityTally } from '../../../gateway/src/app/activity/activity-tally.js';
import type { Decision } from '../../../gateway/src/core/decisions.js';
import type { ElderState } from '../../../gateway/src/core/elder-state.js';
import { localDay } from '../../../gateway/src/core/local-time.js';
import {
  ACTIVITY_DROP,
  activityReviewed,
  MIN_BASELINE_DAYS,
  MIN_BASELINE_EVENTS,
  MIN_BASELINE_STEPS,
  shiftDay,
  trendWindow,
} from '../../../gateway/src/core/rules/life-signs/activity-trend.rule.js';
import { RETURN_GRACE_MS } from '../../../gateway/src/core/rules/life-signs/night-wandering.rule.js';
import { elderState, T0, type StateOptions } from '../../support/elder-state.js';
import { sampleTask } from '../../support/fixtures.js';
import { manualClock } from '../../support/manual-clock.js';

// The activity trend, with time as a parameter. T0 is 2026-11-23 10:00 local (UTC+8). The defaults: a day a third
// (0.33) or more below the baseline is low; two low days in a row open a wellness check; the baseline is the mean
// of the 28 days before them, of the days known, at least 7.

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const local = (hour: number, minute = 0, day = 0) => T0 + (hour - 10) * HOUR + minute * MINUTE + day * 24 * HOUR;
const TODAY = '2026-11-23';

const day = (d: string, events: number, steps = 0): ActivityDay => ({ day: d, motionEvents: events, doorEvents: 0, bedMinutes: 480, steps });
/** 28 usual days before the last two (events each), then the last two complete days. */
function history(usual: number, last: [number, number], options: { usualSteps?: number; lastSteps?: [number, number]; today?: string } = {}): ActivityDay[] {
  const today = options.today ?? TODAY;
  const baseline = Array.from({ length: 28 }, (_, i) => day(shiftDay(today, -30 + i), usual, options.usualSteps ?? 0));
  return [...baseline, day(shiftDay(today, -2), last[0], options.lastSteps?.[0] ?? 0), day(shiftDay(today, -1), last[1], options.lastSteps?.[1] ?? 0)];
}

const state = (options: StateOptions = {}): ElderState => elderState({ kind: 'motion_sensor', deviceId: 'pir-1', ...options });
const created = (decisions: Decision[]) => decisions.flatMap((d) => (d.kind === 'createTask' ? [d.task] : []));

describe('activity trend', () => {
  it('when the last two days are well below the home’s 28-day baseline, then one wellness check is opened with the figures, not an alarm', () => {
    const decisions = activityReviewed(history(40, [10, 12]), state(), T0);
    expect(created(decisions)).toEqual([
      expect.objectContaining({ kind: 'wellness_check', reason: 'activity_drop', status: 'open', deviceId: null, alertId: null, note: 'activity 10, 12 events a day against 40 usual' }),
    ]);
    expect(decisions).toContainEqual({ kind: 'setState', key: ACTIVITY_DROP, value: { since: '2026-11-21', baselineEvents: 40, baselineSteps: 0 } });
    expect(decisions.some((d) => d.kind === 'raise')).toBe(false);
  });

  it.each([
    { name: 'a third below on both days', last: [20, 20] as [number, number], opens: true },
    { name: 'just under a third below on one day', last: [20, 21] as [number, number], opens: false },
    { name: 'one low day only', last: [40, 5] as [number, number], opens: false },
    { name: 'busier than usual', last: [60, 70] as [number, number], opens: false },
  ])('when the baseline is 30 events a day and the last days are $name, then a check is opened: $opens', ({ last, opens }) => {
    expect(created(activityReviewed(history(30, last), state(), T0))).toHaveLength(opens ? 1 : 0);
  });

  it('when only the steps fall (the motion is as usual), then the drop counts too', () => {
    const decisions = activityReviewed(history(40, [40, 41], { usualSteps: 3000, lastSteps: [800, 900] }), state(), T0);
    expect(created(decisions)).toEqual([expect.objectContaining({ note: 'activity 40, 41 events a day against 40 usual; steps 800, 900 against 3000' })]);
  });

  it('when one of the last days is missing (the gateway did not hear the home), then nothing is judged', () => {
    const days = history(40, [5, 5]).filter((d) => d.day !== '2026-11-22');
    expect(activityReviewed(days, state(), T0)).toEqual([{ kind: 'ignore', reason: 'activity_days_missing' }]);
  });

  it('when fewer than 7 baseline days are known (a new home), then nothing is judged', () => {
    const days = history(40, [5, 5]).slice(-8);
    expect(activityReviewed(days, state(), T0)).toEqual([{ kind: 'ignore', reason: 'activity_baseline_short' }]);
  });

  it('when the baseline is tiny (a sensor in a spare room), then a third less is not judged', () => {
    expect(activityReviewed(history(6, [1, 1]), state(), T0)).toEqual([{ kind: 'ignore', reason: 'activity_normal' }]);
  });

  it('when the elder is away, then nothing is judged', () => {
    expect(activityReviewed(history(40, [5, 5]), state({ away: { since: local(8, 0, -3), until: null } }), T0)).toEqual([{ kind: 'ignore', reason: 'elder_away' }]);
  });

  it('when the drop was already reviewed before a restart (memory and open check stored), then a second review of the day opens nothing', () => {
    const first = activityReviewed(history(40, [10, 12]), state(), T0);
    const stored = first.find((d): d is Extract<Decision, { kind: 'setState' }> => d.kind === 'setState');
    const restarted = { ...state(), ruleStates: new Map([[ACTIVITY_DROP, stored?.value ?? {}]]), openTasks: created(first) };
    expect(activityReviewed(history(40, [10, 12]), restarted, local(10, 30))).toEqual([{ kind: 'ignore', reason: 'activity_drop_known' }]);
  });

  it('when the drop goes on a third day, then no second check is opened; when activity is back, then the drop ends and the open check says its cause cleared', () => {
    const check = sampleTask('task-1', { kind: 'wellness_check', reason: 'activity_drop', deviceId: null, dedupKey: 'wellness_check' });
    const dropping = { ...state(), ruleStates: new Map([[ACTIVITY_DROP, { since: '2026-11-21', baselineEvents: 40, baselineSteps: 0 }]]), openTasks: [check] };
    const tomorrow = '2026-11-24';
    expect(activityReviewed(history(40, [12, 8], { today: tomorrow }), dropping, local(10, 0, 1))).toEqual([{ kind: 'ignore', reason: 'activity_drop_known' }]);
    const back = activityReviewed(history(40, [8, 38], { today: '2026-11-25' }), dropping, local(10, 0, 2));
    expect(back).toEqual([
      { kind: 'setState', key: ACTIVITY_DROP, value: null },
      {
        kind: 'updateTask',
        task: { ...check, causeClearedAt: local(10, 0, 2), causeClearedNote: 'activity back to 38 events a day (usual 40)' },
        previousStatus: 'open',
        entry: { actor: 'system:rules', action: 'cause_cleared', note: 'activity back to 38 events a day (usual 40)' },
      },
    ]);
  });

  it.each([
    { name: '23:59 local', at: local(23, 59), recent: ['2026-11-21', '2026-11-22'] },
    { name: '00:00 local the next day', at: local(0, 0, 1), recent: ['2026-11-22', '2026-11-23'] },
    { name: '07:59 local (23:59 UTC the day before)', at: local(7, 59), recent: ['2026-11-21', '2026-11-22'] },
  ])('when the review runs at $name, then the evaluated days are the two local days before it', ({ at, recent }) => {
    expect(trendWindow(at, { activityDropDays: 2, activityBaselineDays: 28 }, 480).recent).toEqual(recent);
  });

  it('when the elder’s profile asks for 3 low days and a 14-day baseline, then two low days are not enough', () => {
    const overrides = { activityDropDays: 3, activityBaselineDays: 14 };
    expect(created(activityReviewed(history(40, [5, 5]), state({ overrides }), T0))).toEqual([]);
    const days = history(40, [5, 5]).map((d) => (d.day === '2026-11-20' ? { ...d, motionEvents: 4 } : d));
    expect(created(activityReviewed(days, state({ overrides }), T0))).toHaveLength(1);
  });
});

/** The store's addActivity semantics (counts add up, steps keep the maximum), in memory. */
function memoryActivityStore(): ActivityStore & { rows: Map<string, ActivityDayRecord> } {
  const rows = new Map<string, ActivityDayRecord>();
  return {
    rows,
    async addActivity(deltas: readonly ActivityDelta[]) {
      for (const d of deltas) {
        const key = `${d.elderId}/${d.day}`;
        const r = rows.get(key);
        rows.set(key, r ? { ...r, motionEvents: r.motionEvents + d.motionEvents, doorEvents: r.doorEvents + d.doorEvents, bedMinutes: r.bedMinutes + d.bedMinutes, steps: Math.max(r.steps, d.steps) } : { ...d });
      }
    },
    async listActivityDays({ elderId, fromDay, toDay }) {
      return [...rows.values()].filter((r) => (elderId === undefined || r.elderId === elderId) && r.day >= fromDay && r.day <= toDay);
    },
  };
}

let seq = 0;
const envelope = (at: number) => ({ msgId: `m-${++seq}`, ts: at });
const motion = (at: number): DeviceMessage => ({ kind: 'motion_sensor', channel: 'events', payload: { ...envelope(at), type: 'motion' } });
const door = (at: number): DeviceMessage => ({ kind: 'door_sensor', channel: 'events', payload: { ...envelope(at), type: 'door_open' } });
const bed = (at: number, type: 'in_bed' | 'out_of_bed'): DeviceMessage => ({ kind: 'bed_sensor', channel: 'events', payload: { ...envelope(at), type } });
const steps = (at: number, count: number): DeviceMessage => ({ kind: 'wearable', channel: 'telemetry', payload: { ...envelope(at), type: 'vitals', steps: count } });
const heartbeat = (at: number): DeviceMessage => ({ kind: 'motion_sensor', channel: 'status', payload: { ...envelope(at), type: 'heartbeat' } });

describe('the daily activity tally', () => {
  const logger = pino({ level: 'silent' });

  it('when a day’s messages are counted and flushed, then the store holds the day’s motion, door use, time in bed and highest step count', async () => {
    const store = memoryActivityStore();
    const clock = manualClock(local(8));
    const tally = createActivityTally({ store, clock: clock.now, utcOffsetMinutes: 480, logger });
    for (const m of [motion(0), motion(0), door(0)]) tally.observe('elder-1', m);
    tally.observe('elder-1', steps(0, 1200));
    tally.observe('elder-1', steps(0, 900));
    tally.observe('elder-1', bed(0, 'in_bed'));
    clock.advance(90 * MINUTE);
    tally.observe('elder-1', bed(0, 'out_of_bed'));
    await tally.flush();
    expect([...store.rows.values()]).toEqual([{ elderId: 'elder-1', day: TODAY, motionEvents: 2, doorEvents: 1, bedMinutes: 90, steps: 1200 }]);
  });

  it('when the elder lies in bed from 22:00 to 06:00, then the night is split at local midnight: 120 minutes to the first day, 360 to the next', async () => {
    const store = memoryActivityStore();
    const clock = manualClock(local(22));
    const tally = createActivityTally({ store, clock: clock.now, utcOffsetMinutes: 480, logger });
    tally.observe('elder-1', bed(0, 'in_bed'));
    clock.set(local(0, 5, 1));
    await tally.flush();
    clock.set(local(6, 0, 1));
    tally.observe('elder-1', bed(0, 'out_of_bed'));
    await tally.flush();
    expect(store.rows.get(`elder-1/${TODAY}`)?.bedMinutes).toBe(120);
    expect(store.rows.get('elder-1/2026-11-24')?.bedMinutes).toBe(360);
  });

  it('when motion comes at 23:59 and 00:01, then each pass counts on its own local day', async () => {
    const store = memoryActivityStore();
    const clock = manualClock(local(23, 59));
    const tally = createActivityTally({ store, clock: clock.now, utcOffsetMinutes: 480, logger });
    tally.observe('elder-1', motion(0));
    clock.set(local(0, 1, 1));
    tally.observe('elder-1', motion(0));
    await tally.flush();
    expect([...store.rows.values()].map((r) => [r.day, r.motionEvents])).toEqual([
      [TODAY, 1],
      ['2026-11-24', 1],
    ]);
  });

  it('when the gateway restarts mid-day, then the new tally adds to the stored day (what was flushed stays, counting goes on)', async () => {
    const store = memoryActivityStore();
    const clock = manualClock(local(9));
    const before = createActivityTally({ store, clock: clock.now, utcOffsetMinutes: 480, logger });
    for (let i = 0; i < 5; i++) before.observe('elder-1', motion(0));
    await before.flush();
    // Counted after the last flush and lost with the process: the bounded loss the tally accepts.
    before.observe('elder-1', motion(0));
    clock.advance(HOUR);
    const after = createActivityTally({ store, clock: clock.now, utcOffsetMinutes: 480, logger });
    for (let i = 0; i < 3; i++) after.observe('elder-1', motion(0));
    await after.flush();
    expect(store.rows.get(`elder-1/${TODAY}`)?.motionEvents).toBe(8);
  });

  it('when only heartbeats come on a day, then the day is still stored (known, with no activity) and a flush with nothing new writes nothing', async () => {
    const store = memoryActivityStore();
    const writes: number[] = [];
    const counting: ActivityStore = { ...store, addActivity: async (d) => (writes.push(d.length), store.addActivity(d)) };
    const clock = manualClock(local(9));
    const tally = createActivityTally({ store: counting, clock: clock.now, utcOffsetMinutes: 480, logger });
    tally.observe('elder-1', heartbeat(0));
    await tally.flush();
    tally.observe('elder-1', heartbeat(0));
    await tally.flush();
    expect(writes).toEqual([1]);
    expect(store.rows.get(`elder-1/${TODAY}`)).toMatchObject({ motionEvents: 0, doorEvents: 0 });
  });

  it('when the store fails a flush, then the counts are kept and stored by the next one', async () => {
    const store = memoryActivityStore();
    let failing = true;
    const flaky: ActivityStore = { ...store, addActivity: async (d) => (failing ? Promise.reject(new Error('disk full')) : store.addActivity(d)) };
    const clock = manualClock(local(9));
    const tally = createActivityTally({ store: flaky, clock: clock.now, utcOffsetMinutes: 480, logger });
    tally.observe('elder-1', motion(0));
    await tally.flush();
    failing = false;
    tally.observe('elder-1', motion(0));
    await tally.flush();
    expect(store.rows.get(`elder-1/${TODAY}`)?.motionEvents).toBe(2);
  });

  it('when the desk asks for today before a flush, then the unflushed counts are given', () => {
    const clock = manualClock(local(9));
    const tally = createActivityTally({ store: memoryActivityStore(), clock: clock.now, utcOffsetMinutes: 480, logger });
    tally.observe('elder-1', door(0));
    expect(tally.unflushed('elder-1')).toEqual({ day: localDay(local(9), 480), motionEvents: 0, doorEvents: 1, bedMinutes: 0, steps: 0 });
  });
});

describe('the rules’ fixed figures in the device protocol', () => {
  // The thresholds are checked by documented-defaults.test.ts; these constants are not thresholds, and are quoted in words.
  const protocol = readFileSync(new URL('../../../docs/device-protocol.md', import.meta.url), 'utf8').replace(/\s+/g, ' ');

  it('when the protocol describes the activity baseline and the night-wandering return, then it quotes the figures the code uses', () => {
    expect(protocol).toContain(`needs at least ${MIN_BASELINE_DAYS} of them`);
    expect(protocol).toContain(`Baselines under ${MIN_BASELINE_EVENTS} events a day (${MIN_BASELINE_STEPS} steps)`);
    expect(protocol).toContain(`${RETURN_GRACE_MS / 60_000} minutes or more after leaving`);
  });
});
