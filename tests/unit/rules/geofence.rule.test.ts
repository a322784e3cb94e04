import { describe, expect, it } from 'vitest';
import { geofenceCrossed, geofenceSettleDue } from '../../../gateway/src/core/rules/alarms/geofence.rule.js';
import { elderState, T0 } from '../../support/elder-state.js';
import { ruleScenario, type RuleScenario } from '../../support/rule-scenario.js';

// A crossing counts once the wearable has stayed on the new side for geofenceDebounceSeconds (default 60 s).

const SECOND = 1000;
const SETTLE = 'geofence_settle:watch-1';
type Crossing = { type: 'geofence_exit' | 'geofence_enter'; fence: string };

const watch = (overrides = {}) => ruleScenario(elderState({ kind: 'wearable', deviceId: 'watch-1', overrides }));
const cross = (s: RuleScenario, at: number, type: Crossing['type'], fence = 'home') => s.step('watch-1', (state) => geofenceCrossed({ type, fence }, state, at));
const settle = (s: RuleScenario) => s.fire(SETTLE, geofenceSettleDue);
const statuses = (s: RuleScenario) => [...s.world.alerts.values()].map((a) => a.status);

describe('geofence crossed', () => {
  it('when the elder leaves the home fence and stays out for the debounce time, then a P2 geofence_exit alert is raised naming the fence', () => {
    const s = watch();
    expect(cross(s, T0, 'geofence_exit')).toEqual([
      { kind: 'arm', deadline: { key: SETTLE, kind: 'geofence_settle', elderId: 'elder-1', deviceId: 'watch-1', dueAt: T0 + 60 * SECOND, data: { side: 'outside', fence: 'home', at: T0 } } },
      { kind: 'setState', key: 'geofence_pending:watch-1', value: { side: 'outside', fence: 'home', at: T0 } },
    ]);
    expect(settle(s)).toEqual([
      { kind: 'setState', key: 'geofence_pending:watch-1', value: null },
      {
        kind: 'raise',
        alert: expect.objectContaining({ type: 'geofence_exit', priority: 2, deviceId: 'watch-1', context: { fence: 'home' }, raisedAt: T0 + 60 * SECOND }),
        entry: expect.objectContaining({ action: 'raised', actor: 'system:rules' }),
      },
    ]);
  });

  it('when the wearable flaps out and in five times within 3 s at the fence edge, then no alert is raised and nothing is left waiting', () => {
    const s = watch();
    for (let i = 0; i < 5; i++) {
      cross(s, T0 + i * 600, 'geofence_exit');
      cross(s, T0 + i * 600 + 300, 'geofence_enter');
    }
    expect(s.world.armed.has(SETTLE)).toBe(false);
    expect(s.world.alerts.size).toBe(0);
    expect(s.world.state.ruleStates.size).toBe(0);
  });

  it('when exits repeat before the debounce time is over, then the wait is not restarted', () => {
    const s = watch();
    cross(s, T0, 'geofence_exit');
    expect(cross(s, T0 + 30 * SECOND, 'geofence_exit')).toEqual([{ kind: 'ignore', reason: 'crossing_already_waiting' }]);
    expect(s.world.armed.get(SETTLE)?.dueAt).toBe(T0 + 60 * SECOND);
  });

  it('when the elder comes back inside and stays, then the alert is cleared with a note naming the fence', () => {
    const s = watch();
    cross(s, T0, 'geofence_exit', 'community');
    settle(s);
    cross(s, T0 + 20 * 60 * SECOND, 'geofence_enter', 'community');
    expect(statuses(s)).toEqual(['raised']);
    expect(settle(s)).toEqual([
      { kind: 'setState', key: 'geofence_pending:watch-1', value: null },
      expect.objectContaining({ kind: 'update', previousStatus: 'raised', entry: expect.objectContaining({ action: 'cleared', note: 'back inside community' }) }),
    ]);
    expect(s.world.state.openAlerts).toEqual([]);
  });

  it('when the elder flaps back in and out while the alert is open, then the one alert stays open, unrepeated, and nothing waits', () => {
    const s = watch();
    cross(s, T0, 'geofence_exit');
    settle(s);
    for (let i = 0; i < 5; i++) {
      cross(s, T0 + 120 * SECOND + i * 600, 'geofence_enter');
      cross(s, T0 + 120 * SECOND + i * 600 + 300, 'geofence_exit');
    }
    expect(s.world.armed.has(SETTLE)).toBe(false);
    expect([...s.world.alerts.values()]).toEqual([expect.objectContaining({ status: 'raised', count: 1 })]);
  });

  it('when an enter arrives with no alert open and nothing waiting, then it is ignored with a reason', () => {
    expect(cross(watch(), T0, 'geofence_enter')).toEqual([{ kind: 'ignore', reason: 'no_open_alert' }]);
  });

  it('when the elder leaves again after a return, then a new alert opens', () => {
    const s = watch();
    cross(s, T0, 'geofence_exit');
    settle(s);
    cross(s, T0 + 5 * 60 * SECOND, 'geofence_enter');
    settle(s);
    cross(s, T0 + 10 * 60 * SECOND, 'geofence_exit');
    settle(s);
    expect(statuses(s)).toEqual(['cleared', 'raised']);
  });

  it('when the elder left the home fence and then enters another fence, then it is ignored and the alert stays open until home is entered', () => {
    const s = watch();
    cross(s, T0, 'geofence_exit', 'home');
    settle(s);
    expect(cross(s, T0 + 120 * SECOND, 'geofence_enter', 'community')).toEqual([{ kind: 'ignore', reason: 'other_fence_entered' }]);
    expect(s.world.state.openAlerts).toEqual([expect.objectContaining({ type: 'geofence_exit', status: 'raised', context: { fence: 'home' } })]);
    cross(s, T0 + 180 * SECOND, 'geofence_enter', 'home');
    settle(s);
    expect(statuses(s)).toEqual(['cleared']);
  });

  it("when the elder's own debounce is 5 s, then the exit counts after 5 s", () => {
    const s = watch({ geofenceDebounceSeconds: 5 });
    cross(s, T0, 'geofence_exit');
    expect(s.world.armed.get(SETTLE)?.dueAt).toBe(T0 + 5 * SECOND);
  });

  it('when the wearable was unregistered before the wait was over, then the settle is ignored', () => {
    const s = watch();
    cross(s, T0, 'geofence_exit');
    const deadline = s.world.armed.get(SETTLE)!;
    const gone = { ...s.world.state, device: null, elderDevices: [] };
    expect(geofenceSettleDue(deadline, gone, deadline.dueAt)).toEqual([{ kind: 'ignore', reason: 'device_not_registered' }]);
  });
});
