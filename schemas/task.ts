import { z } from 'zod';
import { serviceTypeSchema } from './devices/call-button.js';

// Tasks: work for a person that is not an alarm, with one loop for all of them: open → assigned → accepted → done
// (or cancelled; a decline returns it to open). Maintenance visits (battery, offline, missed test signal), service
// requests (green key or desk), the on-site visit of a dispatched alert and the follow-up visit (回访) after it,
// wellness checks after inactivity, and the monthly visit (探访) of every elder in a visiting-care category.

export const TASK_KINDS = ['maintenance', 'service', 'visit', 'follow_up', 'wellness_check', 'monthly_visit'] as const;
export const taskKindSchema = z.enum(TASK_KINDS);
export type TaskKind = z.infer<typeof taskKindSchema>;

export const TASK_REASONS = [
  'low_battery',
  'device_offline',
  'test_signal_missed',
  'service_request',
  'alert_on_site',
  'alert_follow_up',
  'inactivity',
  'monthly_visit',
  /** The device sends messages its schema refuses (a firmware defect): docs/device-protocol.md, 7.2. */
  'malformed_messages',
  /** The device sent life-safety events far past any sane rate (a stuck key): docs/device-protocol.md, 7.1. */
  'message_flood',
  /** The home's daily activity fell well below its own baseline of the last weeks (activity-trend.rule.ts). */
  'activity_drop',
] as const;
export const taskReasonSchema = z.enum(TASK_REASONS);
export type TaskReason = z.infer<typeof taskReasonSchema>;

export const TASK_STATUSES = ['open', 'assigned', 'accepted', 'done', 'cancelled'] as const;
export const taskStatusSchema = z.enum(TASK_STATUSES);
export type TaskStatus = z.infer<typeof taskStatusSchema>;

/** Statuses in which the task still has to be done. */
export const OPEN_TASK_STATUSES: readonly TaskStatus[] = ['open', 'assigned', 'accepted'];

/** What the person found or did. */
export const TASK_OUTCOMES = ['visited', 'not_home', 'refused', 'fixed', 'service_delivered', 'not_needed', 'other'] as const;
export const taskOutcomeSchema = z.enum(TASK_OUTCOMES);
export type TaskOutcome = z.infer<typeof taskOutcomeSchema>;

const isoTime = z.iso.datetime();

export const taskViewSchema = z.object({
  id: z.string(),
  kind: taskKindSchema,
  reason: taskReasonSchema,
  status: taskStatusSchema,
  test: z.boolean(),
  elder: z.object({ id: z.string(), name: z.string(), address: z.string(), regionId: z.string() }),
  deviceId: z.string().nullable(),
  alertId: z.string().nullable(),
  service: serviceTypeSchema.nullable(),
  /** For monthly visits: the month they are for, YYYY-MM in local time. */
  month: z.string().nullable(),
  assignee: z.object({ id: z.string(), displayName: z.string() }).nullable(),
  dueAt: isoTime.nullable(),
  createdAt: isoTime,
  assignedAt: isoTime.nullable(),
  acceptedAt: isoTime.nullable(),
  completedAt: isoTime.nullable(),
  completedBy: z.string().nullable(),
  outcome: taskOutcomeSchema.nullable(),
  note: z.string().nullable(),
  /**
   * The cause went away by itself (the device came back online, the battery was changed, motion was seen again):
   * when, and what cleared it. Such a task can be closed in one step (POST /tasks/:id/close-cleared).
   */
  causeClearedAt: isoTime.nullable(),
  causeClearedNote: z.string().nullable(),
});
export type TaskView = z.infer<typeof taskViewSchema>;
