import { z } from 'zod';
import type { DeviceKind } from './devices/device-kinds.js';

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


// ---------------------------------------------------------------------------------------------------------------
// Commands the desk and the API send a device (issue 22): POST /api/v1/devices/{id}/commands. Each is a stored record
// (queued → sent → delivered → done, or failed / expired at its stored deadline); the device answers with a
// `command_result` status message carrying the command id (schemas/devices/device-status.ts).

export const DEVICE_COMMAND_TYPES = ['locate', 'snapshot', 'set_intervals', 'set_thresholds', 'test_mode', 'play_message', 'reboot'] as const;
export type DeviceCommandType = (typeof DEVICE_COMMAND_TYPES)[number];
export const deviceCommandTypeSchema = z.enum(DEVICE_COMMAND_TYPES);

/** Which kinds take which command; anything else is 400 COMMAND_UNSUPPORTED. */
export const COMMANDS_BY_KIND: Record<DeviceKind, readonly DeviceCommandType[]> = {
  call_button: ['set_intervals', 'test_mode', 'play_message', 'reboot'],
  wearable: ['locate', 'set_intervals', 'set_thresholds', 'test_mode', 'play_message', 'reboot'],
  camera: ['snapshot', 'set_intervals', 'set_thresholds', 'test_mode', 'reboot'],
  smoke_detector: ['set_intervals', 'set_thresholds', 'test_mode', 'reboot'],
  gas_detector: ['set_intervals', 'set_thresholds', 'test_mode', 'reboot'],
  water_leak_sensor: ['set_intervals', 'test_mode', 'reboot'],
  door_sensor: ['set_intervals', 'test_mode', 'reboot'],
  motion_sensor: ['set_intervals', 'set_thresholds', 'test_mode', 'reboot'],
  bed_sensor: ['set_intervals', 'set_thresholds', 'test_mode', 'reboot'],
};

/** Device-side thresholds: what the device itself alarms on (the gateway's own thresholds are the elder's). */
export const deviceThresholdsSchema = z
  .strictObject({
    heartRateHigh: z.number().int().min(60).max(220).optional(),
    heartRateLow: z.number().int().min(20).max(100).optional(),
    spo2Low: z.number().int().min(70).max(99).optional(),
    /** 1 (only hard falls) to 5 (every stumble). */
    fallSensitivity: z.number().int().min(1).max(5).optional(),
    /** 1 to 5: a smoke or motion detector's sensitivity. */
    sensitivity: z.number().int().min(1).max(5).optional(),
    /** The gas concentration that alarms, % of the lower explosive limit. */
    alarmLelPercent: z.number().int().min(1).max(50).optional(),
    /** A bed sensor alarms when the elder has been out of bed this long at night. */
    outOfBedMinutes: z.number().int().min(1).max(720).optional(),
  })
  .refine((t) => Object.keys(t).length > 0, 'give at least one threshold');
export type DeviceThresholds = z.infer<typeof deviceThresholdsSchema>;
export type DeviceThresholdKey = keyof DeviceThresholds;

/** Which thresholds each kind has (a threshold it lacks is 400 COMMAND_UNSUPPORTED). */
export const THRESHOLDS_BY_KIND: Record<DeviceKind, readonly DeviceThresholdKey[]> = {
  call_button: [],
  wearable: ['heartRateHigh', 'heartRateLow', 'spo2Low', 'fallSensitivity'],
  camera: ['fallSensitivity'],
  smoke_detector: ['sensitivity'],
  gas_detector: ['alarmLelPercent'],
  water_leak_sensor: [],
  door_sensor: [],
  motion_sensor: ['sensitivity'],
  bed_sensor: ['outOfBedMinutes'],
};

/** The parameters of each command type, as the API takes them and the device receives them. */
export const deviceCommandParameterShapes = {
  locate: {},
  snapshot: {},
  set_intervals: {
    /** Seconds between heartbeats. */
    heartbeatSeconds: z.number().int().min(30).max(86_400).optional(),
    /** Seconds between telemetry readings (only kinds that send telemetry: wearable, bed sensor). */
    telemetrySeconds: z.number().int().min(1).max(3_600).optional(),
  },
  set_thresholds: { thresholds: deviceThresholdsSchema },
  test_mode: {
    enabled: z.boolean(),
    /** How long test mode lasts when enabled (default 60); the gateway marks the device's alerts test meanwhile. */
    minutes: z.number().int().min(1).max(1_440).optional(),
  },
  play_message: { text: z.string().trim().min(1).max(64) },
  reboot: {},
} as const satisfies Record<DeviceCommandType, z.ZodRawShape>;

const commandWireBase = {
  /** Equal to commandId: the same command sent twice has the same msgId (show or do it once). */
  msgId: z.string().min(1).max(64),
  ts: z.number().int().min(946_684_800_000),
  /** The command's id: the device's `command_result` names it. */
  commandId: z.string().min(1).max(64),
  /** After this time (epoch ms) the gateway has given up on the command: a device should not act on it any more. */
  expiresAt: z.number().int().min(946_684_800_000),
};

export const locateCommandSchema = z.strictObject({ ...commandWireBase, type: z.literal('locate'), ...deviceCommandParameterShapes.locate });
export const snapshotCommandSchema = z.strictObject({ ...commandWireBase, type: z.literal('snapshot'), ...deviceCommandParameterShapes.snapshot });
export const setIntervalsCommandSchema = z.strictObject({ ...commandWireBase, type: z.literal('set_intervals'), ...deviceCommandParameterShapes.set_intervals });
export const setThresholdsCommandSchema = z.strictObject({ ...commandWireBase, type: z.literal('set_thresholds'), ...deviceCommandParameterShapes.set_thresholds });
export const testModeCommandSchema = z.strictObject({ ...commandWireBase, type: z.literal('test_mode'), ...deviceCommandParameterShapes.test_mode });
export const playMessageCommandSchema = z.strictObject({ ...commandWireBase, type: z.literal('play_message'), ...deviceCommandParameterShapes.play_message });
export const rebootCommandSchema = z.strictObject({ ...commandWireBase, type: z.literal('reboot'), ...deviceCommandParameterShapes.reboot });

/** Every command to a device, once: the orders alone, and (below) everything a commands topic carries. */
const deviceOrderSchemas = [
  locateCommandSchema,
  snapshotCommandSchema,
  setIntervalsCommandSchema,
  setThresholdsCommandSchema,
  testModeCommandSchema,
  playMessageCommandSchema,
  rebootCommandSchema,
] as const;

export const deviceOrderSchema = z.discriminatedUnion('type', [...deviceOrderSchemas]);
/** A command as the device receives it on devices/{id}/commands. */
export type DeviceOrder = z.infer<typeof deviceOrderSchema>;

/**
 * The gateway could not take a message the device sent (docs/device-protocol.md, "Rejected"): its msgId when it had a
 * readable one, and a stable reason code. Rate-limited per device, so a device stuck resending a bad message is told
 * now and then, not each time.
 */
export const rejectedMessageSchema = z.strictObject({
  msgId: z.string().min(1).max(128),
  ts: z.number().int().min(946_684_800_000),
  type: z.literal('rejected'),
  /** The msgId of the refused message (up to 64 code points, so up to 128 UTF-16 units); null when it had no valid one. */
  rejectedMsgId: z.string().min(1).max(128).nullable(),
  /** The channel it came on: events, telemetry or status. */
  channel: z.enum(['events', 'telemetry', 'status']),
  /** A stable code: the dead letter's reason (payload_invalid, payload_not_json, duplicate_msg_id_other_type, offline_not_will, ...) or rate_limited. */
  reason: z.string().min(1).max(64),
  /** What was wrong, in words, for the vendor's logs; null when the reason says it all. */
  detail: z.string().max(300).nullable(),
});
export type RejectedMessage = z.infer<typeof rejectedMessageSchema>;

/** Everything the gateway may publish on a commands topic: feedback on an alarm, a command, a rejection. */
export const deviceCommandSchema = z.discriminatedUnion('type', [
  alarmReceivedSchema,
  alarmAcknowledgedSchema,
  helpOnTheWaySchema,
  alarmClosedSchema,
  ...deviceOrderSchemas,
  rejectedMessageSchema,
]);
export type DeviceCommand = z.infer<typeof deviceCommandSchema>;
