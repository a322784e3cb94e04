import { z } from 'zod';
import { batterySchema, envelopeFields } from './message-envelope.js';

// The emergency call button (养老应急呼叫器) by the bed or on a lanyard.

/** Red key pressed: a life-safety alarm. */
export const sosEventSchema = z.object({ ...envelopeFields, type: z.literal('sos') }).strict();

/** The elder pressed cancel after a press: the alarm stays visible, marked cancelled by the elder. */
export const cancelEventSchema = z.object({ ...envelopeFields, type: z.literal('cancel') }).strict();

export const heartbeatStatusSchema = z
  .object({
    ...envelopeFields,
    type: z.literal('heartbeat'),
    battery: batterySchema.optional(),
    firmware: z.string().max(64).optional(),
  })
  .strict();

/** Periodic test signal (telecare devices send one every day or so to prove the path works). */
export const testSignalStatusSchema = z
  .object({ ...envelopeFields, type: z.literal('test'), battery: batterySchema.optional() })
  .strict();

/** The device's last will: the broker publishes it when the connection drops without DISCONNECT. */
export const offlineStatusSchema = z
  .object({ ...envelopeFields, type: z.literal('offline') })
  .strict();
