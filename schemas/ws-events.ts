import { z } from 'zod';
import { alertViewSchema } from './alert.js';
import { taskViewSchema } from './task.js';

// Events the live hub pushes to dashboards over /ws. The first message after connect is a snapshot.

export const deviceStatusEventSchema = z.object({
  deviceId: z.string(),
  elderId: z.string(),
  online: z.boolean(),
  battery: z.number().nullable(),
  lastSeenAt: z.iso.datetime(),
});

export const wsEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('snapshot'), alerts: z.array(alertViewSchema), tasks: z.array(taskViewSchema), at: z.iso.datetime() }),
  z.object({ type: z.literal('alert.raised'), alert: alertViewSchema }),
  z.object({ type: z.literal('alert.updated'), alert: alertViewSchema }),
  z.object({ type: z.literal('task.created'), task: taskViewSchema }),
  z.object({ type: z.literal('task.updated'), task: taskViewSchema }),
  z.object({ type: z.literal('device.status'), device: deviceStatusEventSchema }),
]);
export type WsEvent = z.infer<typeof wsEventSchema>;
