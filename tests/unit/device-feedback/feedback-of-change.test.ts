import { describe, expect, it } from 'vitest';
import { deviceFeedbackSchema } from '../../../schemas/index.js';
import type { Alert, TimelineEntry } from '../../../gateway/src/core/alerts/alert.js';
import { sampleAlert } from '../../support/fixtures.js';
import { feedbackOfChange, type AlertChange } from '../../../gateway/src/core/device-feedback/feedback-of-change.js';

// The pure mapping "committed alert change → what the devices that raised it hear" (issue 22).

const T0 = Date.UTC(2026, 11, 7, 12, 0, 0);
const NOW = T0 + 5000;

/** elder-1's SOS from btn-1, raised at T0 (the shared sample, on this test's button and without a room). */
const alert = (fields: Partial<Alert> = {}): Alert => sampleAlert('alert-1', { deviceId: 'btn-1', context: {}, raisedAt: T0, lastSeenAt: T0, ...fields });

const entry = (action: TimelineEntry['action'], actor: string, at = T0): TimelineEntry => ({ alertId: 'alert-1', at, action, actor, note: null });
const change = (kind: AlertChange['kind'], a: Alert, e: TimelineEntry): AlertChange => ({ kind, alert: a, entry: e });

describe('device feedback of an alert change', () => {
  it('when a button raises an SOS, then that button gets alarm_received with the alert id, the time and a valid payload', () => {
    const messages = feedbackOfChange(change('insert', alert(), entry('raised', 'device:btn-1')), NOW);
    expect(messages).toEqual([
      { deviceId: 'btn-1', feedback: { msgId: `alarm_received:alert-1:${T0}`, ts: NOW, type: 'alarm_received', alertId: 'alert-1', test: false, text: '已收到呼叫，请稍候' } },
    ]);
    expect(deviceFeedbackSchema.safeParse(messages[0]!.feedback).success).toBe(true);
  });

  it('when a second device presses on the open alert, then only the device that pressed hears alarm_received again', () => {
    const repeated = alert({ raisedBy: ['btn-1', 'watch-1'], count: 2 });
    const messages = feedbackOfChange(change('update', repeated, entry('repeated', 'device:watch-1', T0 + 1000)), NOW);
    expect(messages.map((m) => [m.deviceId, m.feedback.type, m.feedback.msgId])).toEqual([['watch-1', 'alarm_received', `alarm_received:alert-1:${T0 + 1000}`]]);
  });

  it('when the desk acknowledges, then every device that pressed gets alarm_acknowledged', () => {
    const acked = alert({ status: 'acknowledged', raisedBy: ['btn-1', 'watch-1'], acknowledgedAt: NOW });
    const messages = feedbackOfChange(change('update', acked, entry('acknowledged', 'user:op', NOW)), NOW);
    expect(messages.map((m) => [m.deviceId, m.feedback.type])).toEqual([['btn-1', 'alarm_acknowledged'], ['watch-1', 'alarm_acknowledged']]);
  });

  it('when a dispatch acknowledges a raised alert in the same step, then alarm_acknowledged; a dispatch of an acknowledged alert says nothing', () => {
    const straight = alert({ status: 'dispatched', acknowledgedAt: NOW });
    expect(feedbackOfChange(change('update', straight, entry('dispatched', 'user:op', NOW)), NOW).map((m) => m.feedback.type)).toEqual(['alarm_acknowledged']);
    const later = alert({ status: 'dispatched', acknowledgedAt: T0 + 1 });
    expect(feedbackOfChange(change('update', later, entry('dispatched', 'user:op', NOW)), NOW)).toEqual([]);
  });

  it('when the responder accepts, then help_on_the_way with a short Chinese text and no invented arrival estimate', () => {
    const [message] = feedbackOfChange(change('update', alert({ status: 'dispatched', acceptedAt: NOW }), entry('accepted', 'user:resp', NOW)), NOW);
    expect(message!.feedback).toMatchObject({ type: 'help_on_the_way', etaMinutes: null, text: '救援人员正在赶来，请稍候' });
    expect(deviceFeedbackSchema.safeParse(message!.feedback).success).toBe(true);
  });

  it('when the alert is resolved, marked a false alarm or cancelled, then alarm_closed tells how it ended', () => {
    for (const action of ['resolved', 'false_alarm', 'cancelled'] as const) {
      const [message] = feedbackOfChange(change('update', alert({ status: action }), entry(action, 'user:op', NOW)), NOW);
      expect(message!.feedback).toMatchObject({ type: 'alarm_closed', outcome: action });
      expect(deviceFeedbackSchema.safeParse(message!.feedback).success).toBe(true);
    }
  });

  it('when the alert was raised in test mode, then the feedback is marked test: true', () => {
    const [message] = feedbackOfChange(change('insert', alert({ test: true }), entry('raised', 'device:btn-1')), NOW);
    expect(message!.feedback).toMatchObject({ type: 'alarm_received', test: true });
  });

  it('when the alert is not P1, or no device raised it, or the change is a note or an escalation, then nothing is sent', () => {
    expect(feedbackOfChange(change('insert', alert({ type: 'low_battery', priority: 3 }), entry('raised', 'device:btn-1')), NOW)).toEqual([]);
    expect(feedbackOfChange(change('insert', alert({ type: 'phone_emergency', deviceId: null, raisedBy: [] }), entry('raised', 'user:op')), NOW)).toEqual([]);
    for (const action of ['noted', 'escalated', 'cancel_requested', 'arrived', 'held'] as const) {
      expect(feedbackOfChange(change('update', alert(), entry(action, 'user:op', NOW)), NOW), action).toEqual([]);
    }
  });
});
