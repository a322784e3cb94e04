import { describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR, type Alert } from '../../../gateway/src/core/alerts/alert.js';
import { accept, arrivalDue, arrive, decline, dispatch, dispatchAcceptDue, resolve } from '../../../gateway/src/core/alerts/alert-lifecycle.js';
import type { Decision } from '../../../gateway/src/core/decisions.js';
import type { ResponderCandidate } from '../../../gateway/src/core/elder-state.js';
import type { ResolutionReason } from '../../../schemas/index.js';
import { T0 } from '../../support/elder-state.js';
import {
  act,
  actionsOf,
  alertDeadline,
  alertOf,
  armedAt,
  careAlert,
  careState,
  carry,
  CHEN,
  DESK,
  fire,
  HOUR,
  key,
  LI,
  MINUTE,
  SECOND,
  WANG,
  world,
  ZHAO,
  type World,
} from './care-world.js';

// The closed loop of one alarm (智能派单, 跟踪回访): raised, sent to a responder, accepted, on site, resolved, and the
// follow-up visit after it; with the side roads a responder takes (declining, letting the offer expire, arriving
// late). Times are offsets from T0, when the SOS was raised; the policy is P1: accept within 120 s, arrive within
// 30 min, follow-up 24 h after.

/** The SOS is raised at T0, as a rule would raise it; the gateway's follow-ups arm the first escalation. */
function raisedSos(responders: ResponderCandidate[] = [WANG, ZHAO], overrides: Partial<Alert> = {}): World {
  const alert = careAlert(overrides);
  return carry(world(careState({ responders })), [{ kind: 'raise', alert, entry: { alertId: alert.id, at: T0, action: 'raised', actor: 'device:btn-1', note: null } }], T0);
}

const dispatchedTo = (w: World, who: ResponderCandidate, at: number): World => act(w, at, (a, s) => dispatch(a, s, who, DESK, at));

describe('care loop', () => {
  it('when the desk dispatches a raised SOS, then the responder gets the offer, the visit task opens and the escalation stops', () => {
    const w = raisedSos();
    const at = T0 + 30 * SECOND;
    const result = dispatch(alertOf(w), w.state, WANG, DESK, at);
    expect(result).toEqual({
      ok: true,
      decisions: [
        {
          kind: 'update',
          previousStatus: 'raised',
          alert: careAlert({ status: 'dispatched', acknowledgedAt: at, acknowledgedBy: DESK, assigneeId: WANG.id, assignedAt: at }),
          entry: { alertId: 'alert-1', at, action: 'dispatched', actor: DESK, note: '王芳' },
        },
        { kind: 'disarm', key: 'alert_escalation:alert-1' },
        { kind: 'arm', deadline: alertDeadline('dispatch_accept', at + 120 * SECOND, { responderId: WANG.id }) },
        {
          kind: 'notify',
          notification: { topic: 'dispatch_offered', audience: 'responder', responderId: WANG.id, elderId: 'elder-1', alertId: 'alert-1', alertType: 'sos', priority: 1 },
        },
        { kind: 'createTask', task: expect.objectContaining({ kind: 'visit', reason: 'alert_on_site', alertId: 'alert-1', status: 'assigned', assigneeId: WANG.id, assignedAt: at, deviceId: null }) },
      ],
    });
  });

  it('when an SOS goes raised → dispatched → accepted → on site → resolved, then each step arms and disarms its deadlines and the follow-up is due 24 h later', () => {
    let w = raisedSos();
    expect(armedAt(w)).toEqual(['alert_escalation:alert-1 @ +60s']);
    expect(w.notified).toEqual([expect.objectContaining({ topic: 'alarm_raised', audience: 'elder_contacts' })]);

    w = dispatchedTo(w, WANG, T0 + 30 * SECOND);
    expect(armedAt(w)).toEqual(['dispatch_accept:alert-1 @ +150s']);
    const [visit] = [...w.tasks.values()];
    expect(visit).toMatchObject({ kind: 'visit', status: 'assigned', assigneeId: WANG.id });

    w = act(w, T0 + 60 * SECOND, (a, s) => accept(a, s, WANG.id, T0 + 60 * SECOND));
    expect(armedAt(w)).toEqual([`arrival_due:alert-1 @ +${60 + 30 * 60}s`]);
    expect(alertOf(w)).toMatchObject({ status: 'dispatched', acceptedAt: T0 + 60 * SECOND });

    w = act(w, T0 + 20 * MINUTE, (a, s) => arrive(a, s, WANG.id, T0 + 20 * MINUTE));
    expect(armedAt(w)).toEqual([]);
    expect(alertOf(w)).toMatchObject({ status: 'on_site', arrivedAt: T0 + 20 * MINUTE, lateArrival: false });

    const resolvedAt = T0 + 40 * MINUTE;
    w = act(w, resolvedAt, (a, s) => resolve(a, s, 'user:wang', resolvedAt, 'handled_on_site', '老人滑倒，无外伤'));
    expect(armedAt(w)).toEqual([]);
    expect(alertOf(w)).toMatchObject({ status: 'resolved', resolvedAt, resolvedBy: 'user:wang', resolutionReason: 'handled_on_site', acknowledgedBy: DESK });
    expect([...w.tasks.values()]).toEqual([
      expect.objectContaining({ id: visit?.id, kind: 'visit', status: 'done', outcome: 'visited', completedAt: resolvedAt, completedBy: 'user:wang' }),
      expect.objectContaining({ kind: 'follow_up', reason: 'alert_follow_up', alertId: 'alert-1', status: 'assigned', assigneeId: WANG.id, dueAt: resolvedAt + 24 * HOUR }),
    ]);
    expect(actionsOf(w)).toEqual([
      'raised by device:btn-1',
      'dispatched by user:desk',
      `accepted by user:${WANG.id}`,
      `arrived by user:${WANG.id}`,
      'resolved by user:wang',
    ]);
    expect(w.taskMoves).toEqual([`${visit?.id} assigned→accepted (accepted by user:${WANG.id})`, `${visit?.id} accepted→done (done by user:wang)`]);
  });

  it('when the responder arrives without pressing accept, then arriving counts as accepting', () => {
    let w = dispatchedTo(raisedSos(), WANG, T0 + 30 * SECOND);
    w = act(w, T0 + 10 * MINUTE, (a, s) => arrive(a, s, WANG.id, T0 + 10 * MINUTE));
    expect(alertOf(w)).toMatchObject({ status: 'on_site', acceptedAt: T0 + 10 * MINUTE, arrivedAt: T0 + 10 * MINUTE });
    expect([...w.tasks.values()][0]).toMatchObject({ status: 'accepted', acceptedAt: T0 + 10 * MINUTE });
    expect(armedAt(w)).toEqual([]);
  });

  const OPENED = 'a follow-up visit is opened';
  const NONE = 'no follow-up is opened';
  // [situation, resolution reason, outcome, alert overrides]
  it.each<[string, ResolutionReason, typeof OPENED | typeof NONE, Partial<Alert>]>([
    ['a P1 alarm', 'handled_by_phone', OPENED, {}],
    ['a P2 alert', 'handled_on_site', OPENED, { type: 'inactivity', priority: 2, dedupKey: 'inactivity' }],
    ['a P1 alarm', 'no_action_needed', NONE, {}],
    ['a P3 technical alert', 'handled_on_site', NONE, { type: 'low_battery', priority: 3, dedupKey: 'low_battery:btn-1' }],
    ['a test alarm', 'handled_by_phone', NONE, { test: true, dedupKey: 'test:sos' }],
  ])('when %s is resolved as %s, then %s', (_situation, reason, outcome, overrides) => {
    const followUp = outcome === OPENED;
    const w = raisedSos([], overrides);
    const result = resolve(alertOf(w), w.state, DESK, T0 + HOUR, reason, null);
    const created = result.ok ? result.decisions.filter((d) => d.kind === 'createTask') : [];
    expect(created).toEqual(followUp ? [{ kind: 'createTask', task: expect.objectContaining({ kind: 'follow_up', status: 'open', assigneeId: null, dueAt: T0 + 25 * HOUR }) }] : []);
  });

  it('when a dispatched alert is resolved before anybody arrived, then the visit is done as not needed', () => {
    let w = dispatchedTo(raisedSos(), WANG, T0 + 30 * SECOND);
    w = act(w, T0 + 5 * MINUTE, (a, s) => resolve(a, s, DESK, T0 + 5 * MINUTE, 'family_took_over', '儿子已到家'));
    expect([...w.tasks.values()].find((t) => t.kind === 'visit')).toMatchObject({ status: 'done', outcome: 'not_needed' });
    expect(armedAt(w)).toEqual([]);
  });

  describe('decline', () => {
    it('when the responder declines and another one is on duty, then the gateway sends the next one, skipping those who declined and those off duty', () => {
      let w = raisedSos([WANG, CHEN, LI, ZHAO], { declinedBy: [CHEN.id] });
      w = dispatchedTo(w, WANG, T0 + 30 * SECOND);
      w = act(w, T0 + 60 * SECOND, (a, s) => decline(a, s, WANG.id, T0 + 60 * SECOND, '在另一位老人家里'));
      expect(alertOf(w)).toMatchObject({ status: 'dispatched', assigneeId: ZHAO.id, assignedAt: T0 + 60 * SECOND, declinedBy: [CHEN.id, WANG.id] });
      expect(w.timeline.slice(-2)).toEqual([
        { alertId: 'alert-1', at: T0 + 60 * SECOND, action: 'declined', actor: `user:${WANG.id}`, note: '在另一位老人家里' },
        { alertId: 'alert-1', at: T0 + 60 * SECOND, action: 'dispatched', actor: SYSTEM_ACTOR, note: '赵强' },
      ]);
      expect(armedAt(w)).toEqual(['dispatch_accept:alert-1 @ +180s']);
      expect(w.armed.get(key('dispatch_accept'))?.data).toEqual({ responderId: ZHAO.id });
      expect([...w.tasks.values()]).toEqual([expect.objectContaining({ kind: 'visit', status: 'assigned', assigneeId: ZHAO.id })]);
      expect(w.notified.at(-1)).toMatchObject({ topic: 'dispatch_offered', responderId: ZHAO.id });
    });

    it('when the responder declines after accepting and nobody else is on duty, then the alert goes back to the desk as acknowledged', () => {
      let w = dispatchedTo(raisedSos([WANG, LI]), WANG, T0 + 30 * SECOND);
      w = act(w, T0 + 60 * SECOND, (a, s) => accept(a, s, WANG.id, T0 + 60 * SECOND));
      w = act(w, T0 + 5 * MINUTE, (a, s) => decline(a, s, WANG.id, T0 + 5 * MINUTE, null));
      expect(alertOf(w)).toMatchObject({ status: 'acknowledged', assigneeId: null, assignedAt: null, acceptedAt: null, declinedBy: [WANG.id] });
      expect(actionsOf(w).at(-1)).toBe(`declined by user:${WANG.id}`);
      expect(armedAt(w)).toEqual([]);
      const [visit] = [...w.tasks.values()];
      expect(visit).toMatchObject({ kind: 'visit', status: 'open', assigneeId: null, acceptedAt: null });
    });

    it('when the desk dispatches again after everybody declined, then the same visit task is re-assigned', () => {
      let w = dispatchedTo(raisedSos([WANG]), WANG, T0 + 30 * SECOND);
      w = act(w, T0 + 60 * SECOND, (a, s) => decline(a, s, WANG.id, T0 + 60 * SECOND, null));
      w = dispatchedTo(w, ZHAO, T0 + 2 * MINUTE);
      expect([...w.tasks.values()]).toEqual([expect.objectContaining({ kind: 'visit', status: 'assigned', assigneeId: ZHAO.id, assignedAt: T0 + 2 * MINUTE })]);
    });
  });

  describe('dispatch offer expiring', () => {
    it('when nobody accepts within 120 s, then the offer passes to the next responder on duty', () => {
      let w = dispatchedTo(raisedSos([WANG, ZHAO]), WANG, T0 + 30 * SECOND);
      w = fire(w, key('dispatch_accept'), T0 + 150 * SECOND);
      expect(actionsOf(w).slice(-2)).toEqual([`dispatch_expired by ${SYSTEM_ACTOR}`, `dispatched by ${SYSTEM_ACTOR}`]);
      expect(w.timeline.at(-2)?.note).toBe('not accepted within 120 s');
      expect(alertOf(w)).toMatchObject({ status: 'dispatched', assigneeId: ZHAO.id, declinedBy: [WANG.id] });
      expect(armedAt(w)).toEqual(['dispatch_accept:alert-1 @ +270s']);
    });

    it('when the second offer expires too and nobody is left, then the alert is back with the desk', () => {
      let w = dispatchedTo(raisedSos([WANG, ZHAO]), WANG, T0 + 30 * SECOND);
      w = fire(w, key('dispatch_accept'), T0 + 150 * SECOND);
      w = fire(w, key('dispatch_accept'), T0 + 270 * SECOND);
      expect(alertOf(w)).toMatchObject({ status: 'acknowledged', assigneeId: null, declinedBy: [WANG.id, ZHAO.id] });
      expect(armedAt(w)).toEqual([]);
      expect(w.taskMoves.at(-1)).toMatch(/assigned→open \(declined by system:rules\)$/);
    });

    // [situation, alert]
    it.each<[string, Partial<Alert>]>([
      ['the responder already accepted', { status: 'dispatched', assigneeId: WANG.id, acceptedAt: T0 + 60 * SECOND }],
      ['the desk re-sent it to somebody else', { status: 'dispatched', assigneeId: ZHAO.id }],
      ['the responder is on site', { status: 'on_site', assigneeId: WANG.id, arrivedAt: T0 + 60 * SECOND }],
    ])('when the offer deadline fires but %s, then it is ignored', (_situation, overrides) => {
      const deadline = alertDeadline('dispatch_accept', T0 + 150 * SECOND, { responderId: WANG.id });
      expect(dispatchAcceptDue(deadline, careAlert(overrides), careState({ responders: [ZHAO] }), T0 + 150 * SECOND)).toEqual([{ kind: 'ignore', reason: 'dispatch_already_answered' }]);
    });
  });

  describe('arrival overdue', () => {
    it('when an accepted responder is not on site within 30 min, then the alert is flagged and the supervisors told; arriving later still works', () => {
      let w = dispatchedTo(raisedSos(), WANG, T0 + 30 * SECOND);
      w = act(w, T0 + 60 * SECOND, (a, s) => accept(a, s, WANG.id, T0 + 60 * SECOND));
      w = fire(w, key('arrival_due'), T0 + 60 * SECOND + 30 * MINUTE);
      expect(alertOf(w)).toMatchObject({ status: 'dispatched', lateArrival: true });
      expect(w.timeline.at(-1)).toEqual({ alertId: 'alert-1', at: T0 + 60 * SECOND + 30 * MINUTE, action: 'arrival_overdue', actor: SYSTEM_ACTOR, note: 'not on site within 30 min' });
      expect(w.notified.at(-1)).toEqual({ topic: 'arrival_overdue', audience: 'supervisors', elderId: 'elder-1', alertId: 'alert-1', alertType: 'sos', priority: 1 });

      w = act(w, T0 + 45 * MINUTE, (a, s) => arrive(a, s, WANG.id, T0 + 45 * MINUTE));
      expect(alertOf(w)).toMatchObject({ status: 'on_site', lateArrival: true });
    });

    it('when a P2 alert is accepted, then the arrival is due after 60 min', () => {
      const alert = careAlert({ type: 'inactivity', priority: 2, status: 'dispatched', assigneeId: WANG.id, assignedAt: T0 });
      const result = accept(alert, careState(), WANG.id, T0 + MINUTE);
      const arm = result.ok ? result.decisions.find((d): d is Extract<Decision, { kind: 'arm' }> => d.kind === 'arm') : undefined;
      expect(arm?.deadline).toEqual({ ...alertDeadline('arrival_due', T0 + 61 * MINUTE, { responderId: WANG.id }) });
    });

    // [situation, alert]
    it.each<[string, Partial<Alert>]>([
      ['the responder is on site', { status: 'on_site', assigneeId: WANG.id, acceptedAt: T0, arrivedAt: T0 + 10 * MINUTE }],
      ['the dispatch was not accepted', { status: 'dispatched', assigneeId: WANG.id }],
      ['it was re-sent to somebody else', { status: 'dispatched', assigneeId: ZHAO.id, acceptedAt: T0 + MINUTE }],
    ])('when the arrival deadline fires but %s, then it is ignored', (_situation, overrides) => {
      const deadline = alertDeadline('arrival_due', T0 + 31 * MINUTE, { responderId: WANG.id });
      expect(arrivalDue(deadline, careAlert(overrides), T0 + 31 * MINUTE)).toEqual([{ kind: 'ignore', reason: 'not_awaiting_arrival' }]);
    });
  });

  it('when the desk re-dispatches an accepted alert to somebody else, then the first arrival deadline is dropped and the new offer armed', () => {
    let w = dispatchedTo(raisedSos(), WANG, T0 + 30 * SECOND);
    w = act(w, T0 + 60 * SECOND, (a, s) => accept(a, s, WANG.id, T0 + 60 * SECOND));
    w = dispatchedTo(w, ZHAO, T0 + 5 * MINUTE);
    expect(alertOf(w)).toMatchObject({ status: 'dispatched', assigneeId: ZHAO.id, acceptedAt: null });
    expect(armedAt(w)).toEqual(['dispatch_accept:alert-1 @ +420s']);
    expect([...w.tasks.values()]).toEqual([expect.objectContaining({ status: 'assigned', assigneeId: ZHAO.id, acceptedAt: null })]);
  });

  it('when the desk re-dispatches an accepted alert to somebody else, then the first responder is told not to go and the second is offered it', () => {
    let w = dispatchedTo(raisedSos(), WANG, T0 + 30 * SECOND);
    w = act(w, T0 + 60 * SECOND, (a, s) => accept(a, s, WANG.id, T0 + 60 * SECOND));
    const before = w.notified.length;
    w = dispatchedTo(w, ZHAO, T0 + 5 * MINUTE);
    expect(w.notified.slice(before)).toEqual([
      expect.objectContaining({ topic: 'dispatch_offered', audience: 'responder', responderId: ZHAO.id }),
      expect.objectContaining({ topic: 'dispatch_withdrawn', audience: 'responder', responderId: WANG.id, alertId: 'alert-1' }),
    ]);
  });

  it('when the desk dispatches the same responder again, then nobody is told to stand down', () => {
    let w = dispatchedTo(raisedSos(), WANG, T0 + 30 * SECOND);
    const before = w.notified.length;
    w = dispatchedTo(w, WANG, T0 + 2 * MINUTE);
    expect(w.notified.slice(before).map((n) => n.topic)).toEqual(['dispatch_offered']);
  });
});
