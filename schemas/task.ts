import { z } from 'zod';
import { serviceTypeSchema } from './devices/call-button.js';

// Tasks: work for a person that is not an alarm. A maintenance visit (battery, offline, missed test signal) or a
// service request from the green key. The care-workflow issue adds dispatch and visits on top of this.

export const TASK_KINDS = ['maintenance', 'service'] as const;
export const taskKindSchema = z.enum(TASK_KINDS);
export type TaskKind = z.infer<typeof taskKindSchema>;

export const TASK_REASONS = ['low_battery', 'device_offline', 'test_signal_missed', 'service_request'] as const;
export const taskReasonSchema = z.enum(TASK_REASONS);
export type TaskReason = z.infer<typeof taskReasonSchema>;

export const TASK_STATUSES = ['open', 'done', 'cancelled'] as const;
export const taskStatusSchema = z.enum(TASK_STATUSES);
export type TaskStatus = z.infer<typeof taskStatusSchema>;

const isoTime = z.iso.datetime();

export const taskViewSchema = z.object({
  id: z.string(),
  kind: taskKindSchema,
  reason: taskReasonSchema,
  status: taskStatusSchema,
  test: z.boolean(),
  elder: z.object({ id: z.string(), name: z.string(), address: z.string() }),
  deviceId: z.string().nullable(),
  alertId: z.string().nullable(),
  service: serviceTypeSchema.nullable(),
  createdAt: isoTime,
  completedAt: isoTime.nullable(),
  completedBy: z.string().nullable(),
  note: z.string().nullable(),
});
export type TaskView = z.infer<typeof taskViewSchema>;
