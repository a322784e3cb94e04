import { z } from 'zod';

// What the gateway sends a device on devices/{deviceId}/commands (docs/device-protocol.md, "Commands to the device").
// Today: feedback on the alarm the device raised, so the elder hears that somebody has it. At least once, QoS 1:
// a device may get the same message twice (the same msgId) and should show or say it once.

export const DEVICE_FEEDBACK_TYPES = ['alarm_received', 'alarm_acknowledged', 'help_on_the_way', 'alarm_closed'] as const;
export type DeviceFeedbackType = (typeof DEVICE_FEEDBACK_TYPES)[number];

/** How an alarm ended, as `alarm_closed` tells it. */
export const ALARM_CLOSED_OUTCOMES = ['resolved', 'false_alarm', 'cancelled', 'cleared'] as const;
export type AlarmClosedOutcome = (typeof ALARM_CLOSED_OUTCOMES)[number];

const feedbackBase = {
  /** Unique per message and device; the same msgId twice is one message delivered twice. */
  msgId: z.string().min(1).max(128),
  /** When the gateway sent it, epoch milliseconds. */
  ts: z.number().int().min(946_684_800_000),
  /** The alert this is about (GET /api/v1/alerts/{alertId}). */
  alertId: z.string().min(1).max(128),
  /** The alert was raised in test mode: say or show it as a test. */
  test: z.boolean(),
  /** What a small display or a voice prompt can say, in Chinese (zh-CN). */
  text: z.string().min(1).max(64),
};

export const alarmReceivedSchema = z.strictObject({ ...feedbackBase, type: z.literal('alarm_received') });
export const alarmAcknowledgedSchema = z.strictObject({ ...feedbackBase, type: z.literal('alarm_acknowledged') });
export const helpOnTheWaySchema = z.strictObject({
  ...feedbackBase,
  type: z.literal('help_on_the_way'),
  /** Minutes until the responder is expected, when the gateway knows; null when it does not (never guessed). */
  etaMinutes: z.number().int().min(0).max(1440).nullable(),
});
export const alarmClosedSchema = z.strictObject({ ...feedbackBase, type: z.literal('alarm_closed'), outcome: z.enum(ALARM_CLOSED_OUTCOMES) });

export const deviceFeedbackSchema = z.discriminatedUnion('type', [alarmReceivedSchema, alarmAcknowledgedSchema, helpOnTheWaySchema, alarmClosedSchema]);
export type DeviceFeedback = z.infer<typeof deviceFeedbackSchema>;

/** Everything the gateway may publish on a commands topic today. */
export const deviceCommandSchema = deviceFeedbackSchema;
export type DeviceCommand = DeviceFeedback;
