import { describe, expect, it } from 'vitest';
import type { Deadline } from '../../../gateway/src/core/deadline.js';
import type { Decision } from '../../../gateway/src/core/decisions.js';
import type { ElderState } from '../../../gateway/src/core/elder-state.js';
import { doorIdleDue, doorUsed } from '../../../gateway/src/core/rules/door-activity.rule.js';
import { applyDecisions, asDevice, elderState, T0, type Applied, type StateOptions, named } from '../../support/elder-state.js';

/** Table rows titled by `name`: vitest quotes and cuts `$name` at 40 characters, `%s` prints it whole. */

const HOUR = 3_600_000;

const home = (options: StateOptions = {}): ElderState => elderState({ kind: 'door_sensor', deviceId: 'door-1', room: 'entrance', ...options });

function scenario(start: ElderState) {
  let world: Applied = applyDecisions(start, []);
  return {
    step(as: string | null, rule: (state: ElderState) => Decision[]): Decision[] {
      const state = asDevice(world.state, as);
      const decisions = rule(state);
      world = applyDecisions(state, decisions, world);
      return decisions;
    },
    fire(key: string, rule: (deadline: Deadline, state: ElderState, now: number) => Decision[]): Decision[] {
      const deadline = world.armed.get(key);
      if (!deadline) throw new Error(`${key} is not armed`);
      world.armed.delete(key);
      return this.step(null, (state) => rule(deadline, state, deadline.dueAt));
    },
    setAway(away: ElderState['elder']['away']): void {
      world = { ...world, state: { ...world.state, elder: { ...world.state.elder, away } } };
    },
    get world(): Applied {
      return world;
    },
  };
}

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
  it('when the door stays shut for 48 h, then a P2 door_inactive alert is raised by the gateway, and using the door clears it', () => {
    const s = scenario(home());
    s.step('door-1', (state) => doorUsed(state, T0));
    expect(s.fire('door_idle:elder-1', doorIdleDue)).toEqual([
      expect.objectContaining({
        kind: 'raise',
        alert: expect.objectContaining({ type: 'door_inactive', priority: 2, deviceId: 'door-1', context: { hoursIdle: 48 } }),
        entry: expect.objectContaining({ actor: 'system:rules' }),
      }),
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
    const s = scenario(home());
    s.step('door-1', (state) => doorUsed(state, T0));
    s.setAway(away);
    expect(s.fire('door_idle:elder-1', doorIdleDue)).toEqual(expected);
  });

  it('when the restarted clock runs out after the return, then the alert is raised with the hours since the return', () => {
    const s = scenario(home());
    s.step('door-1', (state) => doorUsed(state, T0));
    s.setAway({ since: T0 + HOUR, until: T0 + 2 * HOUR });
    s.fire('door_idle:elder-1', doorIdleDue);
    expect(s.fire('door_idle:elder-1', doorIdleDue)).toEqual([expect.objectContaining({ kind: 'raise', alert: expect.objectContaining({ context: { hoursIdle: 48 } }) })]);
  });
});
