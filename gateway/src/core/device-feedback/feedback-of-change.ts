import type { AlarmClosedOutcome, DeviceFeedback } from '../../../../schemas/index.js';
import type { Alert, TimelineEntry } from '../alerts/alert.js';

// What the devices that raised a life-safety alarm are told when the alert changes (docs/device-protocol.md,
// "Commands to the device"): the elder who pressed wants to hear that somebody has it. Pure: the committed change and
// the time in, the messages out.

/** A committed change of one alert, as the decision commit holds it. */
export interface AlertChange {
  kind: 'insert' | 'update';
  alert: Alert;
  entry: TimelineEntry;
}

export interface FeedbackMessage {
  deviceId: string;
  feedback: DeviceFeedback;
}

/** Short enough for a two-line display and a voice prompt of a few seconds. */
export const FEEDBACK_TEXT = {
  alarm_received: '已收到呼叫，请稍候',
  alarm_acknowledged: '值班员已接警，请保持冷静',
  help_on_the_way: '救援人员正在赶来，请稍候',
  alarm_closed: '本次呼叫已结束',
} as const;

const CLOSING_ACTIONS: ReadonlySet<string> = new Set<AlarmClosedOutcome>(['resolved', 'false_alarm', 'cancelled', 'cleared']);

const DEVICE_ACTOR = 'device:';

/** A feedback message before it has its msgId, one member per type. */
type Unsent = { [T in DeviceFeedback['type']]: Omit<Extract<DeviceFeedback, { type: T }>, 'msgId'> }[DeviceFeedback['type']];

/** The device whose own message made this entry (`device:<id>`), or null for a person or the gateway. */
function actingDevice(entry: TimelineEntry): string | null {
  return entry.actor.startsWith(DEVICE_ACTOR) ? entry.actor.slice(DEVICE_ACTOR.length) : null;
}

/**
 * The feedback one committed alert change calls for. Only P1 alerts a device raised: a telephone emergency has no
 * device, and a P2/P3 alert (a low battery) is nothing the elder asked for. A repeated press tells the device that
 * pressed (the elder pressed again and wants to hear it again); everything else tells every device that pressed.
 */
export function feedbackOfChange(change: AlertChange, now: number): FeedbackMessage[] {
  const { alert, entry } = change;
  if (alert.priority !== 1 || alert.raisedBy.length === 0) return [];
  const base = { ts: now, alertId: alert.id, test: alert.test };
  const to = (deviceIds: readonly string[], feedback: Unsent): FeedbackMessage[] =>
    // One msgId per change and type: a redelivery of it is recognisably the same message.
    deviceIds.map((deviceId) => ({ deviceId, feedback: { ...feedback, msgId: `${feedback.type}:${alert.id}:${entry.at}` } as DeviceFeedback }));

  if (change.kind === 'insert' || entry.action === 'repeated') {
    const presser = actingDevice(entry);
    const devices = presser !== null && alert.raisedBy.includes(presser) ? [presser] : alert.raisedBy;
    return to(devices, { ...base, type: 'alarm_received', text: FEEDBACK_TEXT.alarm_received });
  }
  // A dispatch straight from `raised` acknowledges the alert in the same step.
  const acknowledgedNow = entry.action === 'acknowledged' || (entry.action === 'dispatched' && alert.acknowledgedAt === entry.at);
  if (acknowledgedNow) return to(alert.raisedBy, { ...base, type: 'alarm_acknowledged', text: FEEDBACK_TEXT.alarm_acknowledged });
  if (entry.action === 'accepted') {
    // No arrival estimate exists in the gateway yet: null, never a guess.
    return to(alert.raisedBy, { ...base, type: 'help_on_the_way', text: FEEDBACK_TEXT.help_on_the_way, etaMinutes: null });
  }
  if (CLOSING_ACTIONS.has(entry.action)) {
    return to(alert.raisedBy, { ...base, type: 'alarm_closed', text: FEEDBACK_TEXT.alarm_closed, outcome: entry.action as AlarmClosedOutcome });
  }
  return [];
}
