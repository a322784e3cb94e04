import { z } from 'zod';
import { envelopeFields } from '../message-envelope.js';

// Bed / mattress presence sensor of a home-care bed (家庭养老床位): in bed, out of bed, and, for mattresses that
// measure them, heart and breathing rate while the elder lies on it.

export const inBedEventSchema = z.object({ ...envelopeFields, type: z.literal('in_bed') }).strict();
export const outOfBedEventSchema = z.object({ ...envelopeFields, type: z.literal('out_of_bed') }).strict();

export const bedSensorEventSchema = z.discriminatedUnion('type', [inBedEventSchema, outOfBedEventSchema]);
export type BedSensorEvent = z.infer<typeof bedSensorEventSchema>;

export const bedVitalsTelemetrySchema = z
  .object({
    ...envelopeFields,
    type: z.literal('bed_vitals'),
    heartRate: z.number().int().min(0).max(300).optional(),
    breathingRate: z.number().int().min(0).max(100).optional(),
  })
  .strict()
  .refine((v) => v.heartRate !== undefined || v.breathingRate !== undefined, 'bed_vitals must carry heartRate or breathingRate');

export const bedSensorTelemetrySchema = z.discriminatedUnion('type', [bedVitalsTelemetrySchema]);
export type BedSensorTelemetry = z.infer<typeof bedSensorTelemetrySchema>;
