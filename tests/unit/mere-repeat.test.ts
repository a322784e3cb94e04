import { describe, expect, it } from 'vitest';
import { alertDedupKey } from '../../gateway/src/core/alerts/alert-types.js';
import { isMereRepeat } from '../../gateway/src/core/alerts/mere-repeat.js';
import { sosPressed } from '../../gateway/src/core/rules/alarms/sos-pressed.rule.js';
import { elderState, T0 } from '../support/elder-state.js';
import { sampleAlert } from '../support/fixtures.js';

// Which over-rate presses the ingest may merge without a write (issue 17, item 10): only one that adds nothing but a
// count to an alert already open. A first press, or a press that changes what the desk sees, is committed.

const open = (overrides: Parameters<typeof sampleAlert>[1] = {}) => sampleAlert('a-1', { dedupKey: alertDedupKey('sos', 'dev-1', false), ...overrides });

function pressOn(alert: ReturnType<typeof sampleAlert> | null) {
  const state = { ...elderState(), openAlerts: alert ? [alert] : [] };
  return { state, decisions: sosPressed({ type: 'sos' }, state, T0 + 5000) };
}

describe('a mere repeat of an open alert', () => {
  it('when the button is pressed again on its raised alert, then the press only counts: it may be merged', () => {
    const { state, decisions } = pressOn(open());
    expect(isMereRepeat(decisions, state)).toBe(true);
  });

  it('when there is no open alert, then the press raises one: never merged', () => {
    const { state, decisions } = pressOn(null);
    expect(isMereRepeat(decisions, state)).toBe(false);
  });

  it('when the elder had asked to cancel, then a new press takes it back: news, never merged', () => {
    const { state, decisions } = pressOn(open({ cancelRequestedAt: T0 + 1000 }));
    expect(isMereRepeat(decisions, state)).toBe(false);
  });

  it('when the desk had put the alert on hold, then a new press ends the hold: news, never merged', () => {
    const { state, decisions } = pressOn(open({ status: 'on_hold', acknowledgedAt: T0, acknowledgedBy: 'user:op', holdUntil: T0 + 600_000, holdReason: '家属在场' }));
    expect(isMereRepeat(decisions, state)).toBe(false);
  });
});
