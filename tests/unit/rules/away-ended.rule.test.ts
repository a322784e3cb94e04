import { describe, expect, it } from 'vitest';
import type { Decision } from '../../../gateway/src/core/decisions.js';
import type { DeviceFacts, ElderState } from '../../../gateway/src/core/elder-state.js';
import { awayEnded } from '../../../gateway/src/core/rules/life-signs/away-ended.rule.js';
import { inactivityDue, motionSeen } from '../../../gateway/src/core/rules/life-signs/motion-seen.rule.js';
import { asDevice, deviceFacts, elderState, T0, named } from '../../support/elder-state.js';
import { ruleScenario } from '../../support/rule-scenario.js';

/** Table rows titled by `name`: vitest quotes and cuts `$name` at 40 characters, `%s` prints it whole. */

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** The elder's devices, the first one being the state's own device; the state has no speaking device (app event). */
const elderWith = (devices: DeviceFacts[]): ElderState => {
  const [first, ...others] = devices;
  if (!first) throw new Error('at least one device');
  return asDevice(elderState({ kind: first.kind, deviceId: first.id, room: first.room, otherDevices: others }), null);
};

const inactivity = (deviceId: string, since: number, dueAt: number): Decision => ({
  kind: 'arm',
  deadline: { key: 'inactivity:elder-1', kind: 'inactivity', elderId: 'elder-1', deviceId, dueAt, data: { since } },
});
const doorIdle = (deviceId: string, since: number): Decision => ({
  kind: 'arm',
  deadline: { key: 'door_idle:elder-1', kind: 'door_idle', elderId: 'elder-1', deviceId, dueAt: since + 48 * HOUR, data: { since } },
});

describe('away ended', () => {
  it.each(named<{ name: string; devices: DeviceFacts[]; expected: Decision[] }>([
    {
      name: 'a motion sensor and a door sensor, then both clocks start from now',
      devices: [deviceFacts('btn-1', 'call_button'), deviceFacts('pir-1', 'motion_sensor', 'hall'), deviceFacts('door-1', 'door_sensor')],
      expected: [inactivity('pir-1', T0, T0 + 5 * HOUR), doorIdle('door-1', T0)],
    },
    {
      name: 'two motion sensors, then inactivity is watched once, through the first',
      devices: [deviceFacts('pir-1', 'motion_sensor', 'hall'), deviceFacts('pir-2', 'motion_sensor', 'bathroom')],
      expected: [inactivity('pir-1', T0, T0 + 5 * HOUR)],
    },
    { name: 'only a door sensor, then only the door clock starts', devices: [deviceFacts('door-1', 'door_sensor')], expected: [doorIdle('door-1', T0)] },
    {
      name: 'no activity sensor, then there is nothing to restart',
      devices: [deviceFacts('btn-1', 'call_button'), deviceFacts('watch-1', 'wearable')],
      expected: [{ kind: 'ignore', reason: 'no_activity_sensors' }],
    },
  ]))('when an elder with %s', (_name, { devices, expected }) => {
    expect(awayEnded(elderWith(devices), T0)).toEqual(expected);
  });

  it('when an indefinite absence ends, then inactivity that was ignored while away is watched again and raised', () => {
    const s = ruleScenario(elderWith([deviceFacts('pir-1', 'motion_sensor', 'hall')]));

    s.step('pir-1', (state) => motionSeen(state, T0));
    s.setAway({ since: T0 + HOUR, until: null });
    expect(s.fire('inactivity:elder-1', inactivityDue)).toEqual([{ kind: 'ignore', reason: 'elder_away' }]);
    expect(s.world.armed.has('inactivity:elder-1')).toBe(false);

    s.setAway(null);
    s.step(null, (state) => awayEnded(state, T0 + 2 * DAY));
    expect(s.world.armed.get('inactivity:elder-1')?.dueAt).toBe(T0 + 2 * DAY + 5 * HOUR);
    expect(s.fire('inactivity:elder-1', inactivityDue)).toEqual([
      expect.objectContaining({ kind: 'raise', alert: expect.objectContaining({ type: 'inactivity', deviceId: 'pir-1' }) }),
      // A newly raised inactivity alert also opens a wellness check (motion-seen rule).
      expect.objectContaining({ kind: 'createTask', task: expect.objectContaining({ kind: 'wellness_check' }) }),
    ]);
  });
});
