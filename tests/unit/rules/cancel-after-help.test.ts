import { describe, expect, it } from 'vitest';
import type { Alert } from '../../../gateway/src/core/alerts/alert.js';
import { accept, acknowledge, arrive, dispatch, hold } from '../../../gateway/src/core/alerts/alert-lifecycle.js';
import type { Decision } from '../../../gateway/src/core/decisions.js';
import type { ElderState } from '../../../gateway/src/core/elder-state.js';
import { cancelPressed } from '../../../gateway/src/core/rules/alarms/cancel-pressed.rule.js';
import { sosPressed } from '../../../gateway/src/core/rules/alarms/sos-pressed.rule.js';
import { applyDecisions, asDevice, deviceFacts, elderState, T0, type Applied } from '../../support/elder-state.js';

// A device's cancel never undoes what a person did, and one device's cancel never withdraws another device's press;
// a new press on a held alert puts it back in the queue at once. Time is a parameter: no fake timers.

const SOS = { type: 'sos' } as const;
const CANCEL = { type: 'cancel' } as const;
const SECOND = 1000;
const MINUTE = 60 * SECOND;
const DESK = 'user:op';
const WANG = { id: 'resp-wang', displayName: '王芳' };

type Step = (alert: Alert, state: ElderState, now: number) => Decision[];

/** btn-1 pressed at T0; a second call button and a watch belong to the same elder. */
function pressed(): Applied {
  const state = elderState({ deviceId: 'btn-1', otherDevices: [deviceFacts('btn-2', 'call_button'), deviceFacts('watch-1', 'wearable')] });
  return applyDecisions(state, sosPressed(SOS, state, T0));
}

/** One step of a person (or a device) applied to the open sos alert. */
function then(world: Applied, at: number, step: Step): Applied {
  const alert = world.state.openAlerts[0]!;
  return applyDecisions(world.state, step(alert, world.state, at), world);
}

const ok = (result: ReturnType<typeof dispatch>): Decision[] => {
  if (!result.ok) throw new Error(`refused: ${result.code}`);
  return result.decisions;
};

const desk = {
  dispatch: ((a, s, now) => ok(dispatch(a, s, WANG, DESK, now))) as Step,
  accept: ((a, s, now) => ok(accept(a, s, WANG.id, now))) as Step,
  arrive: ((a, s, now) => ok(arrive(a, s, WANG.id, now))) as Step,
  acknowledge: ((a, _s, now) => ok(acknowledge(a, DESK, now, null))) as Step,
  hold: ((a, _s, now) => ok(hold(a, DESK, now, '家属正在赶来', 30))) as Step,
};
const press = (deviceId: string): Step => (_a, s, now) => sosPressed(SOS, asDevice(s, deviceId), now);
const cancel = (deviceId: string): Step => (_a, s, now) => cancelPressed(CANCEL, asDevice(s, deviceId), now);
const alertOf = (world: Applied): Alert => world.state.openAlerts[0] ?? [...world.alerts.values()][0]!;

describe('a cancel after help is on its way', () => {
  // [situation, steps the desk and responder took]
  it.each<[string, Step[]]>([
    ['dispatched', [desk.dispatch]],
    ['accepted', [desk.dispatch, desk.accept]],
    ['reached on site', [desk.dispatch, desk.accept, desk.arrive]],
  ])('when the alert was %s and the elder cancels within the window, then it stays open and the cancel is recorded for desk and responder', (_situation, steps) => {
    const worked = steps.reduce((w, step, i) => then(w, T0 + (i + 1) * 10 * SECOND, step), pressed());
    const before = alertOf(worked);
    const now = T0 + MINUTE;
    const decisions = cancelPressed(CANCEL, asDevice(worked.state, 'btn-1'), now);
    expect(decisions).toEqual<Decision[]>([
      {
        kind: 'update',
        alert: { ...before, raisedBy: [], cancelRequestedAt: now, lastSeenAt: now },
        previousStatus: before.status,
        entry: { alertId: before.id, at: now, action: 'cancel_requested', actor: 'device:btn-1', note: 'help is under way' },
      },
    ]);
    // Nothing of the responder's work is undone: the only decision is the recorded cancel, the visit task untouched.
    const after = applyDecisions(worked.state, decisions, worked);
    expect(after.state.openAlerts.map((a) => [a.status, a.assigneeId, a.acceptedAt, a.arrivedAt])).toEqual([[before.status, WANG.id, before.acceptedAt, before.arrivedAt]]);
  });

  it('when the desk only acknowledged, then the elder’s cancel still cancels it: nobody was sent yet', () => {
    const acked = then(pressed(), T0 + 10 * SECOND, desk.acknowledge);
    expect(cancelPressed(CANCEL, acked.state, T0 + 20 * SECOND)).toEqual([
      expect.objectContaining({ previousStatus: 'acknowledged', alert: expect.objectContaining({ status: 'cancelled' }) }),
    ]);
  });

  it('when help is under way and the cancel comes after the window, then it is ignored as before', () => {
    const sent = then(pressed(), T0 + 10 * SECOND, desk.dispatch);
    expect(cancelPressed(CANCEL, sent.state, T0 + 3 * MINUTE)).toEqual([{ kind: 'ignore', reason: 'cancel_window_passed' }]);
  });

  it('when the elder presses again after a recorded cancel, then the cancel mark is taken back', () => {
    const sent = then(pressed(), T0 + 10 * SECOND, desk.dispatch);
    const cancelled = then(sent, T0 + 20 * SECOND, cancel('btn-1'));
    expect(alertOf(cancelled).cancelRequestedAt).toBe(T0 + 20 * SECOND);
    const again = then(cancelled, T0 + 30 * SECOND, press('btn-1'));
    expect(alertOf(again)).toMatchObject({ status: 'dispatched', cancelRequestedAt: null, count: 2, raisedBy: ['btn-1'] });
  });
});

describe('one device’s cancel and another device’s press', () => {
  it('when two buttons pressed and the first one cancels, then the alert stays raised and the cancel is recorded', () => {
    const both = then(pressed(), T0 + 5 * SECOND, press('btn-2'));
    expect(alertOf(both)).toMatchObject({ count: 2, raisedBy: ['btn-1', 'btn-2'] });
    const decisions = cancelPressed(CANCEL, asDevice(both.state, 'btn-1'), T0 + 10 * SECOND);
    expect(decisions).toEqual([
      expect.objectContaining({
        previousStatus: 'raised',
        alert: expect.objectContaining({ status: 'raised', raisedBy: ['btn-2'], cancelRequestedAt: T0 + 10 * SECOND }),
        entry: expect.objectContaining({ action: 'cancel_requested', actor: 'device:btn-1', note: 'still pressed on btn-2' }),
      }),
    ]);
  });

  it('when the second button cancels too, then the alert is cancelled: every press on it was withdrawn', () => {
    const both = then(pressed(), T0 + 5 * SECOND, press('btn-2'));
    const first = then(both, T0 + 10 * SECOND, cancel('btn-1'));
    expect(cancelPressed(CANCEL, asDevice(first.state, 'btn-2'), T0 + 15 * SECOND)).toEqual([
      expect.objectContaining({ alert: expect.objectContaining({ status: 'cancelled', cancelledAt: T0 + 15 * SECOND }), entry: expect.objectContaining({ action: 'cancelled', actor: 'device:btn-2' }) }),
    ]);
  });

  it('when the first button cancels twice, then the second cancel is ignored: its press was already withdrawn', () => {
    const both = then(pressed(), T0 + 5 * SECOND, press('btn-2'));
    const first = then(both, T0 + 10 * SECOND, cancel('btn-1'));
    expect(cancelPressed(CANCEL, asDevice(first.state, 'btn-1'), T0 + 12 * SECOND)).toEqual([{ kind: 'ignore', reason: 'no_alert_to_cancel' }]);
  });

  it('when the second device pressed and cancels alone, then the first press stands', () => {
    const both = then(pressed(), T0 + 5 * SECOND, press('watch-1'));
    expect(cancelPressed(CANCEL, asDevice(both.state, 'watch-1'), T0 + 10 * SECOND)).toEqual([
      expect.objectContaining({ alert: expect.objectContaining({ status: 'raised', raisedBy: ['btn-1'] }), entry: expect.objectContaining({ action: 'cancel_requested' }) }),
    ]);
  });
});

describe('a new press on an alert on hold', () => {
  it('when the elder presses again while the alert is on hold, then it is back in the queue at once and the hold deadline is disarmed', () => {
    const held = then(pressed(), T0 + 10 * SECOND, desk.hold);
    const before = alertOf(held);
    expect(before).toMatchObject({ status: 'on_hold', heldFrom: 'acknowledged' });
    const now = T0 + 2 * MINUTE;
    const decisions = sosPressed(SOS, asDevice(held.state, 'btn-1'), now);
    expect(decisions).toEqual<Decision[]>([
      {
        kind: 'update',
        alert: { ...before, status: 'acknowledged', count: 2, lastSeenAt: now, holdUntil: null, holdReason: null, heldFrom: null },
        previousStatus: 'on_hold',
        entry: { alertId: before.id, at: now, action: 'hold_ended', actor: 'device:btn-1', note: 'pressed again' },
      },
      { kind: 'disarm', key: `hold_expiry:${before.id}` },
    ]);
    const after = applyDecisions(held.state, decisions, held);
    expect([...after.armed.keys()].filter((k) => k.startsWith('hold_expiry'))).toEqual([]);
  });

  it('when another device of the elder presses while the alert is on hold, then it is back in the queue too', () => {
    const held = then(pressed(), T0 + 10 * SECOND, desk.hold);
    expect(sosPressed(SOS, asDevice(held.state, 'watch-1'), T0 + MINUTE)[0]).toMatchObject({
      alert: { status: 'acknowledged', raisedBy: ['btn-1', 'watch-1'] },
      entry: { action: 'hold_ended', actor: 'device:watch-1' },
    });
  });
});
