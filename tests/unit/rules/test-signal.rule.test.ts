import { describe, expect, it } from 'vitest';
import { deviceConnected } from '../../../gateway/src/core/rules/device-health/device-connection.rule.js';
import { testSignalDue, testSignalReceived } from '../../../gateway/src/core/rules/device-health/test-signal.rule.js';
import { elderState, T0, TEST_SETTINGS, named } from '../../support/elder-state.js';
import { ruleScenario } from '../../support/rule-scenario.js';

/** Table rows titled by `name`: vitest quotes and cuts `$name` at 40 characters, `%s` prints it whole. */

const HOUR = 3_600_000;
const INTERVAL = TEST_SETTINGS.testSignalIntervalMs;

describe('test signal received', () => {
  it('when a test signal arrives, then the next one is due one interval later and the time is remembered', () => {
    expect(testSignalReceived(elderState(), T0)).toEqual([
      { kind: 'arm', deadline: { key: 'test_signal_due:dev-1', kind: 'test_signal_due', elderId: 'elder-1', deviceId: 'dev-1', dueAt: T0 + INTERVAL, data: {} } },
      { kind: 'setState', key: 'test_signal:dev-1', value: { lastAt: T0, armedAt: T0 } },
    ]);
  });
});

describe('test signal due', () => {
  it.each(named([
    { name: 'never sent one since it connected', received: false, context: { neverReceived: true } },
    { name: 'sent one an interval ago', received: true, context: { hoursSinceLastSignal: 25 } },
  ]))('when a device that %s misses its test signal, then a P3 alert and a maintenance visit are opened and the deadline re-armed', (_name, { received, context }) => {
    const s = ruleScenario(elderState({ kind: 'smoke_detector' }));
    s.step('dev-1', (state) => (received ? testSignalReceived(state, T0) : deviceConnected(state, T0)));
    const decisions = s.fire('test_signal_due:dev-1', testSignalDue);
    expect(decisions).toEqual([
      expect.objectContaining({ kind: 'raise', alert: expect.objectContaining({ type: 'test_signal_missed', priority: 3, deviceId: 'dev-1', context }), entry: expect.objectContaining({ actor: 'system:rules' }) }),
      expect.objectContaining({ kind: 'createTask', task: expect.objectContaining({ kind: 'maintenance', reason: 'test_signal_missed', deviceId: 'dev-1' }) }),
      expect.objectContaining({ kind: 'arm', deadline: expect.objectContaining({ key: 'test_signal_due:dev-1', dueAt: T0 + 2 * INTERVAL }) }),
    ]);
  });

  it('when the signal stays missing for three intervals, then the one alert counts three and there is one visit', () => {
    const s = ruleScenario(elderState());
    s.step('dev-1', (state) => testSignalReceived(state, T0));
    for (let i = 0; i < 3; i++) s.fire('test_signal_due:dev-1', testSignalDue);
    expect([...s.world.alerts.values()].map((a) => [a.count, a.lastSeenAt])).toEqual([[3, T0 + 3 * INTERVAL]]);
    expect(s.world.tasks).toHaveLength(1);
    expect(s.world.armed.get('test_signal_due:dev-1')?.dueAt).toBe(T0 + 4 * INTERVAL);
  });

  it('when a test signal arrives after a miss, then the alert clears and the clock restarts from it', () => {
    const s = ruleScenario(elderState());
    s.step('dev-1', (state) => testSignalReceived(state, T0));
    s.fire('test_signal_due:dev-1', testSignalDue);
    const back = s.step('dev-1', (state) => testSignalReceived(state, T0 + INTERVAL + 2 * HOUR));
    expect(back).toContainEqual(expect.objectContaining({ kind: 'update', entry: expect.objectContaining({ action: 'cleared', note: 'test signal received' }) }));
    expect(s.world.state.openAlerts).toEqual([]);
    expect(s.world.armed.get('test_signal_due:dev-1')?.dueAt).toBe(T0 + 2 * INTERVAL + 2 * HOUR);
  });
});
