import { z } from 'zod';
import { deviceCommandParameterShapes, deviceCommandTypeSchema } from './device-commands.js';
import { deviceKindSchema } from './devices/device-kinds.js';
import { placeLabelSchema } from './message-envelope.js';
import { isValidDeviceId } from './topics.js';

// The REST contract of device management and commands (issue 22): commands as records, the device list's filters,
// retire, replace, move and bulk registration. The wire format a device sees is in device-commands.ts.

const deviceIdField = z.string().refine(isValidDeviceId, 'id may hold only letters, digits, _ and -, at most 64');

// ---- Commands --------------------------------------------------------------------------------------------------

export const DEVICE_COMMAND_STATUSES = ['queued', 'sent', 'delivered', 'done', 'failed', 'expired'] as const;
export type DeviceCommandStatus = (typeof DEVICE_COMMAND_STATUSES)[number];
export const deviceCommandStatusSchema = z.enum(DEVICE_COMMAND_STATUSES);
/** The statuses a command can still move on from: it is waiting, on its way or with the device. */
export const PENDING_COMMAND_STATUSES: readonly DeviceCommandStatus[] = ['queued', 'sent', 'delivered'];

const commandOptions = {
  /**
   * Your id for the command (letters, digits, _ and -): sending the same id again returns the stored command and
   * sends nothing (idempotent); the same id with other parameters is 409 COMMAND_ID_TAKEN. Made for you when absent.
   */
  id: deviceIdField.optional(),
  /** The alert this command is part of: the command shows on the alert's timeline too. */
  alertId: z.string().min(1).max(64).optional(),
  /** Seconds the gateway keeps trying before the command expires (default by type: 120 s for locate/snapshot, 1 h otherwise). */
  ttlSeconds: z.number().int().min(1).max(7 * 86_400).optional(),
};

export const createDeviceCommandBodySchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('locate'), ...commandOptions, ...deviceCommandParameterShapes.locate }),
  z.strictObject({ type: z.literal('snapshot'), ...commandOptions, ...deviceCommandParameterShapes.snapshot }),
  z.strictObject({ type: z.literal('set_intervals'), ...commandOptions, ...deviceCommandParameterShapes.set_intervals }),
  z.strictObject({ type: z.literal('set_thresholds'), ...commandOptions, ...deviceCommandParameterShapes.set_thresholds }),
  z.strictObject({ type: z.literal('test_mode'), ...commandOptions, ...deviceCommandParameterShapes.test_mode }),
  z.strictObject({ type: z.literal('play_message'), ...commandOptions, ...deviceCommandParameterShapes.play_message }),
  z.strictObject({ type: z.literal('reboot'), ...commandOptions, ...deviceCommandParameterShapes.reboot }),
]);
export type CreateDeviceCommandBody = z.infer<typeof createDeviceCommandBodySchema>;

const isoTime = z.iso.datetime();

export const deviceCommandViewSchema = z.object({
  id: z.string(),
  deviceId: z.string(),
  elderId: z.string(),
  alertId: z.string().nullable(),
  type: deviceCommandTypeSchema,
  /** The command's parameters as sent (without type, id and the envelope). */
  parameters: z.record(z.string(), z.unknown()),
  status: deviceCommandStatusSchema,
  /** Who asked for it: `user:<id>`. */
  createdBy: z.string(),
  createdAt: isoTime,
  /** The stored deadline: still pending then, it expires. */
  expiresAt: isoTime,
  sentAt: isoTime.nullable(),
  deliveredAt: isoTime.nullable(),
  /** When it was done, failed or expired. */
  finishedAt: isoTime.nullable(),
  /** How many times it was published (a device that went away before its PUBACK gets it again on reconnecting). */
  sendCount: z.number().int(),
  /** The device's reason when failed. */
  failureReason: z.string().nullable(),
  /** What the device reported with `done`: a position, a snapshot reference. */
  resultData: z.record(z.string(), z.unknown()).nullable(),
});
export type DeviceCommandView = z.infer<typeof deviceCommandViewSchema>;

export const deviceCommandListQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().min(1).max(200).optional(),
});
/** Newest first. */
export const deviceCommandListReplySchema = z.object({ items: z.array(deviceCommandViewSchema), nextCursor: z.string().nullable() });

// ---- Device lifecycle -------------------------------------------------------------------------------------------

/** A device's state on the list: connected, silent, never heard from, or taken out of service. */
export const DEVICE_STATES = ['online', 'offline', 'never_seen', 'retired'] as const;
export const deviceStateSchema = z.enum(DEVICE_STATES);
export type DeviceState = z.infer<typeof deviceStateSchema>;

/** POST /devices/:id/retire: out of service for good; it can no longer connect, its history stays. */
export const retireDeviceBodySchema = z.strictObject({ reason: z.string().trim().min(1).max(500) });

/**
 * POST /devices/:id/replace: new hardware takes the old one's place (elder, room, kind); the old one is retired, its
 * open technical alerts (offline, low battery, tamper, ...) are cleared. The reply is the new device with its secret.
 */
export const replaceDeviceBodySchema = z.strictObject({
  /** The new device's id (printed on it); made for you when absent. */
  newId: deviceIdField.optional(),
  reason: z.string().trim().min(1).max(500).optional(),
});

/** PATCH /devices/:id: move it to another elder or another place in the home. */
export const moveDeviceBodySchema = z
  .strictObject({ elderId: z.string().min(1).max(64).optional(), room: placeLabelSchema.nullable().optional() })
  .refine((b) => b.elderId !== undefined || b.room !== undefined, 'give elderId or room');

// ---- Bulk registration ------------------------------------------------------------------------------------------

/** One row of a device file (CSV columns id, kind, elderId or elderIdNumber, room, model). */
export const deviceImportRowSchema = z.object({
  /** The row's line in the file (1 = the header). */
  line: z.number().int(),
  id: z.string().nullable(),
  kind: z.string().nullable(),
  elderId: z.string().nullable(),
  room: z.string().nullable(),
  /** What is wrong with the row; null when it can be registered. */
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
});
/**
 * POST /device-imports?dryRun=true|false with a CSV body (text/csv, UTF-8 or GBK): all rows or none. The dry run (the
 * default) checks every row; the commit registers them in one transaction and returns each secret once.
 */
export const deviceImportReplySchema = z.object({
  dryRun: z.boolean(),
  rows: z.array(deviceImportRowSchema),
  /** Rows with an error; the commit writes nothing when this is not 0. */
  invalidRows: z.number().int(),
  /** The registered devices with their secrets (commit only; shown this once). */
  created: z.array(z.object({ id: z.string(), kind: deviceKindSchema, elderId: z.string(), secret: z.string() })),
});
export const deviceImportQuerySchema = z.strictObject({
  dryRun: z.enum(['true', 'false']).default('true').transform((v) => v === 'true'),
});
