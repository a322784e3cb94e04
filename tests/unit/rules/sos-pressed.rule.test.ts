import { describe, expect, it } from 'vitest';
import { sosPressed } from '../../../gateway/src/core/rules/alarms/sos-pressed.rule.js';
import { applyDecisions, asDevice, deviceFacts, elderState, T0, type Applied } from '../../support/elder-state.js';

// Time is a parameter: every case names its own "now"; no fake timers.

const SOS = { type: 'sos' } as const;

function pressTimes(times: number[], start = applyDecisions(elderState(), [])): Applied {
  return times.reduce((world, at) => applyDecisions(world.state, sosPressed(SOS, world.state, at), world), start);
}

describe('sos pressed', () => {
  it('when no sos alert is open, then a P1 sos alert is raised by the device at now', () => {
    const decisions = sosPressed(SOS, elderState({ deviceId: 'btn-1' }), T0);
    expect(decisions).toEqual([
      {
        kind: 'raise',
        alert: expect.objectContaining({ id: 'id-1', type: 'sos', priority: 1, status: 'raised', test: false, elderId: 'elder-1', deviceId: 'btn-1', dedupKey: 'sos', raisedAt: T0, lastSeenAt: T0, count: 1 }),
        entry: { alertId: 'id-1', at: T0, action: 'raised', actor: 'device:btn-1', note: null },
      },
    ]);
  });

  it('when a panicking elder presses ten times, then there is one alert counted ten times', () => {
    const presses = Array.from({ length: 10 }, (_, i) => T0 + i * 1_000);
    const world = pressTimes(presses);
    expect([...world.alerts.values()]).toEqual([expect.objectContaining({ type: 'sos', count: 10, raisedAt: T0, lastSeenAt: T0 + 9_000 })]);
  });

  it('when the open alert is already acknowledged, then a press repeats it and keeps it acknowledged', () => {
    const raised = pressTimes([T0]);
    const alert = [...raised.alerts.values()][0]!;
    const acknowledged = applyDecisions(raised.state, [
      { kind: 'update', alert: { ...alert, status: 'acknowledged', acknowledgedAt: T0 + 1_000, acknowledgedBy: 'user:op' }, previousStatus: 'raised', entry: { alertId: alert.id, at: T0 + 1_000, action: 'acknowledged', actor: 'user:op', note: null } },
    ]);
    const decisions = sosPressed(SOS, acknowledged.state, T0 + 5_000);
    expect(decisions).toEqual([
      expect.objectContaining({ kind: 'update', previousStatus: 'acknowledged', alert: expect.objectContaining({ status: 'acknowledged', count: 2, lastSeenAt: T0 + 5_000 }), entry: expect.objectContaining({ action: 'repeated' }) }),
    ]);
  });

  it('when the call button and the wearable both send sos, then they merge into one alert', () => {
    const state = elderState({ deviceId: 'btn-1', otherDevices: [deviceFacts('watch-1', 'wearable')] });
    const first = applyDecisions(state, sosPressed(SOS, state, T0));
    const fromWatch = asDevice(first.state, 'watch-1');
    const second = applyDecisions(fromWatch, sosPressed(SOS, fromWatch, T0 + 2_000), first);
    expect([...second.alerts.values()]).toEqual([expect.objectContaining({ deviceId: 'btn-1', count: 2 })]);
  });

  it('when a device in test mode presses, then the alert is marked test and does not merge with a real one', () => {
    const state = elderState({ deviceId: 'btn-1', otherDevices: [deviceFacts('btn-test', 'call_button', null, true)] });
    const real = applyDecisions(state, sosPressed(SOS, state, T0));
    const fromTest = asDevice(real.state, 'btn-test');
    const decisions = sosPressed(SOS, fromTest, T0 + 1_000);
    expect(decisions).toEqual([expect.objectContaining({ kind: 'raise', alert: expect.objectContaining({ test: true, dedupKey: 'test:sos', deviceId: 'btn-test', count: 1 }) })]);
    const both = applyDecisions(fromTest, decisions, real);
    expect([...both.alerts.values()].map((a) => [a.dedupKey, a.test, a.count])).toEqual([
      ['sos', false, 1],
      ['test:sos', true, 1],
    ]);
  });
});
