import { z } from 'zod';

// People who use the gateway. Admins manage; operators watch the desk of their region; supervisors are operators
// who also receive escalations; responders (community care workers, nurses, family members, service providers)
// work from their phones on what is dispatched to them in their community.

export const USER_ROLES = ['admin', 'supervisor', 'operator', 'responder'] as const;
export const userRoleSchema = z.enum(USER_ROLES);
export type UserRole = z.infer<typeof userRoleSchema>;

export const RESPONDER_KINDS = ['care_worker', 'nurse', 'family', 'service_provider'] as const;
export const responderKindSchema = z.enum(RESPONDER_KINDS);
export type ResponderKind = z.infer<typeof responderKindSchema>;

export const userSchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: userRoleSchema,
  regionId: z.string(),
  responderKind: responderKindSchema.nullable(),
  phone: z.string().nullable(),
  onDuty: z.boolean(),
  /** An admin disabled the account: it cannot log in and its sessions ended. */
  disabled: z.boolean(),
  createdAt: z.iso.datetime(),
});
export type UserView = z.infer<typeof userSchema>;

const password = z.string().min(10, 'at least 10 characters').max(200);

export const createUserBodySchema = z
  .object({
    username: z.string().trim().min(2).max(64).regex(/^[A-Za-z0-9_.-]+$/, 'letters, digits, _ . -'),
    displayName: z.string().trim().min(1).max(100),
    password,
    role: userRoleSchema,
    regionId: z.string().min(1).max(64),
    /** Required for responders. */
    responderKind: responderKindSchema.optional(),
    /** As an elder's: a Chinese mobile or landline in any common form, stored as its national digits; PHONE_INVALID otherwise. */
    phone: z.string().trim().max(40).optional(),
  })
  .strict()
  .refine((u) => (u.role === 'responder') === (u.responderKind !== undefined), {
    message: 'responderKind is required for responders and only for them',
    path: ['responderKind'],
  });

/** phone as in createUserBodySchema; '' removes it. */
export const updateUserBodySchema = z.object({ onDuty: z.boolean().optional(), phone: z.string().trim().max(40).optional() }).strict();

export const userListReplySchema = z.object({ items: z.array(userSchema) });

/** POST /api/v1/auth/password: a new password of one's own; the current one proves it is the owner asking. */
export const changePasswordBodySchema = z.object({ currentPassword: z.string().min(1).max(200), newPassword: password }).strict();

/** POST /api/v1/users/:id/password: an admin sets a new password (the person is told it another way). */
export const resetPasswordBodySchema = z.object({ password }).strict();

/** A live session: where and when it was opened, when it ends; `current` is the one asking. */
export const sessionSchema = z.object({
  id: z.string(),
  createdAt: z.iso.datetime(),
  expiresAt: z.iso.datetime(),
  address: z.string().nullable(),
  current: z.boolean(),
});
export type SessionView = z.infer<typeof sessionSchema>;
export const sessionListReplySchema = z.object({ items: z.array(sessionSchema) });

export const userIdParamsSchema = z.object({ id: z.string().min(1).max(64) });
export const userSessionParamsSchema = z.object({ id: z.string().min(1).max(64), sid: z.string().min(1).max(64) });

/** Who is asking: returned by GET /api/v1/me so pages know what to show. */
export const meReplySchema = userSchema;
