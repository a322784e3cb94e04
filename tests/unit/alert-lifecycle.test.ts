import { describe, expect, it } from 'vitest';
import type { AlertStatus } from '../../schemas/index.js';
import type { Alert } from '../../gateway/src/core/alert.js';
import { acknowledge, resolve } from '../../gateway/src/core/alert-lifecycle.js';

const T0 = Date.UTC(2026, 10, 23, 2, 0, 0);

const alertIn = (status: AlertStatus, overrides: Partial<Alert> = {}): Alert => ({
  id: 'a-1',
  type: 'sos',
  priority: 1,
  status,
  test: false,
  elderId: 'e-1',
  deviceId: 'btn-1',
  dedupKey: 'sos',
  context: {},
  raisedAt: T0,
  lastSeenAt: T0,
  count: 1,
  acknowledgedAt: null,
  acknowledgedBy: null,
  resolvedAt: null,
  clearedAt: null,
  resolvedBy: null,
  resolutionNote: null,
  cancelledAt: null,
  ...overrides,
});

describe('alert lifecycle', () => {
  it('when a raised alert is acknowledged, then it records who and when', () => {
    const result = acknowledge(alertIn('raised'), 'user:op', T0 + 42_000);
    expect(result).toMatchObject({
      ok: true,
      alert: { status: 'acknowledged', acknowledgedAt: T0 + 42_000, acknowledgedBy: 'user:op' },
      entry: { action: 'acknowledged', actor: 'user:op', at: T0 + 42_000 },
    });
  });

  it.each(['acknowledged', 'resolved', 'cancelled'] as const)('when a %s alert is acknowledged, then the transition is refused', (status) => {
    expect(acknowledge(alertIn(status), 'user:op', T0)).toEqual({ ok: false, code: 'ALERT_TRANSITION_INVALID', from: status, to: 'acknowledged' });
  });

  it('when an acknowledged alert is resolved with a note, then it keeps the acknowledgement and records the note', () => {
    const acked = alertIn('acknowledged', { acknowledgedAt: T0 + 10_000, acknowledgedBy: 'user:a' });
    const result = resolve(acked, 'user:b', T0 + 600_000, '已上门，老人安好');
    expect(result).toMatchObject({
      ok: true,
      alert: { status: 'resolved', acknowledgedBy: 'user:a', acknowledgedAt: T0 + 10_000, resolvedBy: 'user:b', resolvedAt: T0 + 600_000, resolutionNote: '已上门，老人安好' },
    });
  });

  it('when a raised alert is resolved directly, then the resolution also counts as its acknowledgement', () => {
    const result = resolve(alertIn('raised'), 'user:op', T0 + 5_000, null);
    expect(result).toMatchObject({ ok: true, alert: { acknowledgedAt: T0 + 5_000, acknowledgedBy: 'user:op' } });
  });

  it.each(['resolved', 'cancelled'] as const)('when a %s alert is resolved, then the transition is refused', (status) => {
    expect(resolve(alertIn(status), 'user:op', T0, null)).toMatchObject({ ok: false, from: status, to: 'resolved' });
  });
});
