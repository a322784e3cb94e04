import { z } from 'zod';
import { batterySchema, envelopeFields } from '../message-envelope.js';

// Status messages every device kind sends on devices/{deviceId}/status.

/** The device is alive. Sent at the kind's heartbeat interval; silence past the timeout means offline. */
export const heartbeatStatusSchema = z
  .object({
    ...envelopeFields,
    type: z.literal('heartbeat'),
    battery: batterySchema.optional(),
    /** The firmware version the device runs; shown on the desk's device list (issue 22). */
    firmware: z.string().trim().min(1).max(64).optional(),
    /** The vendor's model name or number. */
    model: z.string().trim().min(1).max(64).optional(),
  })
  .strict();

/** Periodic test signal (telecare devices send one every day or so to prove the whole path works). */
export const testSignalStatusSchema = z
  .object({ ...envelopeFields, type: z.literal('test'), battery: batterySchema.optional() })
  .strict();

/** A battery report on its own, for devices that report it apart from the heartbeat. */
export const batteryStatusSchema = z
  .object({ ...envelopeFields, type: z.literal('battery'), battery: batterySchema })
  .strict();

/** The device's last will: the broker publishes it when the connection drops without DISCONNECT. */
export const offlineStatusSchema = z.object({ ...envelopeFields, type: z.literal('offline') }).strict();

/**
 * The device's answer to a command it got on devices/{id}/commands (issue 22): `received` when it has it (the
 * gateway marks the command delivered, for brokers that do not show the gateway the device's PUBACK), then `done`
 * or `failed`. A result for a command the gateway did not send this device is counted and dropped.
 */
export const commandResultStatusSchema = z
  .object({
    ...envelopeFields,
    type: z.literal('command_result'),
    commandId: z.string().min(1).max(64),
    status: z.enum(['received', 'done', 'failed']),
    /** Why it failed, in the vendor's words (shown to the desk). */
    reason: z.string().trim().min(1).max(200).optional(),
    /** What the command produced: a position (locate), a snapshot reference (snapshot). */
    data: z
      .strictObject({
        lat: z.number().min(-90).max(90).optional(),
        lon: z.number().min(-180).max(180).optional(),
        /** Radius of the position's uncertainty, metres. */
        accuracyM: z.number().min(0).max(100_000).optional(),
        /** Where the snapshot can be fetched (a URL or the vendor's reference). */
        snapshotRef: z.string().trim().min(1).max(512).optional(),
      })
      .optional(),
  })
  .strict();
export type CommandResultStatus = z.infer<typeof commandResultStatusSchema>;

export const deviceStatusSchema = z.discriminatedUnion('type', [
  heartbeatStatusSchema,
  testSignalStatusSchema,
  batteryStatusSchema,
  offlineStatusSchema,
  commandResultStatusSchema,
]);
export type DeviceStatus = z.infer<typeof deviceStatusSchema>;
