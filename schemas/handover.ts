import { z } from 'zod';
import { alertStatusSchema, alertTypeSchema, prioritySchema } from './alert.js';
import { taskKindSchema, taskReasonSchema, taskStatusSchema } from './task.js';

// The shift handover (交接班): what the outgoing operator reads aloud to the incoming one. What is open, what waits
// on hold, what escalated, what nobody acknowledged, which tasks are overdue, what closed during the shift and what
// people noted. Names, never ids, for everything read aloud; the ids stay for links. Times are ISO 8601.

const isoTime = z.iso.datetime();

export const handoverQuerySchema = z.strictObject({
  /** Start of the shift; default 12 hours before now. */
  since: z.iso.datetime({ offset: true }).optional(),
  /** A region inside the caller's (403 FORBIDDEN_REGION outside it); default the caller's own. */
  regionId: z.string().min(1).max(64).optional(),
});
export type HandoverQuery = z.infer<typeof handoverQuerySchema>;

export const handoverNoteBodySchema = z.strictObject({ note: z.string().trim().min(1).max(2000) });

/** One open alert as the handover names it. */
export const handoverAlertSchema = z.object({
  id: z.string(),
  type: alertTypeSchema,
  priority: prioritySchema,
  status: alertStatusSchema,
  test: z.boolean(),
  raisedAt: isoTime,
  elderName: z.string(),
  address: z.string(),
  /** The elder's community (or whatever region the elder is registered in). */
  regionName: z.string(),
  /** The responder it is dispatched to, by name. */
  assigneeName: z.string().nullable(),
  escalationLevel: z.number().int().min(0).max(2),
  holdReason: z.string().nullable(),
  holdUntil: isoTime.nullable(),
});
export type HandoverAlert = z.infer<typeof handoverAlertSchema>;

export const handoverTaskSchema = z.object({
  id: z.string(),
  kind: taskKindSchema,
  reason: taskReasonSchema,
  status: taskStatusSchema,
  dueAt: isoTime,
  elderName: z.string(),
  regionName: z.string(),
  assigneeName: z.string().nullable(),
});
export type HandoverTask = z.infer<typeof handoverTaskSchema>;

/** A note somebody wrote during the shift: on an alert's timeline, when closing a task, or for the handover itself. */
export const handoverNoteSchema = z.object({
  source: z.enum(['handover', 'alert', 'task']),
  at: isoTime,
  authorName: z.string(),
  note: z.string(),
  /** The alert or task it was written on, with what it was about. */
  alertId: z.string().nullable(),
  alertType: alertTypeSchema.nullable(),
  taskId: z.string().nullable(),
  taskKind: taskKindSchema.nullable(),
  elderName: z.string().nullable(),
});
export type HandoverNote = z.infer<typeof handoverNoteSchema>;

const countsOf = <K extends z.ZodType<string>>(key: K) => z.array(z.object({ key, count: z.number().int().nonnegative() }));

export const handoverSchema = z.object({
  regionId: z.string(),
  regionName: z.string(),
  since: isoTime,
  /** When the summary was made (the gateway's clock). */
  until: isoTime,
  open: z.object({
    total: z.number().int().nonnegative(),
    byPriority: countsOf(z.enum(['1', '2', '3'])),
    byStatus: countsOf(alertStatusSchema),
  }),
  onHold: z.array(handoverAlertSchema),
  /** Open alerts that escalated (the desk was re-alerted, or the supervisors were called). */
  escalated: z.array(handoverAlertSchema),
  /** Open P1 alerts nobody has acknowledged yet. */
  unacknowledgedP1: z.array(handoverAlertSchema),
  /** Tasks still to do whose due time has passed, most overdue first. */
  overdueTasks: z.array(handoverTaskSchema),
  /** Alerts closed during the shift, by outcome: `resolved:<reason>`, `false_alarm`, `cancelled`, `cleared`. */
  closed: z.object({ total: z.number().int().nonnegative(), byOutcome: countsOf(z.string()) }),
  /** What people noted during the shift, newest first. */
  notes: z.array(handoverNoteSchema),
});
export type Handover = z.infer<typeof handoverSchema>;

export const handoverNoteReplySchema = z.object({ id: z.string(), at: isoTime, authorName: z.string(), note: z.string() });
export type HandoverNoteReply = z.infer<typeof handoverNoteReplySchema>;
