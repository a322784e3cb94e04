import { describe, expect, it } from 'vitest';
import type { RiskCategory } from '../../../schemas/index.js';
import type { Decision } from '../../../gateway/src/core/decisions.js';
import type { ElderState } from '../../../gateway/src/core/elder-state.js';
import type { Task } from '../../../gateway/src/core/tasks/task.js';
import { bathroomStayDue, inactivityDue, motionSeen } from '../../../gateway/src/core/rules/life-signs/motion-seen.rule.js';
import { deviceFacts, elderState, T0, type StateOptions, named } from '../../support/elder-state.js';
import { ruleScenario } from '../../support/rule-scenario.js';

/** Table rows titled by `name`: vitest quotes and cuts `$name` at 40 characters, `%s` prints it whole. */

// `local(day, h, m)` is China wall-clock time on T0's day plus `day`; T0 itself is local(0, 10).

const HOUR = 3_600_000;
const local = (day: number, h: number, m = 0): number => T0 + day * 24 * HOUR + (h - 10) * HOUR + m * 60_000;

/** A flat with a bathroom sensor (pir-bath) and a living-room sensor (pir-living). */
const flat = (options: StateOptions = {}): ElderState =>
  elderState({ kind: 'motion_sensor', deviceId: 'pir-bath', room: 'bathroom', otherDevices: [deviceFacts('pir-living', 'motion_sensor', 'living room')], ...options });

const armedInactivity = (decisions: Decision[]) => decisions.find((d) => d.kind === 'arm' && d.deadline.kind === 'inactivity');

/** The wellness check a newly raised inactivity alert opens, about the elder rather than a device. */
const wellnessCheck = (alertId: string) =>
  expect.objectContaining({
    kind: 'createTask',
    task: expect.objectContaining({ kind: 'wellness_check', reason: 'inactivity', status: 'open', alertId, deviceId: null, dedupKey: 'wellness_check', test: false }),
  });

describe('motion seen: the inactivity clock', () => {
  it.each<[RiskCategory, number, number]>([
    ['general', 5, local(0, 15)],
    ['alone', 4, local(0, 14)],
    ['disabled', 4, local(0, 14)],
    ['very_old', 4, local(0, 14)],
    ['empty_nest', 4.5, local(0, 14, 30)],
    ['hardship', 4.5, local(0, 14, 30)],
  ])('when a %s elder passes a sensor at 10:00, then inactivity is due after %s h', (category, _hours, due) => {
    expect(armedInactivity(motionSeen(flat({ riskCategory: category, room: 'hall' }), T0))).toEqual({
      kind: 'arm',
      deadline: { key: 'inactivity:elder-1', kind: 'inactivity', elderId: 'elder-1', deviceId: 'pir-bath', dueAt: due, data: { since: T0 } },
    });
  });

  it.each(named<{ name: string; at: number; category: RiskCategory; due: number }>([
    { name: 'at 19:00, 5 h, only 2 h of daytime left', at: local(0, 19), category: 'general', due: local(1, 10) },
    { name: 'at 19:00, 4 h (alone)', at: local(0, 19), category: 'alone', due: local(1, 9) },
    { name: 'at 23:00, at night', at: local(0, 23), category: 'general', due: local(1, 12) },
    { name: 'at 03:00, before daytime', at: local(1, 3), category: 'alone', due: local(1, 11) },
  ]))('when motion is seen %s, then only daytime counts', (_name, { at, category, due }) => {
    expect(armedInactivity(motionSeen(flat({ riskCategory: category }), at))).toMatchObject({ deadline: { dueAt: due, data: { since: at } } });
  });

  it('when the elder has their own inactivity limit, then it applies over the category default', () => {
    expect(armedInactivity(motionSeen(flat({ riskCategory: 'alone', overrides: { inactivityDaytimeHours: 2 } }), T0))).toMatchObject({ deadline: { dueAt: local(0, 12) } });
  });
});

describe('motion seen: bathroom stays', () => {
  it.each(['bathroom', 'Master Bath', 'toilet', 'WC', 'restroom', '卫生间', '浴室', '一楼厕所'])('when motion is seen in "%s", then a bathroom stay is watched', (room) => {
    expect(motionSeen(flat({ room }), T0)).toContainEqual({
      kind: 'arm',
      deadline: { key: 'bathroom_stay:elder-1', kind: 'bathroom_stay', elderId: 'elder-1', deviceId: 'pir-bath', dueAt: T0 + 4 * HOUR, data: { room, since: T0 } },
    });
  });

  it.each(['living room', 'kitchen', '卧室', null])('when motion is seen in room %s, then any bathroom stay ends', (room) => {
    const decisions = motionSeen(flat({ room }), T0);
    expect(decisions).toContainEqual({ kind: 'disarm', key: 'bathroom_stay:elder-1' });
    expect(decisions.some((d) => d.kind === 'arm' && d.deadline.kind === 'bathroom_stay')).toBe(false);
  });

  it('when a disabled elder is in the bathroom, then the stay limit is 3 h', () => {
    expect(motionSeen(flat({ riskCategory: 'disabled' }), T0)).toContainEqual(expect.objectContaining({ deadline: expect.objectContaining({ kind: 'bathroom_stay', dueAt: T0 + 3 * HOUR }) }));
  });

  it('when the elder leaves the bathroom within the limit, then nothing is raised', () => {
    const s = ruleScenario(flat());
    s.step('pir-bath', (state) => motionSeen(state, T0));
    s.step('pir-living', (state) => motionSeen(state, T0 + 10 * 60_000));
    expect(s.world.armed.has('bathroom_stay:elder-1')).toBe(false);
    expect(s.world.alerts.size).toBe(0);
  });

  it('when nothing moves after the bathroom for 4 h, then a P2 prolonged_stay is raised, and moving out clears it', () => {
    const s = ruleScenario(flat());
    s.step('pir-bath', (state) => motionSeen(state, T0));
    const raised = s.fire('bathroom_stay:elder-1', bathroomStayDue);
    expect(raised).toEqual([
      expect.objectContaining({
        kind: 'raise',
        alert: expect.objectContaining({ type: 'prolonged_stay', priority: 2, deviceId: 'pir-bath', context: { room: 'bathroom', hours: 4 } }),
        entry: expect.objectContaining({ actor: 'system:rules' }),
      }),
    ]);
    const out = s.step('pir-living', (state) => motionSeen(state, T0 + 4 * HOUR + 60_000));
    expect(out).toContainEqual(expect.objectContaining({ kind: 'update', entry: expect.objectContaining({ action: 'cleared', note: 'moved out of the bathroom', actor: 'device:pir-living' }) }));
    expect(s.world.state.openAlerts).toEqual([]);
  });

  it('when the bathroom stay falls due while the elder is away, then it is ignored', () => {
    const s = ruleScenario(flat());
    s.step('pir-bath', (state) => motionSeen(state, T0));
    s.setAway({ since: T0 + HOUR, until: null });
    expect(s.fire('bathroom_stay:elder-1', bathroomStayDue)).toEqual([{ kind: 'ignore', reason: 'elder_away' }]);
  });
});

describe('inactivity due', () => {
  it('when no motion is seen for 5 daytime hours, then a P2 inactivity alert is raised by the gateway with a wellness check, and the next motion clears it', () => {
    const s = ruleScenario(flat({ room: 'hall' }));
    s.step('pir-bath', (state) => motionSeen(state, T0));
    expect(s.fire('inactivity:elder-1', inactivityDue)).toEqual([
      expect.objectContaining({
        kind: 'raise',
        alert: expect.objectContaining({ id: 'id-1', type: 'inactivity', priority: 2, deviceId: 'pir-bath', raisedAt: local(0, 15), context: { hoursWithoutMotion: 5 } }),
        entry: expect.objectContaining({ actor: 'system:rules' }),
      }),
      wellnessCheck('id-1'),
    ]);
    const moved = s.step('pir-living', (state) => motionSeen(state, local(0, 16)));
    expect(moved).toContainEqual(expect.objectContaining({ kind: 'update', entry: expect.objectContaining({ action: 'cleared', note: 'motion seen' }) }));
    expect(s.world.armed.get('inactivity:elder-1')?.dueAt).toBe(local(0, 21));
  });

  it('when the wall-clock gap spans a night, then the alert says how long it really was', () => {
    const s = ruleScenario(flat({ room: 'hall' }));
    s.step('pir-bath', (state) => motionSeen(state, local(0, 19)));
    expect(s.fire('inactivity:elder-1', inactivityDue)[0]).toMatchObject({ alert: { context: { hoursWithoutMotion: 15 } } });
  });

  it.each(named<{ name: string; away: ElderState['elder']['away']; expected: Decision[] }>([
    {
      name: 'away until tomorrow 12:00, then the clock restarts when they are due back',
      away: { since: local(0, 11), until: local(1, 12) },
      expected: [{ kind: 'arm', deadline: { key: 'inactivity:elder-1', kind: 'inactivity', elderId: 'elder-1', deviceId: 'pir-bath', dueAt: local(1, 17), data: { since: local(1, 12) } } }],
    },
    { name: 'away with no end set, then it is ignored until the away state ends', away: { since: local(0, 11), until: null }, expected: [{ kind: 'ignore', reason: 'elder_away' }] },
    {
      name: 'going away only tomorrow, then the alert is raised today',
      away: { since: local(1, 8), until: local(3, 8) },
      expected: [expect.objectContaining({ kind: 'raise', alert: expect.objectContaining({ id: 'id-1', type: 'inactivity' }) }), wellnessCheck('id-1')],
    },
  ]))('when the elder is %s', (_name, { away, expected }) => {
    const s = ruleScenario(flat({ room: 'hall' }));
    s.step('pir-bath', (state) => motionSeen(state, T0));
    s.setAway(away);
    expect(s.fire('inactivity:elder-1', inactivityDue)).toEqual(expected);
  });

  it('when a short absence ended but its away state was not yet cleared, then the clock counts from the return and still fires', () => {
    const s = ruleScenario(flat({ room: 'hall' }));
    s.step('pir-bath', (state) => motionSeen(state, local(0, 8)));
    s.setAway({ since: local(0, 8, 30), until: local(0, 9) });
    expect(s.fire('inactivity:elder-1', inactivityDue)).toEqual([expect.objectContaining({ kind: 'arm', deadline: expect.objectContaining({ dueAt: local(0, 14) }) })]);
    expect(s.fire('inactivity:elder-1', inactivityDue)).toEqual([
      expect.objectContaining({ kind: 'raise', alert: expect.objectContaining({ id: 'id-1', context: { hoursWithoutMotion: 5 } }) }),
      wellnessCheck('id-1'),
    ]);
  });
});

describe('inactivity due: the wellness check', () => {
  it('when the alert is still open and the deadline fires again, then the repeat opens no second check', () => {
    const s = ruleScenario(flat({ room: 'hall' }));
    s.step('pir-bath', (state) => motionSeen(state, T0));
    const deadline = s.world.armed.get('inactivity:elder-1');
    if (!deadline) throw new Error('not armed');
    s.fire('inactivity:elder-1', inactivityDue);
    const repeated = s.step(null, (state) => inactivityDue(deadline, state, local(0, 16)));
    expect(repeated).toEqual([expect.objectContaining({ kind: 'update', entry: expect.objectContaining({ action: 'repeated' }) })]);
    expect(s.world.tasks.filter((t) => t.kind === 'wellness_check')).toHaveLength(1);
  });

  it('when a wellness check is already open (from the door), then a new inactivity alert does not open another', () => {
    const s = ruleScenario(flat({ room: 'hall' }));
    s.step('pir-bath', (state) => motionSeen(state, T0));
    const open = { ...taskOf(s.fire('inactivity:elder-1', inactivityDue)), alertId: 'door-alert' };
    const s2 = ruleScenario({ ...flat({ room: 'hall' }), openTasks: [open] });
    s2.step('pir-bath', (state) => motionSeen(state, T0));
    expect(s2.fire('inactivity:elder-1', inactivityDue)).toEqual([expect.objectContaining({ kind: 'raise' }), { kind: 'ignore', reason: 'task_already_open' }]);
  });

  it('when the sensor is in test mode, then the test alert is raised without a wellness check', () => {
    const s = ruleScenario(flat({ room: 'hall', testMode: true }));
    s.step('pir-bath', (state) => motionSeen(state, T0));
    expect(s.fire('inactivity:elder-1', inactivityDue)).toEqual([expect.objectContaining({ kind: 'raise', alert: expect.objectContaining({ test: true }) })]);
  });
});

function taskOf(decisions: Decision[]): Task {
  const created = decisions.find((d) => d.kind === 'createTask');
  if (created?.kind !== 'createTask') throw new Error('no task created');
  return created.task;
}
