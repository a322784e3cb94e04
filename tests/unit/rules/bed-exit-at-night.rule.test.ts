import { describe, expect, it } from 'vitest';
import type { Deadline } from '../../../gateway/src/core/deadline.js';
import type { ElderState } from '../../../gateway/src/core/elder-state.js';
import { bedExited, bedReturnDue, bedReturned } from '../../../gateway/src/core/rules/life-signs/bed-exit-at-night.rule.js';
import { asDevice, deviceFacts, elderState, T0 } from '../../support/elder-state.js';
import { ruleScenario } from '../../support/rule-scenario.js';

// T0 is 10:00 local (China, UTC+8); `local(23)` is 23:00 the same day, `local(5, 59, 1)` 05:59 the next.
// Night is 22:00-06:00 by default; bedReturnMinutes is 30 for a general elder.

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const local = (hour: number, minute = 0, day = 0) => T0 + (hour - 10) * HOUR + minute * MINUTE + day * 24 * HOUR;
const KEY = 'bed_return:elder-1';
/** Rule memory kept while a night-time exit is watched. */
const WATCHING = 'bed_exit_watch';
const watching = (exitedAt: number) => ({ kind: 'setState', key: WATCHING, value: { exitedAt } });
const stopWatching = { kind: 'setState', key: WATCHING, value: null };

/** A bed sensor in the bedroom, and a camera in room 203. */
function bedroom(options: Parameters<typeof elderState>[0] = {}): ElderState {
  return elderState({ kind: 'bed_sensor', deviceId: 'bed-1', room: 'bedroom', otherDevices: [deviceFacts('cam-1', 'camera', '203')], ...options });
}

describe('bed exit at night', () => {
  // [local time, outcome, now, arms]
  it.each<[string, string, number, boolean]>([
    ['23:00', 'the return deadline is armed', local(23), true],
    ['22:00 (night starts)', 'the return deadline is armed', local(22), true],
    ['05:59', 'the return deadline is armed', local(5, 59, 1), true],
    ['06:00 (night ends)', 'it is ignored as daytime', local(6, 0, 1), false],
    ['21:59', 'it is ignored as daytime', local(21, 59), false],
    ['10:00', 'it is ignored as daytime', T0, false],
  ])('when the elder leaves the bed at %s, then %s', (_clock, _outcome, at, arms) => {
    const decisions = bedExited({}, bedroom(), at);
    expect(decisions).toEqual(
      arms
        ? [{ kind: 'arm', deadline: { key: KEY, kind: 'bed_return', elderId: 'elder-1', deviceId: 'bed-1', dueAt: at + 30 * MINUTE, data: { room: 'bedroom', exitedAt: at } } }, watching(at)]
        : [{ kind: 'ignore', reason: 'bed_exit_daytime' }],
    );
  });

  it.each([
    { riskCategory: 'general', minutes: 30 },
    { riskCategory: 'disabled', minutes: 15 },
    { riskCategory: 'alone', minutes: 20 },
  ] as const)('when a $riskCategory elder leaves the bed at night, then the return is due after $minutes minutes', ({ riskCategory, minutes }) => {
    expect(bedExited({}, bedroom({ riskCategory }), local(23))).toEqual([expect.objectContaining({ deadline: expect.objectContaining({ dueAt: local(23) + minutes * MINUTE }) }), watching(local(23))]);
  });

  it('when the elder’s override changes the night to 21:00-07:00, then 21:30 counts as night', () => {
    expect(bedExited({}, bedroom({ overrides: { nightStart: '21:00', nightEnd: '07:00' } }), local(21, 30))).toEqual([expect.objectContaining({ kind: 'arm' }), watching(local(21, 30))]);
  });

  // [situation, remembered room, event]
  it.each<[string, string, { room?: string }]>([
    ['the event names the room', 'bed 2', { room: 'bed 2' }],
    ['only the device has a room', '203', {}],
  ])('when a camera sees a confident bed exit and %s, then the deadline remembers room %s', (_situation, room, event) => {
    const state = asDevice(bedroom(), 'cam-1');
    expect(bedExited({ ...event, confidence: 0.9 }, state, local(23))).toEqual([
      expect.objectContaining({ deadline: expect.objectContaining({ deviceId: 'cam-1', data: { room, exitedAt: local(23) } }) }),
      watching(local(23)),
    ]);
  });

  it('when neither the event nor the device has a room, then the deadline keeps room null', () => {
    expect(bedExited({}, elderState({ kind: 'bed_sensor' }), local(23))).toEqual([expect.objectContaining({ deadline: expect.objectContaining({ data: { room: null, exitedAt: local(23) } }) }), watching(local(23))]);
  });

  it('when a camera bed exit at night has low confidence, then nothing is armed and the detection is remembered', () => {
    const state = asDevice(bedroom(), 'cam-1');
    expect(bedExited({ room: '203', confidence: 0.4 }, state, local(23))).toEqual([
      { kind: 'setState', key: 'low_confidence:cam-1:bed_exit', value: { times: [local(23)] } },
      { kind: 'ignore', reason: 'low_confidence_recorded' },
    ]);
  });

  it('when three low-confidence camera bed exits come within 10 minutes at night, then the third arms the deadline', () => {
    const s = ruleScenario(bedroom());
    let last: ReturnType<typeof bedExited> = [];
    for (const at of [local(23), local(23, 3), local(23, 6)]) last = s.step('cam-1', (state) => bedExited({ confidence: 0.4 }, state, at));
    expect(last).toEqual([{ kind: 'setState', key: 'low_confidence:cam-1:bed_exit', value: null }, expect.objectContaining({ kind: 'arm' }), watching(local(23, 6))]);
  });

  it('when the elder returns to bed, then the deadline is disarmed and, with no alert open, nothing else happens', () => {
    expect(bedReturned(bedroom(), local(23, 10))).toEqual([{ kind: 'disarm', key: KEY }]);
  });

  it('when the deadline fires, then the exit is no longer watched and a P2 bed_exit_night alert is raised by the system with room and minutes out of bed', () => {
    const s = ruleScenario(bedroom());
    s.step('bed-1', (state) => bedExited({}, state, local(23)));
    expect(s.fire(KEY, bedReturnDue)).toEqual([
      stopWatching,
      {
        kind: 'raise',
        alert: expect.objectContaining({ type: 'bed_exit_night', priority: 2, status: 'raised', deviceId: 'bed-1', dedupKey: 'bed_exit_night', context: { room: 'bedroom', minutesOutOfBed: 30 } }),
        entry: expect.objectContaining({ action: 'raised', actor: 'system:rules', at: local(23, 30) }),
      },
    ]);
  });

  it('when the deadline fires late and had no room, then minutes are counted from the exit and room is left out', () => {
    const deadline: Deadline = { key: KEY, kind: 'bed_return', elderId: 'elder-1', deviceId: 'bed-1', dueAt: local(23, 30), data: { room: null, exitedAt: local(23) } };
    expect(bedReturnDue(deadline, asDevice(bedroom(), null), local(23, 42))).toEqual([stopWatching, expect.objectContaining({ alert: expect.objectContaining({ context: { minutesOutOfBed: 42 } }) })]);
  });

  it('when the deadline fires while the elder is away, then the exit is no longer watched and it is ignored', () => {
    const deadline: Deadline = { key: KEY, kind: 'bed_return', elderId: 'elder-1', deviceId: 'bed-1', dueAt: local(23, 30), data: { room: 'bedroom', exitedAt: local(23) } };
    expect(bedReturnDue(deadline, asDevice(bedroom({ away: { since: local(23, 20), until: null } }), null), local(23, 30))).toEqual([stopWatching, { kind: 'ignore', reason: 'elder_away' }]);
  });

  it('when the bed sensor is in test mode, then the fired alert is marked test', () => {
    const s = ruleScenario(bedroom({ testMode: true }));
    s.step('bed-1', (state) => bedExited({}, state, local(23)));
    expect(s.fire(KEY, bedReturnDue)).toEqual([
      stopWatching,
      expect.objectContaining({ alert: expect.objectContaining({ test: true, dedupKey: 'test:bed_exit_night' }) }),
    ]);
  });

  it('when the elder leaves at 23:00, the deadline fires and the elder returns at 23:40, then the alert is cleared and the deadline gone', () => {
    const s = ruleScenario(bedroom());
    s.step('bed-1', (state) => bedExited({}, state, local(23)));
    // The scheduler deletes a fired deadline in the same transaction as its effects.
    s.fire(KEY, bedReturnDue);
    const decisions = s.step('bed-1', (state) => bedReturned(state, local(23, 40)));
    expect(decisions).toEqual([
      { kind: 'disarm', key: KEY },
      expect.objectContaining({ kind: 'update', alert: expect.objectContaining({ status: 'cleared', clearedAt: local(23, 40) }), entry: expect.objectContaining({ action: 'cleared', note: 'back in bed', actor: 'device:bed-1' }) }),
    ]);
    expect(s.world.state.openAlerts).toEqual([]);
    expect(s.world.armed.size).toBe(0);
  });

  it('when the elder returns before the deadline, then the deadline is disarmed, the exit no longer watched and no alert is ever raised', () => {
    const s = ruleScenario(bedroom());
    s.step('bed-1', (state) => bedExited({}, state, local(23)));
    const decisions = s.step('bed-1', (state) => bedReturned(state, local(23, 10)));
    expect(decisions).toEqual([{ kind: 'disarm', key: KEY }, stopWatching]);
    expect(s.world.armed.size).toBe(0);
    expect(s.world.alerts.size).toBe(0);
    expect(s.world.state.ruleStates.has(WATCHING)).toBe(false);
  });

  it('when a second exit comes 10 minutes after the first, then it is ignored as already watched and the first deadline stands', () => {
    const s = ruleScenario(bedroom());
    s.step('bed-1', (state) => bedExited({}, state, local(23)));
    const decisions = s.step('cam-1', (state) => bedExited({ room: '203', confidence: 0.9 }, state, local(23, 10)));
    expect(decisions).toEqual([{ kind: 'ignore', reason: 'bed_exit_already_watched' }]);
    expect([...s.world.armed.values()]).toEqual([expect.objectContaining({ key: KEY, deviceId: 'bed-1', dueAt: local(23, 30), data: { room: 'bedroom', exitedAt: local(23) } })]);
    expect(s.world.state.ruleStates.get(WATCHING)).toEqual({ exitedAt: local(23) });
  });

  it('when the elder leaves again after returning to bed, then the new exit arms a new deadline', () => {
    const s = ruleScenario(bedroom());
    s.step('bed-1', (state) => bedExited({}, state, local(23)));
    s.step('bed-1', (state) => bedReturned(state, local(23, 10)));
    const decisions = s.step('bed-1', (state) => bedExited({}, state, local(23, 20)));
    expect(decisions).toEqual([expect.objectContaining({ kind: 'arm', deadline: expect.objectContaining({ key: KEY, dueAt: local(23, 50), data: { room: 'bedroom', exitedAt: local(23, 20) } }) }), watching(local(23, 20))]);
  });

  it('when the elder leaves again after the deadline fired, then the new exit arms a new deadline', () => {
    const s = ruleScenario(bedroom());
    s.step('bed-1', (state) => bedExited({}, state, local(23)));
    s.fire(KEY, bedReturnDue);
    const decisions = s.step('bed-1', (state) => bedExited({}, state, local(23, 45)));
    expect(decisions).toEqual([expect.objectContaining({ kind: 'arm', deadline: expect.objectContaining({ key: KEY, dueAt: local(0, 15, 1), data: { room: 'bedroom', exitedAt: local(23, 45) } }) }), watching(local(23, 45))]);
  });
});
