import { describe, expect, it } from 'vitest';
import type { Priority } from '../../../schemas/index.js';
import { SYSTEM_ACTOR, type Alert } from '../../../gateway/src/core/alerts/alert.js';
import { acknowledge, escalationDue, hold, holdDue, resolve } from '../../../gateway/src/core/alerts/alert-lifecycle.js';
import { evaluateDeadline } from '../../../gateway/src/core/evaluate.js';
import { T0, TEST_SETTINGS } from '../../support/elder-state.js';
import { act, actionsOf, alertDeadline, alertOf, armedAt, careAlert, careState, carry, DESK, fire, key, MINUTE, SECOND, world, type World } from './care-world.js';

// Nothing missed: an alert nobody acknowledges is chased at each of the policy's times after it was raised (P1 60 s
// re-alerts the desk, 180 s calls the supervisors; P2 300 s and 900 s; P3 one reminder after an hour). Holding an
// alert parks it with a reason until a time, and it comes back to the queue by itself.

const POLICY = TEST_SETTINGS.escalation;

const ALERT_OF_PRIORITY: Record<Priority, Partial<Alert>> = {
  1: {},
  2: { type: 'inactivity', priority: 2, dedupKey: 'inactivity' },
  3: { type: 'device_offline', priority: 3, dedupKey: 'device_offline:btn-1' },
};

function raised(overrides: Partial<Alert> = {}): World {
  const alert = careAlert(overrides);
  return carry(world(careState()), [{ kind: 'raise', alert, entry: { alertId: alert.id, at: T0, action: 'raised', actor: 'device:btn-1', note: null } }], T0);
}

describe('escalation', () => {
  it('when nobody acknowledges an SOS, then the desk is re-alerted at 60 s and the supervisors called at 180 s', () => {
    let w = raised();
    expect(armedAt(w)).toEqual(['alert_escalation:alert-1 @ +60s']);

    w = fire(w, key('alert_escalation'), T0 + 60 * SECOND);
    expect(alertOf(w)).toMatchObject({ status: 'raised', escalationLevel: 1 });
    expect(w.timeline.at(-1)).toEqual({ alertId: 'alert-1', at: T0 + 60 * SECOND, action: 'escalated', actor: SYSTEM_ACTOR, note: 'not acknowledged within 60 s' });
    expect(w.notified.at(-1)).toEqual({ topic: 'alarm_escalated', audience: 'desk', level: 1, elderId: 'elder-1', alertId: 'alert-1', alertType: 'sos', priority: 1 });
    expect(armedAt(w)).toEqual(['alert_escalation:alert-1 @ +180s']);
    expect(w.armed.get(key('alert_escalation'))).toEqual(alertDeadline('alert_escalation', T0 + 180 * SECOND, { level: 2 }));

    w = fire(w, key('alert_escalation'), T0 + 180 * SECOND);
    expect(alertOf(w)).toMatchObject({ status: 'raised', escalationLevel: 2 });
    expect(w.timeline.at(-1)?.note).toBe('not acknowledged within 180 s');
    expect(w.notified.at(-1)).toMatchObject({ topic: 'alarm_escalated', audience: 'supervisors', level: 2 });
    expect(armedAt(w)).toEqual([]);
  });

  // [priority, seconds of each level]
  it.each<[Priority, number[]]>([
    [1, [60, 180]],
    [2, [300, 900]],
    [3, [3600]],
  ])('when a P%s alert is never acknowledged, then it escalates at %j seconds and then stops', (priority, seconds) => {
    let w = raised(ALERT_OF_PRIORITY[priority]);
    const fired: string[] = [];
    while (w.armed.has(key('alert_escalation'))) {
      const due = w.armed.get(key('alert_escalation'))!.dueAt;
      w = fire(w, key('alert_escalation'), due);
      fired.push(`${(due - T0) / SECOND}s → ${w.notified.at(-1)?.audience}`);
    }
    expect(fired).toEqual(seconds.map((s, i) => `${s}s → ${i === 0 ? 'desk' : 'supervisors'}`));
    expect(alertOf(w).escalationLevel).toBe(seconds.length);
  });

  it('when the desk acknowledges within 60 s, then the escalation is disarmed and never fires', () => {
    let w = raised();
    w = act(w, T0 + 20 * SECOND, (a) => acknowledge(a, DESK, T0 + 20 * SECOND, null));
    expect(armedAt(w)).toEqual([]);
    expect(actionsOf(w)).toEqual(['raised by device:btn-1', 'acknowledged by user:desk']);
  });

  it('when an escalation fires just after the desk acknowledged, then it is ignored', () => {
    const acked = careAlert({ status: 'acknowledged', acknowledgedAt: T0 + 59 * SECOND, acknowledgedBy: DESK });
    expect(escalationDue(alertDeadline('alert_escalation', T0 + 60 * SECOND, { level: 1 }), acked, T0 + 60 * SECOND, POLICY)).toEqual([{ kind: 'ignore', reason: 'already_acknowledged' }]);
  });

  it('when a test alarm is raised, then nothing is armed and nobody is told', () => {
    const w = raised({ test: true, dedupKey: 'test:sos' });
    expect(armedAt(w)).toEqual([]);
    expect(w.notified).toEqual([]);
  });

  it('when the scheduler fires level 1 late, then level 2 still counts from the raise, not from level 1', () => {
    const result = escalationDue(alertDeadline('alert_escalation', T0 + 60 * SECOND, { level: 1 }), careAlert(), T0 + 170 * SECOND, POLICY);
    expect(result).toContainEqual({ kind: 'arm', deadline: alertDeadline('alert_escalation', T0 + 180 * SECOND, { level: 2 }) });
  });

  it('when the escalation of an alert resolved meanwhile fires, then it is ignored as closed', () => {
    const alert = careAlert({ status: 'resolved' });
    expect(evaluateDeadline(alertDeadline('alert_escalation', T0 + 60 * SECOND, { level: 1 }), careState({ alerts: [alert] }), T0 + 60 * SECOND)).toEqual([
      { kind: 'ignore', reason: 'alert_closed' },
    ]);
    expect(evaluateDeadline(alertDeadline('hold_expiry', T0 + 60 * SECOND), careState(), T0 + 60 * SECOND)).toEqual([{ kind: 'ignore', reason: 'alert_closed' }]);
  });
});

describe('hold', () => {
  it('when the desk holds a raised alert for 10 min, then it is acknowledged, the escalation stops and the hold ends by itself', () => {
    let w = raised();
    const at = T0 + 30 * SECOND;
    w = act(w, at, (a) => hold(a, DESK, at, '家属正在赶来', 10));
    expect(alertOf(w)).toMatchObject({ status: 'on_hold', acknowledgedAt: at, acknowledgedBy: DESK, heldFrom: 'acknowledged', holdUntil: at + 10 * MINUTE, holdReason: '家属正在赶来' });
    expect(w.timeline.at(-1)).toEqual({ alertId: 'alert-1', at, action: 'held', actor: DESK, note: '家属正在赶来' });
    expect(armedAt(w)).toEqual(['hold_expiry:alert-1 @ +630s']);

    w = fire(w, key('hold_expiry'), at + 10 * MINUTE);
    expect(alertOf(w)).toMatchObject({ status: 'acknowledged', holdUntil: null, holdReason: null, heldFrom: null, acknowledgedBy: DESK });
    expect(w.timeline.at(-1)).toEqual({ alertId: 'alert-1', at: at + 10 * MINUTE, action: 'hold_ended', actor: SYSTEM_ACTOR, note: '家属正在赶来' });
    expect(armedAt(w)).toEqual([]);
  });

  it('when an alert on hold is resolved, then its hold deadline is disarmed', () => {
    let w = raised();
    w = act(w, T0 + 30 * SECOND, (a) => hold(a, DESK, T0 + 30 * SECOND, '电话回访中', 15));
    w = act(w, T0 + 5 * MINUTE, (a, s) => resolve(a, s, DESK, T0 + 5 * MINUTE, 'handled_by_phone', '老人无恙'));
    expect(armedAt(w)).toEqual([]);
  });

  it('when a hold expiry fires for an alert no longer on hold, then it is ignored', () => {
    expect(holdDue(alertDeadline('hold_expiry', T0 + 10 * MINUTE), careAlert({ status: 'acknowledged' }), T0 + 10 * MINUTE)).toEqual([{ kind: 'ignore', reason: 'not_on_hold' }]);
  });
});
