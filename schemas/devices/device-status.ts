import { z } from 'zod';
import { batterySchema, envelopeFields } from '../message-envelope.js';

// Status messages every device kind sends on devices/{deviceId}/status.

/** The device is alive. Sent at the kind's heartbeat interval; silence past the timeout means offline. */
export const heartbeatStatusSchema = z
  .object({
    ...envelopeFields,
    type: z.literal('heartbeat'),
    battery: batterySchema.optional(),
    firmware: z.string().max(64).optional(),
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

export const deviceStatusSchema = z.discriminatedUnion('type', [
  heartbeatStatusSchema,
  testSignalStatusSchema,
  batteryStatusSchema,
  offlineStatusSchema,
]);
export type DeviceStatus = z.infer<typeof deviceStatusSchema>;
