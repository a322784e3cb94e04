import { describe, expect, it } from 'vitest';
import { ALERT_STATUSES, type AlertStatus } from '../../../schemas/index.js';
import type { Alert } from '../../../gateway/src/core/alerts/alert.js';
import { accept, acknowledge, arrive, decline, dispatch, hold, markFalseAlarm, resolve, resolveAsResponder, type LifecycleResult } from '../../../gateway/src/core/alerts/alert-lifecycle.js';
import type { Decision } from '../../../gateway/src/core/decisions.js';
import { T0 } from '../../support/elder-state.js';
import { careAlert, careState, DESK, MINUTE, WANG } from './care-world.js';

// Every (status, action) pair: which the loop allows and where each allowed one leads. An alert in each status is
// shaped as the loop leaves it (a dispatched one has an assignee, an on-site one an arrival), so a refusal below is
// the status speaking, not a missing field.

const NOW = T0 + 5 * MINUTE;
const HOLD_MINUTES = 30;
const state = careState();

function alertIn(status: AlertStatus): Alert {
  const worked = status !== 'raised';
  return careAlert({
    status,
    acknowledgedAt: worked ? T0 + MINUTE : null,
    acknowledgedBy: worked ? DESK : null,
    ...(status === 'dispatched' || status === 'on_site' ? { assigneeId: WANG.id, assignedAt: T0 + 2 * MINUTE } : {}),
    ...(status === 'on_site' ? { acceptedAt: T0 + 3 * MINUTE, arrivedAt: T0 + 4 * MINUTE } : {}),
    ...(status === 'on_hold' ? { heldFrom: 'acknowledged', holdUntil: T0 + HOLD_MINUTES * MINUTE, holdReason: '家属正在赶来' } : {}),
  });
}
const ACTIONS: Record<string, { to: AlertStatus; run: (alert: Alert) => LifecycleResult }> = {
  acknowledge: { to: 'acknowledged', run: (a) => acknowledge(a, DESK, NOW, null) },
  dispatch: { to: 'dispatched', run: (a) => dispatch(a, state, WANG, DESK, NOW) },
  accept: { to: 'dispatched', run: (a) => accept(a, state, WANG.id, NOW) },
  // Nobody else to send: the alert goes back to the desk.
  decline: { to: 'acknowledged', run: (a) => decline(a, state, WANG.id, NOW, null) },
  arrive: { to: 'on_site', run: (a) => arrive(a, state, WANG.id, NOW) },
  resolve: { to: 'resolved', run: (a) => resolve(a, state, DESK, NOW, 'handled_by_phone', null) },
  'mark a false alarm': { to: 'false_alarm', run: (a) => markFalseAlarm(a, state, DESK, NOW, '误按') },
  hold: { to: 'on_hold', run: (a) => hold(a, DESK, NOW, '家属正在赶来', 10) },
};
type Action = keyof typeof ACTIONS;

/** What each status allows; everything else is refused with ALERT_TRANSITION_INVALID. */
const ALLOWED: Record<AlertStatus, Action[]> = {
  raised: ['acknowledge', 'dispatch', 'resolve', 'mark a false alarm', 'hold'],
  acknowledged: ['dispatch', 'resolve', 'mark a false alarm', 'hold'],
  dispatched: ['dispatch', 'accept', 'decline', 'arrive', 'resolve', 'mark a false alarm'],
  on_site: ['resolve', 'mark a false alarm'],
  on_hold: ['resolve', 'mark a false alarm'],
  resolved: [],
  false_alarm: [],
  cancelled: [],
  cleared: [],
};

const PAIRS = ALERT_STATUSES.flatMap((status) =>
  Object.keys(ACTIONS).map((action): [AlertStatus, Action, 'allowed' | 'refused'] => [status, action, ALLOWED[status].includes(action) ? 'allowed' : 'refused']),
);

const firstUpdate = (decisions: Decision[]) => decisions.find((d): d is Extract<Decision, { kind: 'update' }> => d.kind === 'update');

describe('alert transitions', () => {
  it.each(PAIRS)('when an alert in status %s gets "%s", then it is %s', (status, action, outcome) => {
    const result = ACTIONS[action]!.run(alertIn(status));
    if (outcome === 'refused') {
      expect(result).toEqual({ ok: false, code: 'ALERT_TRANSITION_INVALID', from: status });
      return;
    }
    expect(result.ok).toBe(true);
    const update = result.ok ? firstUpdate(result.decisions) : undefined;
    expect(update).toMatchObject({ previousStatus: status, alert: { status: ACTIONS[action]!.to } });
  });

  it.each(['accept', 'decline', 'arrive'] as const)('when somebody other than the assignee tries to %s, then it is refused as not theirs', (action) => {
    const alert = alertIn('dispatched');
    const result = {
      accept: () => accept(alert, state, 'resp-other', NOW),
      decline: () => decline(alert, state, 'resp-other', NOW, null),
      arrive: () => arrive(alert, state, 'resp-other', NOW),
    }[action]();
    expect(result).toEqual({ ok: false, code: 'ALERT_NOT_ASSIGNED_TO_YOU', from: 'dispatched' });
  });

  it('when an accepted dispatch is accepted again, then it is refused', () => {
    expect(accept(careAlert({ ...alertIn('dispatched'), acceptedAt: T0 + 3 * MINUTE }), state, WANG.id, NOW)).toEqual({
      ok: false,
      code: 'ALERT_TRANSITION_INVALID',
      from: 'dispatched',
    });
  });

  it.each(['raised', 'acknowledged'] as const)(
    'when a test alarm in status %s is dispatched, then it is refused as a test alert, not for its status: test alarms never send a responder',
    (status) => {
      const result = dispatch({ ...alertIn(status), test: true, dedupKey: 'test:sos' }, state, WANG, DESK, NOW);
      expect(result).toEqual({ ok: false, code: 'ALERT_TEST_NOT_DISPATCHABLE', from: status });
    },
  );

  it('when a closed test alarm is dispatched, then its status is the reason given', () => {
    const result = dispatch({ ...alertIn('resolved'), test: true, dedupKey: 'test:sos' }, state, WANG, DESK, NOW);
    expect(result).toEqual({ ok: false, code: 'ALERT_TRANSITION_INVALID', from: 'resolved' });
  });

  it('when the responder resolves an alert they were only offered, then it is refused as not accepted and nothing is written', () => {
    expect(resolveAsResponder(alertIn('dispatched'), state, WANG.id, NOW, 'handled_on_site', null)).toEqual({ ok: false, code: 'ALERT_NOT_ACCEPTED', from: 'dispatched' });
  });

  it('when a responder resolves an alert dispatched to somebody else, then it is refused as not theirs', () => {
    const accepted = { ...alertIn('dispatched'), acceptedAt: T0 + 3 * MINUTE };
    expect(resolveAsResponder(accepted, state, 'resp-other', NOW, 'handled_on_site', null)).toEqual({ ok: false, code: 'ALERT_NOT_ASSIGNED_TO_YOU', from: 'dispatched' });
  });

  // [situation, alert]
  it.each<[string, () => Alert]>([
    ['accepted and on the way', () => ({ ...alertIn('dispatched'), acceptedAt: T0 + 3 * MINUTE })],
    ['on site', () => alertIn('on_site')],
  ])('when the responder resolves an alert they %s, then it is resolved by them', (_situation, alert) => {
    const result = resolveAsResponder(alert(), state, WANG.id, NOW, 'handled_on_site', null, 'user:wang');
    expect(result.ok ? firstUpdate(result.decisions) : result).toMatchObject({ alert: { status: 'resolved', resolvedBy: 'user:wang' } });
  });

  it('when a raised alert is acknowledged with a note, then it records who and when and stops the escalation', () => {
    const result = acknowledge(careAlert(), DESK, NOW, '已电话联系');
    expect(result).toEqual({
      ok: true,
      decisions: [
        {
          kind: 'update',
          previousStatus: 'raised',
          alert: careAlert({ status: 'acknowledged', acknowledgedAt: NOW, acknowledgedBy: DESK }),
          entry: { alertId: 'alert-1', at: NOW, action: 'acknowledged', actor: DESK, note: '已电话联系' },
        },
        { kind: 'disarm', key: 'alert_escalation:alert-1' },
      ],
    });
  });

  it.each([
    ['resolve', (a: Alert) => resolve(a, state, DESK, NOW, 'handled_by_phone', null)],
    ['mark a false alarm', (a: Alert) => markFalseAlarm(a, state, DESK, NOW, '误按')],
    ['hold', (a: Alert) => hold(a, DESK, NOW, '家属正在赶来', 10)],
    ['dispatch', (a: Alert) => dispatch(a, state, WANG, DESK, NOW)],
  ] as const)('when the desk does "%s" to an alert nobody acknowledged, then that counts as its acknowledgement', (_action, run) => {
    const result = run(careAlert());
    expect(result.ok && firstUpdate(result.decisions)?.alert).toMatchObject({ acknowledgedAt: NOW, acknowledgedBy: DESK });
  });

  it('when an acknowledged alert is resolved, then it keeps the first acknowledgement', () => {
    const result = resolve(alertIn('acknowledged'), state, 'user:other', NOW, 'family_took_over', '女儿已接回家');
    expect(result.ok && firstUpdate(result.decisions)?.alert).toMatchObject({
      status: 'resolved',
      acknowledgedAt: T0 + MINUTE,
      acknowledgedBy: DESK,
      resolvedAt: NOW,
      resolvedBy: 'user:other',
      resolutionReason: 'family_took_over',
      resolutionNote: '女儿已接回家',
    });
  });

  it('when an alert on hold is resolved, then the hold fields are cleared with it', () => {
    const result = resolve(alertIn('on_hold'), state, DESK, NOW, 'family_took_over', null);
    expect(result.ok && firstUpdate(result.decisions)?.alert).toMatchObject({ status: 'resolved', holdUntil: null, holdReason: null, heldFrom: null });
  });
});
