import { z } from 'zod';
import { envelopeFields } from '../message-envelope.js';

// The emergency call button (养老应急呼叫器) by the bed or on a lanyard: a red key for help now,
// a green key for a service request.

/** Red key pressed: a life-safety alarm. */
export const sosEventSchema = z.object({ ...envelopeFields, type: z.literal('sos') }).strict();

/** The elder pressed cancel after a press: the alarm stays visible, marked cancelled by the elder. */
export const cancelEventSchema = z.object({ ...envelopeFields, type: z.literal('cancel') }).strict();

/** The services a green key can ask for: the 六助 of home care, and a plain question. */
/**
 * The six helps (六助: meals, cleaning, bathing, a ride, a doctor, and help in an emergency, which is the red key)
 * as services, with shopping (助购), errands (代办) and company (精神慰藉) that the 12349 line takes too, and a question.
 */
export const SERVICE_TYPES = ['meals', 'cleaning', 'bathing', 'ride', 'doctor', 'shopping', 'errands', 'companionship', 'question'] as const;
export const serviceTypeSchema = z.enum(SERVICE_TYPES);
export type ServiceType = z.infer<typeof serviceTypeSchema>;

/** Green key pressed: a service request. It becomes a service task, never an alarm. */
export const serviceRequestEventSchema = z
  .object({ ...envelopeFields, type: z.literal('service_request'), service: serviceTypeSchema.default('question') })
  .strict();

export const callButtonEventSchema = z.discriminatedUnion('type', [
  sosEventSchema,
  cancelEventSchema,
  serviceRequestEventSchema,
]);
export type CallButtonEvent = z.infer<typeof callButtonEventSchema>;
