import { z } from 'zod';

// Alerts as the REST API and the websocket show them. Times are ISO 8601 strings on the wire.

export const ALERT_TYPES = ['sos'] as const;
export const alertTypeSchema = z.enum(ALERT_TYPES);
export type AlertType = z.infer<typeof alertTypeSchema>;

/** 1 life-safety, 2 urgent, 3 technical. */
export const prioritySchema = z.union([z.literal(1), z.literal(2), z.literal(3)]);
export type Priority = z.infer<typeof prioritySchema>;

export const ALERT_STATUSES = ['raised', 'acknowledged', 'resolved', 'cancelled'] as const;
export const alertStatusSchema = z.enum(ALERT_STATUSES);
export type AlertStatus = z.infer<typeof alertStatusSchema>;

/** Statuses in which somebody still has to act. */
export const OPEN_ALERT_STATUSES: readonly AlertStatus[] = ['raised', 'acknowledged'];

const isoTime = z.iso.datetime();

export const alertTimelineEntrySchema = z.object({
  at: isoTime,
  action: z.enum(['raised', 'repeated', 'acknowledged', 'resolved', 'cancelled']),
  actor: z.string(),
  note: z.string().nullable(),
});

export const alertViewSchema = z.object({
  id: z.string(),
  type: alertTypeSchema,
  priority: prioritySchema,
  status: alertStatusSchema,
  deviceId: z.string(),
  elder: z.object({ id: z.string(), name: z.string(), address: z.string() }),
  raisedAt: isoTime,
  lastSeenAt: isoTime,
  count: z.number().int().positive(),
  acknowledgedAt: isoTime.nullable(),
  acknowledgedBy: z.string().nullable(),
  resolvedAt: isoTime.nullable(),
  resolvedBy: z.string().nullable(),
  resolutionNote: z.string().nullable(),
  cancelledAt: isoTime.nullable(),
});
export type AlertView = z.infer<typeof alertViewSchema>;

export const alertDetailSchema = alertViewSchema.extend({
  timeline: z.array(alertTimelineEntrySchema),
});
export type AlertDetail = z.infer<typeof alertDetailSchema>;
