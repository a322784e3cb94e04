import { describe, expect, it } from 'vitest';
import type { Decision } from '../../../gateway/src/core/decisions.js';
import type { ElderState } from '../../../gateway/src/core/elder-state.js';
import { cancelPressed } from '../../../gateway/src/core/rules/alarms/cancel-pressed.rule.js';
import { sosPressed } from '../../../gateway/src/core/rules/alarms/sos-pressed.rule.js';
import { applyDecisions, asDevice, deviceFacts, elderState, T0, TEST_SETTINGS } from '../../support/elder-state.js';

// Time is a parameter: every case names its own "now"; no fake timers.

const WINDOW = TEST_SETTINGS.cancelWindowMs;
const CANCEL = { type: 'cancel' } as const;

/** The elder's button btn-1 raised an sos at T0; a watch and a second button belong to the same elder. */
function sosRaisedAt(at: number, options: Parameters<typeof elderState>[0] = {}): ElderState {
  const state = elderState({ deviceId: 'btn-1', otherDevices: [deviceFacts('watch-1', 'wearable'), deviceFacts('btn-2', 'call_button')], ...options });
  return applyDecisions(state, sosPressed({ type: 'sos' }, state, at)).state;
}

function acknowledged(state: ElderState, at: number): ElderState {
  const alert = state.openAlerts[0]!;
  return applyDecisions(state, [
    { kind: 'update', alert: { ...alert, status: 'acknowledged', acknowledgedAt: at, acknowledgedBy: 'user:op' }, previousStatus: 'raised', entry: { alertId: alert.id, at, action: 'acknowledged', actor: 'user:op', note: null } },
  ]).state;
}

describe('cancel pressed', () => {
  it('when the elder cancels within the window, then the sos alert is cancelled by the device, previous status guarded', () => {
    const state = sosRaisedAt(T0);
    const now = T0 + 30_000;
    expect(cancelPressed(CANCEL, state, now)).toEqual<Decision[]>([
      {
        kind: 'update',
        alert: { ...state.openAlerts[0]!, status: 'cancelled', cancelledAt: now, lastSeenAt: now },
        previousStatus: 'raised',
        entry: { alertId: state.openAlerts[0]!.id, at: now, action: 'cancelled', actor: 'device:btn-1', note: null },
      },
    ]);
  });

  // [situation, outcome, now]
  it.each<[string, string, number]>([
    ['the cancel comes just after the press', 'cancelled', T0 + 1],
    ['the cancel comes exactly at the window edge', 'cancelled', T0 + WINDOW],
    ['the cancel comes 1 ms after the window', 'cancel_window_passed', T0 + WINDOW + 1],
    ['the cancel comes an hour later', 'cancel_window_passed', T0 + 3_600_000],
  ])('when %s, then the outcome is %s', (_situation, outcome, now) => {
    const decisions = cancelPressed(CANCEL, sosRaisedAt(T0), now);
    if (outcome === 'cancelled') expect(decisions).toEqual([expect.objectContaining({ kind: 'update', alert: expect.objectContaining({ status: 'cancelled', cancelledAt: now }) })]);
    else expect(decisions).toEqual([{ kind: 'ignore', reason: outcome }]);
  });

  // [situation, outcome, cancel window, now]
  it.each<[string, string, number, number]>([
    ['a shorter configured window (30 s) has passed', 'cancel_window_passed', 30_000, T0 + 30_001],
    ['a longer configured window (5 min) has not passed', 'cancelled', 300_000, T0 + 200_000],
  ])('when %s, then the outcome is %s', (_situation, outcome, cancelWindowMs, now) => {
    const decisions = cancelPressed(CANCEL, sosRaisedAt(T0, { settings: { cancelWindowMs } }), now);
    expect(decisions[0]).toEqual(outcome === 'cancelled' ? expect.objectContaining({ kind: 'update' }) : { kind: 'ignore', reason: outcome });
  });

  // [situation, state, cancelling device]
  it.each<[string, () => ElderState, string]>([
    ['no sos alert is open', () => elderState({ deviceId: 'btn-1' }), 'btn-1'],
    ['the wearable cancels the button’s alert', () => sosRaisedAt(T0), 'watch-1'],
    ['another call button cancels', () => sosRaisedAt(T0), 'btn-2'],
  ])('when %s, then the cancel is ignored as no_alert_to_cancel', (_situation, state, device) => {
    expect(cancelPressed(CANCEL, asDevice(state(), device), T0 + 1_000)).toEqual([{ kind: 'ignore', reason: 'no_alert_to_cancel' }]);
  });

  it('when the desk already acknowledged and the elder cancels within the window, then it is cancelled from acknowledged', () => {
    const state = acknowledged(sosRaisedAt(T0), T0 + 10_000);
    expect(cancelPressed(CANCEL, state, T0 + 20_000)).toEqual([
      expect.objectContaining({ kind: 'update', previousStatus: 'acknowledged', alert: expect.objectContaining({ status: 'cancelled' }) }),
    ]);
  });

  it('when the window is counted, then it runs from the first press, not from the latest repeat', () => {
    const first = applyDecisions(sosRaisedAt(T0), []);
    const repeated = applyDecisions(first.state, sosPressed({ type: 'sos' }, first.state, T0 + WINDOW), first);
    expect(cancelPressed(CANCEL, repeated.state, T0 + WINDOW + 10_000)).toEqual([{ kind: 'ignore', reason: 'cancel_window_passed' }]);
  });

  it('when a cancelled alert is followed by a second cancel and a new sos, then the cancel is ignored and a new alert opens', () => {
    const state = sosRaisedAt(T0);
    const cancelled = applyDecisions(state, cancelPressed(CANCEL, state, T0 + 5_000));
    expect(cancelled.state.openAlerts).toEqual([]);
    expect(cancelPressed(CANCEL, cancelled.state, T0 + 6_000)).toEqual([{ kind: 'ignore', reason: 'no_alert_to_cancel' }]);
    expect(sosPressed({ type: 'sos' }, cancelled.state, T0 + 7_000)).toEqual([expect.objectContaining({ kind: 'raise', alert: expect.objectContaining({ count: 1, raisedAt: T0 + 7_000 }) })]);
  });

  it('when a test-mode button cancels its own test sos, then the test alert is cancelled and a real one is untouched', () => {
    const state = sosRaisedAt(T0, { otherDevices: [deviceFacts('btn-test', 'call_button', null, true)] });
    const fromTest = asDevice(state, 'btn-test');
    const withTest = applyDecisions(fromTest, sosPressed({ type: 'sos' }, fromTest, T0 + 1_000)).state;
    const decisions = cancelPressed(CANCEL, withTest, T0 + 2_000);
    expect(decisions).toEqual([expect.objectContaining({ kind: 'update', alert: expect.objectContaining({ dedupKey: 'test:sos', status: 'cancelled' }) })]);
  });
});
