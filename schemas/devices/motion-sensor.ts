import { z } from 'zod';
import { envelopeFields } from '../message-envelope.js';

// Passive infrared motion sensor: one event per pass. The room it watches is set when it is registered.

export const motionEventSchema = z.object({ ...envelopeFields, type: z.literal('motion') }).strict();

export const motionSensorEventSchema = z.discriminatedUnion('type', [motionEventSchema]);
export type MotionSensorEvent = z.infer<typeof motionSensorEventSchema>;
