import { describe, expect, it } from 'vitest';
import type { DeviceKind } from '../../../schemas/index.js';
import { deviceInstalled } from '../../../gateway/src/core/rules/device-health/device-installed.rule.js';
import { doorIdleDue } from '../../../gateway/src/core/rules/life-signs/door-activity.rule.js';
import { inactivityDue } from '../../../gateway/src/core/rules/life-signs/motion-seen.rule.js';
import { elderState, T0 } from '../../support/elder-state.js';
import { ruleScenario } from '../../support/rule-scenario.js';

// Issue 28, item 2: a motion sensor or door contact that never reports an event is watched from installation.

const HOUR = 3_600_000;

describe('device installed', () => {
  it('when a motion sensor is installed at 10:00 and never sees a pass, then inactivity is raised at 15:00', () => {
    const s = ruleScenario(elderState({ kind: 'motion_sensor', deviceId: 'pir-1', room: 'hall' }));
    expect(s.step('pir-1', (state) => deviceInstalled(state, T0))).toEqual([
      { kind: 'arm', deadline: { key: 'inactivity:elder-1', kind: 'inactivity', elderId: 'elder-1', deviceId: 'pir-1', dueAt: T0 + 5 * HOUR, data: { since: T0 } } },
    ]);
    expect(s.fire('inactivity:elder-1', inactivityDue)[0]).toMatchObject({ kind: 'raise', alert: { type: 'inactivity', context: { hoursWithoutMotion: 5 } } });
  });

  it('when a door contact is installed and never reports, then door_inactive is raised after the idle time', () => {
    const s = ruleScenario(elderState({ kind: 'door_sensor', deviceId: 'door-1', room: 'entrance' }));
    expect(s.step('door-1', (state) => deviceInstalled(state, T0))).toEqual([
      { kind: 'arm', deadline: { key: 'door_idle:elder-1', kind: 'door_idle', elderId: 'elder-1', deviceId: 'door-1', dueAt: T0 + 48 * HOUR, data: { since: T0 } } },
    ]);
    expect(s.fire('door_idle:elder-1', doorIdleDue)[0]).toMatchObject({ kind: 'raise', alert: { type: 'door_inactive', context: { hoursIdle: 48 } } });
  });

  it.each<DeviceKind>(['call_button', 'wearable', 'smoke_detector', 'bed_sensor', 'camera'])('when a %s is installed, then no clock starts', (kind) => {
    expect(deviceInstalled(elderState({ kind }), T0)).toEqual([{ kind: 'ignore', reason: 'no_clock_for_kind' }]);
  });
});
