import { z } from 'zod';
import { alertDetailSchema, alertStatusSchema, alertViewSchema } from './alert.js';
import { deviceKindSchema } from './devices/device-kinds.js';
import { placeLabelSchema } from './message-envelope.js';
import { riskCategorySchema, thresholdOverridesSchema, thresholdsSchema } from './elder-care-profile.js';
import { taskStatusSchema, taskViewSchema } from './task.js';
import { isValidDeviceId } from './topics.js';

// Bodies, query strings and replies of the REST API (/api/v1). fastify validates with these
// and the OpenAPI document at /api/docs is generated from them.

export const errorReplySchema = z.object({
  error: z.object({ code: z.string(), message: z.string() }),
});

export const loginBodySchema = z.object({
  username: z.string().min(1).max(100),
  password: z.string().min(1).max(200),
});
export const loginReplySchema = z.object({ token: z.string(), expiresAt: z.iso.datetime() });

export const createElderBodySchema = z.object({
  name: z.string().trim().min(1).max(100),
  address: z.string().trim().min(1).max(300),
  phone: z.string().trim().max(40).optional(),
  riskCategory: riskCategorySchema.default('general'),
});
export const awaySchema = z.object({
  since: z.iso.datetime(),
  until: z.iso.datetime().nullable(),
  reason: z.string(),
});
export const elderSchema = z.object({
  id: z.string(),
  name: z.string(),
  address: z.string(),
  phone: z.string().nullable(),
  riskCategory: riskCategorySchema,
  /** The elder's own overrides; `thresholds` is what the rules use (defaults, category, overrides). */
  thresholdOverrides: thresholdOverridesSchema,
  thresholds: thresholdsSchema,
  away: awaySchema.nullable(),
  createdAt: z.iso.datetime(),
});
export type Elder = z.infer<typeof elderSchema>;

export const createDeviceBodySchema = z.object({
  elderId: z.string().min(1),
  kind: deviceKindSchema,
  id: z.string().refine(isValidDeviceId, 'id may hold only letters, digits, _ and -, at most 64').optional(),
  /** Where it is installed ("bathroom", "kitchen", "203"): shown with its alerts; bathroom motion sensors time stays. */
  room: placeLabelSchema.optional(),
});
export const deviceSchema = z.object({
  id: z.string(),
  elderId: z.string(),
  kind: deviceKindSchema,
  room: z.string().nullable(),
  /** Set while the device is in test mode: its alerts are marked test and never dispatched. */
  testModeUntil: z.iso.datetime().nullable(),
  online: z.boolean(),
  battery: z.number().nullable(),
  lastSeenAt: z.iso.datetime().nullable(),
  createdAt: z.iso.datetime(),
});
export type DeviceView = z.infer<typeof deviceSchema>;
/** The secret is returned once, at registration; only its hash is stored. */
export const createDeviceReplySchema = deviceSchema.extend({ secret: z.string() });

export const alertListQuerySchema = z.object({
  status: z.union([z.literal('open'), z.literal('all'), alertStatusSchema]).default('open'),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});
export const alertListReplySchema = z.object({ items: z.array(alertViewSchema) });
export const alertIdParamsSchema = z.object({ id: z.string().min(1).max(64) });
export const ackBodySchema = z.object({ note: z.string().max(2000).optional() }).optional();
export const resolveBodySchema = z.object({ note: z.string().max(2000).optional() }).optional();
export { alertDetailSchema, alertViewSchema };

export const elderIdParamsSchema = z.object({ id: z.string().min(1).max(64) });
export const deviceIdParamsSchema = z.object({ id: z.string().min(1).max(64) });

/** Changes how an elder is watched. Overrides replace the elder's previous overrides as a whole. */
export const careProfileBodySchema = z
  .object({ riskCategory: riskCategorySchema.optional(), thresholdOverrides: thresholdOverridesSchema.optional() })
  .strict();

/** The elder is out or in hospital: inactivity rules pause until `until`, or until the away state is ended. */
export const setAwayBodySchema = z
  .object({ until: z.iso.datetime({ offset: true }).optional(), reason: z.string().trim().min(1).max(200) })
  .strict();

/** Puts a device in test mode for an installer or a mass test; it ends by itself. */
export const testModeBodySchema = z.object({ minutes: z.number().int().min(1).max(7 * 24 * 60) }).strict();

export const taskListQuerySchema = z.object({
  status: z.union([z.literal('all'), taskStatusSchema]).default('open'),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});
export const taskListReplySchema = z.object({ items: z.array(taskViewSchema) });
export const taskIdParamsSchema = z.object({ id: z.string().min(1).max(64) });
export const completeTaskBodySchema = z.object({ note: z.string().max(2000).optional() }).strict().optional();

/** Device events as the gateway recorded them, including detections that did not alarm. */
export const deviceEventRecordSchema = z.object({
  msgId: z.string(),
  type: z.string(),
  deviceTs: z.iso.datetime(),
  receivedAt: z.iso.datetime(),
  payload: z.record(z.string(), z.unknown()),
});
export const deviceEventListReplySchema = z.object({ items: z.array(deviceEventRecordSchema) });
export { taskViewSchema };
