import { describe, expect, it } from 'vitest';
import type { AlertStatus } from '../../../schemas/index.js';
import type { Alert, TimelineEntry } from '../../../gateway/src/core/alerts/alert.js';
import { ALERT_DEADLINE_KINDS, disarmAlertDeadlines, followUpsOf } from '../../../gateway/src/core/alerts/alert-follow-ups.js';
import { resolve } from '../../../gateway/src/core/alerts/alert-lifecycle.js';
import type { Decision } from '../../../gateway/src/core/decisions.js';
import type { Task } from '../../../gateway/src/core/tasks/task.js';
import { elderState, T0 } from '../../support/elder-state.js';
import { sampleTask } from '../../support/fixtures.js';
import { alertDeadline, careAlert, careState, DESK, MINUTE, SECOND, WANG } from './care-world.js';

// What the gateway adds after any rule's decisions: the first escalation and the family's call for a new alarm, and
// the clean-up of the alert's deadlines (and its visit) when an alert closes, whoever closed it.

const entry = (action: TimelineEntry['action'], actor = 'device:btn-1'): TimelineEntry => ({ alertId: 'alert-1', at: T0, action, actor, note: null });
const raise = (overrides: Partial<Alert> = {}): Decision => ({ kind: 'raise', alert: careAlert(overrides), entry: entry('raised') });
const updateTo = (status: AlertStatus, from: AlertStatus = 'raised'): Decision => ({ kind: 'update', alert: careAlert({ status }), previousStatus: from, entry: entry('cleared') });

const DISARM_ALL = ALERT_DEADLINE_KINDS.map((kind) => ({ kind: 'disarm', key: `${kind}:alert-1` }));

function visitTask(overrides: Partial<Task> = {}): Task {
  return sampleTask('task-visit', {
    kind: 'visit',
    reason: 'alert_on_site',
    status: 'assigned',
    deviceId: null,
    alertId: 'alert-1',
    dedupKey: 'visit:alert-1',
    assigneeId: WANG.id,
    assignedAt: T0,
    ...overrides,
  });
}

describe('alert follow-ups', () => {
  it('when a P1 alarm is raised, then the first escalation is armed at 60 s and the elder’s contacts are told', () => {
    expect(followUpsOf([raise()], careState(), T0)).toEqual([
      { kind: 'arm', deadline: alertDeadline('alert_escalation', T0 + 60 * SECOND, { level: 1 }) },
      { kind: 'notify', notification: { topic: 'alarm_raised', audience: 'elder_contacts', elderId: 'elder-1', alertId: 'alert-1', alertType: 'sos', priority: 1 } },
    ]);
  });

  // [priority, overrides, first escalation after seconds]
  it.each<[string, Partial<Alert>, number]>([
    ['P2', { type: 'spo2_low', priority: 2, dedupKey: 'spo2_low' }, 300],
    ['P3', { type: 'low_battery', priority: 3, dedupKey: 'low_battery:btn-1' }, 3600],
  ])('when a %s alert is raised, then only its first escalation is armed, after %s s', (_p, overrides, seconds) => {
    expect(followUpsOf([raise(overrides)], careState(), T0)).toEqual([{ kind: 'arm', deadline: alertDeadline('alert_escalation', T0 + seconds * SECOND, { level: 1 }) }]);
  });

  it('when a test alarm is raised, then nothing follows', () => {
    expect(followUpsOf([raise({ test: true, dedupKey: 'test:sos' })], careState(), T0)).toEqual([]);
  });

  it('when the policy has no escalation for the priority, then a P1 alarm only tells the contacts', () => {
    const base = elderState();
    const state = { ...careState(), settings: { ...base.settings, escalation: { ...base.settings.escalation, ackSeconds: { 1: [], 2: [300], 3: [] } } } };
    expect(followUpsOf([raise()], state, T0)).toEqual([expect.objectContaining({ kind: 'notify' })]);
  });

  it.each(['resolved', 'false_alarm', 'cancelled', 'cleared'] as const)('when an update leaves the alert %s, then all four of its deadlines are disarmed', (status) => {
    expect(followUpsOf([updateTo(status)], careState(), T0)).toEqual(DISARM_ALL);
  });

  it.each(['raised', 'acknowledged', 'dispatched', 'on_site', 'on_hold'] as const)('when an update leaves the alert %s (still open), then nothing follows', (status) => {
    expect(followUpsOf([updateTo(status)], careState(), T0)).toEqual([]);
  });

  it('when a person notes an alert already closed, then nothing follows: no task is cancelled or marked with the note', () => {
    const state = careState({ tasks: [visitTask()] });
    const noted: Decision = {
      kind: 'update',
      alert: careAlert({ status: 'cleared' }),
      previousStatus: 'cleared',
      entry: { alertId: 'alert-1', at: T0, action: 'noted', actor: DESK, note: '家属回电：老人已到女儿家' },
    };
    expect(followUpsOf([noted], state, T0 + 5 * MINUTE)).toEqual([]);
  });

  it('when a rule clears an alert whose responder is on the way, then the visit task is cancelled', () => {
    const state = careState({ tasks: [visitTask()] });
    expect(followUpsOf([updateTo('cleared', 'dispatched')], state, T0 + 5 * MINUTE)).toEqual([
      ...DISARM_ALL,
      {
        kind: 'updateTask',
        task: visitTask({ status: 'cancelled', completedAt: T0 + 5 * MINUTE, completedBy: 'device:btn-1', note: 'alert cleared' }),
        previousStatus: 'assigned',
        entry: { actor: 'device:btn-1', action: 'cancelled', note: 'alert cleared' },
      },
    ]);
  });

  it('when the desk resolves a dispatched alert, then the follow-ups do not move the visit task a second time', () => {
    const alert = careAlert({ status: 'dispatched', assigneeId: WANG.id, assignedAt: T0 });
    const state = careState({ alerts: [alert], tasks: [visitTask()] });
    const result = resolve(alert, state, DESK, T0 + 5 * MINUTE, 'family_took_over', null);
    const decisions = result.ok ? result.decisions : [];
    expect(followUpsOf(decisions, state, T0 + 5 * MINUTE)).toEqual(disarmAlertDeadlines('alert-1'));
  });
});
