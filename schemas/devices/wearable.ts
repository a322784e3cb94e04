import { z } from 'zod';
import { confidenceSchema, envelopeFields, placeLabelSchema } from '../message-envelope.js';

// A watch or bracelet: vitals and position as telemetry; SOS, falls, wearing and geofences as events.

export const wearableSosEventSchema = z.object({ ...envelopeFields, type: z.literal('sos') }).strict();

export const wearableFallEventSchema = z
  .object({ ...envelopeFields, type: z.literal('fall'), confidence: confidenceSchema.optional() })
  .strict();

/** The wearable sensed it was put on (worn) or taken off (removed). */
export const wornEventSchema = z.object({ ...envelopeFields, type: z.literal('worn') }).strict();
export const removedEventSchema = z.object({ ...envelopeFields, type: z.literal('removed') }).strict();

/** The wearer left or re-entered a geofence configured on the device (e.g. "home", "community"). */
export const geofenceExitEventSchema = z
  .object({ ...envelopeFields, type: z.literal('geofence_exit'), fence: placeLabelSchema.default('home') })
  .strict();
export const geofenceEnterEventSchema = z
  .object({ ...envelopeFields, type: z.literal('geofence_enter'), fence: placeLabelSchema.default('home') })
  .strict();

export const wearableEventSchema = z.discriminatedUnion('type', [
  wearableSosEventSchema,
  wearableFallEventSchema,
  wornEventSchema,
  removedEventSchema,
  geofenceExitEventSchema,
  geofenceEnterEventSchema,
]);
export type WearableEvent = z.infer<typeof wearableEventSchema>;

/** Vital signs; a wearable sends the ones it measures, at least one. */
export const vitalsTelemetrySchema = z
  .object({
    ...envelopeFields,
    type: z.literal('vitals'),
    heartRate: z.number().int().min(0).max(300).optional(),
    spo2: z.number().min(0).max(100).optional(),
    skinTemperature: z.number().min(20).max(45).optional(),
    steps: z.number().int().min(0).max(1_000_000).optional(),
  })
  .strict()
  .refine(
    (v) => v.heartRate !== undefined || v.spo2 !== undefined || v.skinTemperature !== undefined || v.steps !== undefined,
    'vitals must carry at least one of heartRate, spo2, skinTemperature, steps',
  );

/** WGS-84 position with the fix's accuracy in metres. */
export const positionTelemetrySchema = z
  .object({
    ...envelopeFields,
    type: z.literal('position'),
    lat: z.number().min(-90).max(90),
    lon: z.number().min(-180).max(180),
    accuracy: z.number().min(0).max(100_000),
  })
  .strict();

export const wearableTelemetrySchema = z.discriminatedUnion('type', [vitalsTelemetrySchema, positionTelemetrySchema]);
export type WearableTelemetry = z.infer<typeof wearableTelemetrySchema>;
