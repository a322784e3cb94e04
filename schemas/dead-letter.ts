import { z } from 'zod';

// Dead letters: device messages the gateway could not take as they were sent, kept for the desk and the admins
// (GET /api/v1/dead-letters) so that a device with a firmware bug is seen, not only counted. A life-safety event
// that was salvaged (its alarm raised on the gateway's clock) is kept here too, with the defects it had.

/**
 * What was wrong with a life-safety event that was salvaged rather than refused (docs/device-protocol.md, 7.2).
 * The alert carries them in `context.inputDefects`, comma-separated.
 */
export const INPUT_DEFECTS = [
  'msg_id_missing',
  'msg_id_invalid',
  'ts_missing',
  'ts_seconds',
  'ts_no_zone',
  'ts_implausible',
  'extra_fields',
  'field_invalid',
] as const;
export const inputDefectSchema = z.enum(INPUT_DEFECTS);
export type InputDefect = z.infer<typeof inputDefectSchema>;

/** Why a message was dead-lettered: a rejection reason, or `salvaged` (a life-safety event applied despite defects). */
export const DEAD_LETTER_REASONS = [
  'unknown_device',
  'payload_too_large',
  'payload_not_utf8',
  'payload_not_json',
  'channel_not_for_kind',
  'payload_invalid',
  /** A msgId the device already used for a message of another type (docs/device-protocol.md, section 8). */
  'duplicate_msg_id_other_type',
  /** `offline` published by a connected device: it is the last will only (section 5.1). */
  'offline_not_will',
  'salvaged',
] as const;
export const deadLetterReasonSchema = z.enum(DEAD_LETTER_REASONS);
export type DeadLetterReason = z.infer<typeof deadLetterReasonSchema>;

export const deadLetterViewSchema = z.object({
  seq: z.number().int(),
  deviceId: z.string(),
  /** The elder the device belongs to (null: the device is no longer registered). */
  elderId: z.string().nullable(),
  regionId: z.string().nullable(),
  topic: z.string(),
  reason: z.string(),
  /** What the schema found wrong, or the defects a salvaged event had; never the payload's values. */
  detail: z.string().nullable(),
  /** The first 512 bytes of the payload, base64. */
  payloadExcerpt: z.string(),
  receivedAt: z.iso.datetime(),
});
export type DeadLetterView = z.infer<typeof deadLetterViewSchema>;

export const deadLetterListQuerySchema = z.strictObject({
  deviceId: z.string().min(1).max(64).optional(),
  reason: deadLetterReasonSchema.optional(),
  /** Only letters of devices of elders in this region (and below); defaults to the caller's region. */
  regionId: z.string().min(1).max(64).optional(),
  /** Received within [from, to). */
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});
export type DeadLetterListQuery = z.infer<typeof deadLetterListQuerySchema>;

export const deadLetterListReplySchema = z.object({ items: z.array(deadLetterViewSchema) });
export type DeadLetterListReply = z.infer<typeof deadLetterListReplySchema>;
