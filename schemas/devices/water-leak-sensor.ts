import { z } from 'zod';
import { envelopeFields } from '../message-envelope.js';

// Water leak sensor on the floor of a kitchen or bathroom.

export const waterLeakEventSchema = z.object({ ...envelopeFields, type: z.literal('water_leak') }).strict();
export const waterClearEventSchema = z.object({ ...envelopeFields, type: z.literal('water_clear') }).strict();

export const waterLeakSensorEventSchema = z.discriminatedUnion('type', [waterLeakEventSchema, waterClearEventSchema]);
export type WaterLeakSensorEvent = z.infer<typeof waterLeakSensorEventSchema>;
