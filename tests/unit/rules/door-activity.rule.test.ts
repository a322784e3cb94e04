import { describe, expect, it } from 'vitest';
import type { Decision } from '../../../gateway/src/core/decisions.js';
import type { ElderState } from '../../../gateway/src/core/elder-state.js';
import { doorIdleDue, doorUsed } from '../../../gateway/src/core/rules/life-signs/door-activity.rule.js';
import { elderState, T0, type StateOptions, named } from '../../support/elder-state.js';
import { ruleScenario } from '../../support/rule-scenario.js';

/** Table rows titled by `name`: vitest quotes and cuts `$name` at 40 characters, `%s` prints it whole. */

const HOUR = 3_600_000;

/** The wellness check a newly raised door_inactive alert opens, about the elder rather than the door. */
const wellnessCheck = (alertId: string) =>
  expect.objectContaining({
    kind: 'createTask',
    task: expect.objectContaining({ kind: 'wellness_check', reason: 'inactivity', status: 'open', alertId, deviceId: null, dedupKey: 'wellness_check', test: false }),
  });

const home = (options: StateOptions = {}): ElderState => elderState({ kind: 'door_sensor', deviceId: 'door-1', room: 'entrance', ...options });

describe('door used', () => {
  it.each(named([
    { name: 'the default 48 h', options: {}, hours: 48 },
    { name: 'their own 24 h', options: { overrides: { doorIdleHours: 24 } }, hours: 24 },
  ]))('when the door is used by an elder with %s, then the idle clock restarts', (_name, { options, hours }) => {
    expect(doorUsed(home(options), T0)).toEqual([
      { kind: 'arm', deadline: { key: 'door_idle:elder-1', kind: 'door_idle', elderId: 'elder-1', deviceId: 'door-1', dueAt: T0 + hours * HOUR, data: { since: T0 } } },
    ]);
  });
});

describe('door idle due', () => {
  it('when the door stays shut for 48 h, then a P2 door_inactive alert is raised by the gateway with a wellness check, and using the door clears it', () => {
    const s = ruleScenario(home());
    s.step('door-1', (state) => doorUsed(state, T0));
    expect(s.fire('door_idle:elder-1', doorIdleDue)).toEqual([
      expect.objectContaining({
        kind: 'raise',
        alert: expect.objectContaining({ id: 'id-1', type: 'door_inactive', priority: 2, deviceId: 'door-1', context: { hoursIdle: 48 } }),
        entry: expect.objectContaining({ actor: 'system:rules' }),
      }),
      wellnessCheck('id-1'),
    ]);
    const used = s.step('door-1', (state) => doorUsed(state, T0 + 50 * HOUR));
    expect(used).toContainEqual(expect.objectContaining({ kind: 'update', entry: expect.objectContaining({ action: 'cleared', note: 'door used' }) }));
    expect(s.world.state.openAlerts).toEqual([]);
  });

  it.each(named<{ name: string; away: ElderState['elder']['away']; expected: Decision[] }>([
    {
      name: 'away until day 3, then the clock restarts from their return',
      away: { since: T0 + HOUR, until: T0 + 72 * HOUR },
      expected: [{ kind: 'arm', deadline: { key: 'door_idle:elder-1', kind: 'door_idle', elderId: 'elder-1', deviceId: 'door-1', dueAt: T0 + 120 * HOUR, data: { since: T0 + 72 * HOUR } } }],
    },
    { name: 'away with no end set, then it is ignored', away: { since: T0 + HOUR, until: null }, expected: [{ kind: 'ignore', reason: 'elder_away' }] },
    {
      name: 'back from a short absence long ago, then the alert counts from the return',
      away: { since: T0 + HOUR, until: T0 + 2 * HOUR },
      expected: [expect.objectContaining({ kind: 'arm', deadline: expect.objectContaining({ dueAt: T0 + 50 * HOUR }) })],
    },
  ]))('when the elder is %s', (_name, { away, expected }) => {
    const s = ruleScenario(home());
    s.step('door-1', (state) => doorUsed(state, T0));
    s.setAway(away);
    expect(s.fire('door_idle:elder-1', doorIdleDue)).toEqual(expected);
  });

  it('when the restarted clock runs out after the return, then the alert is raised with the hours since the return', () => {
    const s = ruleScenario(home());
    s.step('door-1', (state) => doorUsed(state, T0));
    s.setAway({ since: T0 + HOUR, until: T0 + 2 * HOUR });
    s.fire('door_idle:elder-1', doorIdleDue);
    expect(s.fire('door_idle:elder-1', doorIdleDue)).toEqual([
      expect.objectContaining({ kind: 'raise', alert: expect.objectContaining({ id: 'id-1', context: { hoursIdle: 48 } }) }),
      wellnessCheck('id-1'),
    ]);
  });

  it('when the door alert is still open and the deadline fires again, then the repeat opens no second check', () => {
    const s = ruleScenario(home());
    s.step('door-1', (state) => doorUsed(state, T0));
    const deadline = s.world.armed.get('door_idle:elder-1');
    if (!deadline) throw new Error('not armed');
    s.fire('door_idle:elder-1', doorIdleDue);
    expect(s.step(null, (state) => doorIdleDue(deadline, state, T0 + 60 * HOUR))).toEqual([expect.objectContaining({ kind: 'update', entry: expect.objectContaining({ action: 'repeated' }) })]);
    expect(s.world.tasks.filter((t) => t.kind === 'wellness_check')).toHaveLength(1);
  });

  it('when the door sensor is in test mode, then the test alert is raised without a wellness check', () => {
    const s = ruleScenario(home({ testMode: true }));
    s.step('door-1', (state) => doorUsed(state, T0));
    expect(s.fire('door_idle:elder-1', doorIdleDue)).toEqual([expect.objectContaining({ kind: 'raise', alert: expect.objectContaining({ test: true }) })]);
  });
});
