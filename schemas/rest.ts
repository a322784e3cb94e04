import { z } from 'zod';
import { alertDetailSchema, alertStatusSchema, alertViewSchema } from './alert.js';
import { deviceKindSchema } from './device-messages.js';
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
});
export const elderSchema = z.object({
  id: z.string(),
  name: z.string(),
  address: z.string(),
  phone: z.string().nullable(),
  createdAt: z.iso.datetime(),
});
export type Elder = z.infer<typeof elderSchema>;

export const createDeviceBodySchema = z.object({
  elderId: z.string().min(1),
  kind: deviceKindSchema,
  id: z.string().refine(isValidDeviceId, 'id may hold only letters, digits, _ and -, at most 64').optional(),
});
export const deviceSchema = z.object({
  id: z.string(),
  elderId: z.string(),
  kind: deviceKindSchema,
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
