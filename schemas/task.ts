import { z } from 'zod';
import { serviceTypeSchema } from './devices/call-button.js';
import { visitModeSchema } from './visit-policy.js';

// Tasks: work for a person that is not an alarm, with one loop for all of them: open → assigned → accepted → done
// (or cancelled; a decline returns it to open). Maintenance visits (battery, offline, missed test signal), service
// requests (green key or desk), the on-site visit of a dispatched alert and the follow-up visit (回访) after it,
// wellness checks after inactivity, and the care visit (探访) each elder the visit policy names is owed per period
// (schemas/visit-policy.ts; until issue 21 a monthly visit, kind monthly_visit).

export const TASK_KINDS = ['maintenance', 'service', 'visit', 'follow_up', 'wellness_check', 'care_visit'] as const;
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
  'care_visit',
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
  /**
   * Care visits: the policy period they are for, local time ('2026-W49', '2026-F25', '2026-12', '2026-Q4';
   * core/visits/periods.ts), the period's end (exclusive; the task is due just before), and which attempt at it
   * this is (1, then 2, ... after a retry). Null for other kinds.
   */
  period: z.string().nullable(),
  periodEndsAt: isoTime.nullable(),
  attempt: z.number().int().positive().nullable(),
  /** Care visits: the ways that count, copied from the policy when the task was made (a later edit leaves it). */
  visitModes: z.array(visitModeSchema).nullable(),
  /** Care visits done: how the visit was made (it covers the period only if visited and among visitModes). */
  visitMode: visitModeSchema.nullable(),
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
