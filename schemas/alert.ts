import { z } from 'zod';

// Alerts as the REST API and the websocket show them. Times are ISO 8601 strings on the wire.

/**
 * Every alert type. Priorities (1 life-safety, 2 urgent, 3 technical) and which types close themselves when the
 * condition clears live in gateway/src/core/alerts/alert-types.ts.
 */
export const ALERT_TYPES = [
  // P1 life-safety
  'sos',
  'fall',
  'smoke',
  'gas',
  /** An emergency told by telephone (the 12349 line, a neighbour, family): raised by the desk, no device. */
  'phone_emergency',
  // P2 urgent
  'heart_rate_high',
  'heart_rate_low',
  'spo2_low',
  'skin_temperature_high',
  'breathing_rate_high',
  'breathing_rate_low',
  'geofence_exit',
  'wandering',
  /** Out of bed at night, then out of the door or past the home fence, and not back in time (P1 for dementia). */
  'night_wandering',
  'bed_exit_night',
  'prolonged_stay',
  'inactivity',
  'no_motion',
  'door_inactive',
  'water_leak',
  'intrusion',
  // P3 technical
  'device_offline',
  'test_signal_missed',
  'low_battery',
  'wearable_not_worn',
  /** A pass in front of a motion sensor at home while the elder is away: back early, a visitor, or an intruder? */
  'motion_while_away',
] as const;
export const alertTypeSchema = z.enum(ALERT_TYPES);
export type AlertType = z.infer<typeof alertTypeSchema>;

/** 1 life-safety, 2 urgent, 3 technical. */
export const prioritySchema = z.union([z.literal(1), z.literal(2), z.literal(3)]);
export type Priority = z.infer<typeof prioritySchema>;

/**
 * raised → acknowledged → dispatched → on_site → resolved, by the desk and the responder; on_hold for a while with a
 * reason; false_alarm when the desk finds nothing was wrong; cancelled by the elder within the cancel window;
 * cleared by the gateway when the condition ended and the type allows it (vitals back in range, device back online).
 */
export const ALERT_STATUSES = [
  'raised',
  'acknowledged',
  'dispatched',
  'on_site',
  'on_hold',
  'resolved',
  'false_alarm',
  'cancelled',
  'cleared',
] as const;
export const alertStatusSchema = z.enum(ALERT_STATUSES);
export type AlertStatus = z.infer<typeof alertStatusSchema>;

/** Statuses in which somebody still has to act. */
export const OPEN_ALERT_STATUSES: readonly AlertStatus[] = ['raised', 'acknowledged', 'dispatched', 'on_site', 'on_hold'];

/** Why a resolved alert was resolved. */
export const RESOLUTION_REASONS = ['handled_on_site', 'hospital_transfer', 'handled_by_phone', 'family_took_over', 'no_action_needed', 'other'] as const;
export const resolutionReasonSchema = z.enum(RESOLUTION_REASONS);
export type ResolutionReason = z.infer<typeof resolutionReasonSchema>;

export const TIMELINE_ACTIONS = [
  'raised',
  'repeated',
  'acknowledged',
  'dispatched',
  'accepted',
  'declined',
  'dispatch_expired',
  'arrived',
  'arrival_overdue',
  'escalated',
  'held',
  'hold_ended',
  'resolved',
  'false_alarm',
  'cancelled',
  /** The elder pressed cancel but the alert stays open (help is on its way, or another device pressed too): the desk and the responder decide. */
  'cancel_requested',
  'cleared',
  'noted',
  /** A fall and then no motion and no wearable movement in the home for a short while: the desk is told again. */
  'no_movement_after_fall',
  /** The desk called the elder or a contact during the alarm (who, and how it ended, in the note). */
  'call_attempt',
  /** A command to the alert's device (locate, snapshot, ...) was made or ended: "locate → done" in the note (issue 22). */
  'device_command',
] as const;
export type TimelineAction = (typeof TIMELINE_ACTIONS)[number];

const isoTime = z.iso.datetime();

export const alertTimelineEntrySchema = z.object({
  at: isoTime,
  action: z.enum(TIMELINE_ACTIONS),
  actor: z.string(),
  note: z.string().nullable(),
});

/** What the device reported with the alert: room, zone, confidence, the measured value, a snapshot reference. */
export const alertContextSchema = z.record(z.string(), z.union([z.string(), z.number(), z.boolean()]));
export type AlertContext = z.infer<typeof alertContextSchema>;

export const alertViewSchema = z.object({
  id: z.string(),
  type: alertTypeSchema,
  priority: prioritySchema,
  status: alertStatusSchema,
  /** Raised by a device in test mode: shown to the desk, marked, never dispatched. */
  test: z.boolean(),
  /** The device that raised it; null for an alert raised from a telephone call (context.callId names the call). */
  deviceId: z.string().nullable(),
  elder: z.object({ id: z.string(), name: z.string(), address: z.string(), regionId: z.string() }),
  context: alertContextSchema,
  /** The responder the alert is dispatched to, while dispatched or on site. */
  assignee: z.object({ id: z.string(), displayName: z.string() }).nullable(),
  assignedAt: isoTime.nullable(),
  acceptedAt: isoTime.nullable(),
  arrivedAt: isoTime.nullable(),
  /** 0 none; 1 the desk was re-alerted; 2 the supervisor tier was called. */
  escalationLevel: z.number().int().min(0).max(2),
  /** An accepted dispatch whose responder did not arrive in time. */
  lateArrival: z.boolean(),
  holdUntil: isoTime.nullable(),
  holdReason: z.string().nullable(),
  resolutionReason: resolutionReasonSchema.nullable(),
  raisedAt: isoTime,
  lastSeenAt: isoTime,
  count: z.number().int().positive(),
  acknowledgedAt: isoTime.nullable(),
  acknowledgedBy: z.string().nullable(),
  resolvedAt: isoTime.nullable(),
  resolvedBy: z.string().nullable(),
  resolutionNote: z.string().nullable(),
  cancelledAt: isoTime.nullable(),
  /** The elder's last cancel that did not withdraw the alert (help was already on its way, or another device pressed); null after a new press. */
  cancelRequestedAt: isoTime.nullable(),
  clearedAt: isoTime.nullable(),
});
export type AlertView = z.infer<typeof alertViewSchema>;

export const alertDetailSchema = alertViewSchema.extend({
  timeline: z.array(alertTimelineEntrySchema),
});
export type AlertDetail = z.infer<typeof alertDetailSchema>;
