import { z } from 'zod';
import { alertViewSchema } from './alert.js';
import { taskViewSchema } from './task.js';
import { callIncomingEventSchema } from './call.js';

// Events the live hub pushes to dashboards over /ws. The first message after connect is a snapshot.

export const deviceStatusEventSchema = z.object({
  deviceId: z.string(),
  elderId: z.string(),
  /** The elder's region: the hub sends the event only to people whose region contains it. */
  regionId: z.string(),
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
  /** An alert nobody acknowledged in time: the desk is alerted again (level 1), then the supervisor tier (level 2). */
  z.object({ type: z.literal('alert.escalated'), alertId: z.string(), regionId: z.string(), level: z.number().int().min(1).max(2) }),
  /** The store cannot write (failing: true): alarms are refused at the PUBACK and devices resend them; then it can again. */
  z.object({ type: z.literal('store.status'), failing: z.boolean(), since: z.iso.datetime() }),
  /**
   * A call is ringing (announced by a softphone or PBX through the telephony hook): the desks of the matching elder's
   * region get it, every desk when nobody matches (regionId null).
   */
  z.object({ type: z.literal('call.incoming'), regionId: z.string().nullable(), call: callIncomingEventSchema }),
  /** A complaint passed its handling deadline unclosed: its region's supervisors are told. */
  z.object({ type: z.literal('complaint.overdue'), complaintId: z.string(), regionId: z.string(), dueAt: z.iso.datetime() }),
  /** The gateway's pulse, every few seconds: a desk that stops hearing it knows its picture is stale. */
  z.object({ type: z.literal('heartbeat'), at: z.iso.datetime(), openLifeSafety: z.number().int().nonnegative(), desksWatching: z.number().int().nonnegative() }),
]);
export type WsEvent = z.infer<typeof wsEventSchema>;
