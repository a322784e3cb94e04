import { describe, expect, it } from 'vitest';
import type { Deadline } from '../../../gateway/src/core/deadline.js';
import type { ElderState } from '../../../gateway/src/core/elder-state.js';
import { wearableNotWornDue, wearableRemoved, wearableWorn } from '../../../gateway/src/core/rules/life-signs/wearable-worn.rule.js';
import { applyDecisions, asDevice, deviceFacts, elderState, T0 } from '../../support/elder-state.js';
import { ruleScenario } from '../../support/rule-scenario.js';

// T0 is 10:00 local (China, UTC+8). Daytime is 07:00-21:00; a watch may be off for 2 daytime hours.

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const local = (hour: number, minute = 0, day = 0) => T0 + (hour - 10) * HOUR + minute * MINUTE + day * 24 * HOUR;
const KEY = 'wearable_not_worn:watch-1';

function watch(options: Parameters<typeof elderState>[0] = {}): ElderState {
  return elderState({ kind: 'wearable', deviceId: 'watch-1', otherDevices: [deviceFacts('watch-2', 'wearable')], ...options });
}

function dueFor(at: number, state = watch()): Deadline {
  const decision = wearableRemoved(state, at)[0];
  if (decision?.kind !== 'arm') throw new Error('expected an arm decision');
  return decision.deadline;
}

describe('wearable worn', () => {
  it('when the watch is taken off at 10:00, then a not-worn deadline is armed for 12:00', () => {
    expect(wearableRemoved(watch(), T0)).toEqual([
      { kind: 'arm', deadline: { key: KEY, kind: 'wearable_not_worn', elderId: 'elder-1', deviceId: 'watch-1', dueAt: local(12), data: { removedAt: T0 } } },
      { kind: 'setState', key: 'wearable_removed:watch-1', value: { removedAt: T0 } },
    ]);
  });

  // [situation, outcome, removed at, due at]
  it.each<[string, string, number, number]>([
    ['the watch is taken off at 20:00 (one daytime hour left)', 'it is due at 08:00 the next day', local(20), local(8, 0, 1)],
    ['the watch is taken off at 23:00 to sleep', 'it is due at 09:00 the next day', local(23), local(9, 0, 1)],
    ['the watch is taken off at 03:00 to charge', 'it is due at 09:00 that day', local(3, 0, 1), local(9, 0, 1)],
    ['the watch is taken off at 19:00 (exactly two daytime hours left)', 'it is due at 21:00', local(19), local(21)],
  ])('when %s, then %s', (_situation, _outcome, at, due) => {
    expect(dueFor(at).dueAt).toBe(due);
  });

  it('when the elder’s override allows 4 hours, then the deadline is 4 daytime hours away', () => {
    expect(dueFor(T0, watch({ overrides: { wearableNotWornHours: 4 } })).dueAt).toBe(local(14));
  });

  it('when the watch is worn again with no alert open, then only the deadline is disarmed', () => {
    expect(wearableWorn(watch(), T0 + HOUR)).toEqual([{ kind: 'disarm', key: KEY }]);
  });

  it('when the deadline fires, then a P3 wearable_not_worn alert is raised by the system for that watch', () => {
    const deadline = dueFor(T0);
    expect(wearableNotWornDue(deadline, asDevice(watch(), null), deadline.dueAt)).toEqual([
      {
        kind: 'raise',
        alert: expect.objectContaining({ type: 'wearable_not_worn', priority: 3, deviceId: 'watch-1', dedupKey: KEY, test: false }),
        entry: expect.objectContaining({ action: 'raised', actor: 'system:rules', at: local(12) }),
      },
    ]);
  });

  it('when the deadline fires while the elder is away, then it is ignored', () => {
    const deadline = dueFor(T0);
    expect(wearableNotWornDue(deadline, asDevice(watch({ away: { since: T0 + 30 * MINUTE, until: null } }), null), deadline.dueAt)).toEqual([{ kind: 'ignore', reason: 'elder_away' }]);
  });

  it('when the watch is no longer the elder’s when the deadline fires, then it is ignored', () => {
    const deadline = { ...dueFor(T0), deviceId: 'watch-gone' };
    expect(wearableNotWornDue(deadline, asDevice(watch(), null), deadline.dueAt)).toEqual([{ kind: 'ignore', reason: 'device_not_registered' }]);
  });

  it('when two watches are both left off, then each gets its own alert', () => {
    const state = asDevice(watch(), null);
    const first = applyDecisions(state, wearableNotWornDue(dueFor(T0), state, local(12)));
    const second = applyDecisions(first.state, wearableNotWornDue(dueFor(T0, asDevice(watch(), 'watch-2')), first.state, local(12)), first);
    expect([...second.alerts.values()].map((a) => a.dedupKey)).toEqual([KEY, 'wearable_not_worn:watch-2']);
  });

  it('when the watch is taken off at 10:00, the alert fires at 12:00 and it is worn at 12:30, then the alert is cleared', () => {
    const s = ruleScenario(watch());
    s.step('watch-1', (state) => wearableRemoved(state, T0));
    s.fire(KEY, wearableNotWornDue);
    const decisions = s.step('watch-1', (state) => wearableWorn(state, local(12, 30)));
    expect(decisions).toEqual([
      { kind: 'disarm', key: KEY },
      { kind: 'setState', key: 'wearable_removed:watch-1', value: null },
      expect.objectContaining({ kind: 'update', alert: expect.objectContaining({ status: 'cleared', clearedAt: local(12, 30) }), entry: expect.objectContaining({ action: 'cleared', note: 'worn again', actor: 'device:watch-1' }) }),
    ]);
    expect(s.world.state.openAlerts).toEqual([]);
  });

  it('when the watch says removed again 30 min later (issue 28, item 3), then the clock is not restarted and the alert still comes at 12:00', () => {
    const s = ruleScenario(watch());
    s.step('watch-1', (state) => wearableRemoved(state, T0));
    expect(s.step('watch-1', (state) => wearableRemoved(state, T0 + 30 * MINUTE))).toEqual([{ kind: 'ignore', reason: 'wearable_already_removed' }]);
    expect(s.world.armed.get(KEY)?.dueAt).toBe(local(12));
    expect(s.fire(KEY, wearableNotWornDue)[0]).toMatchObject({ kind: 'raise', entry: { at: local(12) } });
  });

  it('when the watch is worn and removed again, then a new clock starts from the new removal', () => {
    const s = ruleScenario(watch());
    s.step('watch-1', (state) => wearableRemoved(state, T0));
    s.step('watch-1', (state) => wearableWorn(state, T0 + HOUR));
    s.step('watch-1', (state) => wearableRemoved(state, T0 + 2 * HOUR));
    expect(s.world.armed.get(KEY)?.dueAt).toBe(local(14));
  });

  it('when the watch is put back on before the deadline, then the deadline is gone and no alert is raised', () => {
    const s = ruleScenario(watch());
    s.step('watch-1', (state) => wearableRemoved(state, T0));
    s.step('watch-1', (state) => wearableWorn(state, T0 + HOUR));
    expect(s.world.armed.size).toBe(0);
    expect(s.world.alerts.size).toBe(0);
  });
});
