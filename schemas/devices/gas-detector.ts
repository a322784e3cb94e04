import { z } from 'zod';
import { envelopeFields } from '../message-envelope.js';

// Combustible gas detector (kitchen): alarm with the measured concentration where the detector reports it.

export const gasEventSchema = z
  .object({ ...envelopeFields, type: z.literal('gas'), ppm: z.number().min(0).max(1_000_000).optional() })
  .strict();
export const gasClearEventSchema = z.object({ ...envelopeFields, type: z.literal('gas_clear') }).strict();

export const gasDetectorEventSchema = z.discriminatedUnion('type', [gasEventSchema, gasClearEventSchema]);
export type GasDetectorEvent = z.infer<typeof gasDetectorEventSchema>;
