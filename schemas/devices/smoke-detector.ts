import { z } from 'zod';
import { envelopeFields } from '../message-envelope.js';

// Smoke detector: alarm and the all-clear. A P1 alarm is never closed by the detector alone; the clear is noted.

export const smokeEventSchema = z.object({ ...envelopeFields, type: z.literal('smoke') }).strict();
export const smokeClearEventSchema = z.object({ ...envelopeFields, type: z.literal('smoke_clear') }).strict();

export const smokeDetectorEventSchema = z.discriminatedUnion('type', [smokeEventSchema, smokeClearEventSchema]);
export type SmokeDetectorEvent = z.infer<typeof smokeDetectorEventSchema>;
