import { describe, expect, it } from 'vitest';
import type { Alert } from '../../gateway/src/core/alert.js';
import { cancelPressed } from '../../gateway/src/core/rules/cancel-pressed.rule.js';
import { sosPressed } from '../../gateway/src/core/rules/sos-pressed.rule.js';

// Time is a parameter: every case names its own "now"; no fake timers.

const T0 = Date.UTC(2026, 10, 23, 2, 0, 0);
const WINDOW = 120_000;

function raisedAt(at: number, overrides: Partial<Alert> = {}): Alert {
  const decision = sosPressed({ deviceId: 'btn-1', elderId: 'elder-1', newAlertId: 'a-1' }, { openAlert: null }, at);
  if (decision.kind !== 'raise') throw new Error('expected a raise');
  return { ...decision.alert, ...overrides };
}

describe('sos pressed', () => {
  it('when no alert is open for the elder, then a P1 sos alert is raised at now', () => {
    const decision = sosPressed({ deviceId: 'btn-1', elderId: 'elder-1', newAlertId: 'a-1' }, { openAlert: null }, T0);
    expect(decision).toMatchObject({
      kind: 'raise',
      alert: { id: 'a-1', type: 'sos', priority: 1, status: 'raised', elderId: 'elder-1', deviceId: 'btn-1', raisedAt: T0, count: 1 },
      entry: { alertId: 'a-1', action: 'raised', actor: 'device:btn-1', at: T0 },
    });
  });

  it('when an sos alert is already open, then the press counts as a repeat of it, not a second alert', () => {
    const open = raisedAt(T0);
    const decision = sosPressed({ deviceId: 'btn-1', elderId: 'elder-1', newAlertId: 'a-2' }, { openAlert: open }, T0 + 5_000);
    expect(decision).toMatchObject({ kind: 'update', alert: { id: 'a-1', count: 2, lastSeenAt: T0 + 5_000, raisedAt: T0 }, entry: { action: 'repeated' } });
  });

  it('when the open alert is already acknowledged, then a repeat keeps it acknowledged', () => {
    const open = raisedAt(T0, { status: 'acknowledged', acknowledgedAt: T0 + 1, acknowledgedBy: 'user:op' });
    const decision = sosPressed({ deviceId: 'btn-1', elderId: 'elder-1', newAlertId: 'a-2' }, { openAlert: open }, T0 + 9_000);
    expect(decision).toMatchObject({ kind: 'update', alert: { status: 'acknowledged', count: 2 } });
  });
});

describe('cancel pressed', () => {
  const cases: Array<{ name: string; open: Alert | null; now: number; device?: string; expected: string }> = [
    { name: 'when the elder cancels within the window, then the alert is cancelled', open: raisedAt(T0), now: T0 + 30_000, expected: 'cancelled' },
    { name: 'when the elder cancels exactly at the window edge, then the alert is cancelled', open: raisedAt(T0), now: T0 + WINDOW, expected: 'cancelled' },
    { name: 'when the cancel comes after the window, then it is ignored', open: raisedAt(T0), now: T0 + WINDOW + 1, expected: 'cancel_window_passed' },
    { name: 'when no alert is open, then the cancel is ignored', open: null, now: T0, expected: 'no_alert_to_cancel' },
    { name: 'when another device cancels, then it is ignored', open: raisedAt(T0), now: T0 + 1_000, device: 'btn-2', expected: 'no_alert_to_cancel' },
    {
      name: 'when the desk already acknowledged, then a cancel within the window still marks it cancelled',
      open: raisedAt(T0, { status: 'acknowledged', acknowledgedAt: T0 + 10, acknowledgedBy: 'user:op' }),
      now: T0 + 20_000,
      expected: 'cancelled',
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const decision = cancelPressed({ deviceId: c.device ?? 'btn-1', cancelWindowMs: WINDOW }, { openAlert: c.open }, c.now);
      if (c.expected === 'cancelled') {
        expect(decision).toMatchObject({ kind: 'update', alert: { status: 'cancelled', cancelledAt: c.now }, entry: { action: 'cancelled', actor: 'device:btn-1' } });
      } else {
        expect(decision).toEqual({ kind: 'ignore', reason: c.expected });
      }
    });
  }
});
