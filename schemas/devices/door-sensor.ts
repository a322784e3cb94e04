import { z } from 'zod';
import { envelopeFields } from '../message-envelope.js';

// Door contact on the entrance door. Its value is the absence of events: no opening for days means trouble.

export const doorOpenEventSchema = z.object({ ...envelopeFields, type: z.literal('door_open') }).strict();
export const doorClosedEventSchema = z.object({ ...envelopeFields, type: z.literal('door_closed') }).strict();

export const doorSensorEventSchema = z.discriminatedUnion('type', [doorOpenEventSchema, doorClosedEventSchema]);
export type DoorSensorEvent = z.infer<typeof doorSensorEventSchema>;
