import { z } from 'zod';
import { confidenceSchema, envelopeFields, placeLabelSchema } from '../message-envelope.js';

// A camera with on-board analytics (institution room or home). It sends what it detected, never video:
// the room and zone, the detector's confidence and, optionally, a reference to a snapshot kept on the camera or NVR.

export const CAMERA_EVENT_TYPES = ['fall', 'bed_exit', 'no_motion', 'prolonged_stay', 'wandering', 'intrusion'] as const;
export type CameraEventType = (typeof CAMERA_EVENT_TYPES)[number];

const detectionFields = {
  ...envelopeFields,
  room: placeLabelSchema,
  zone: placeLabelSchema.optional(),
  confidence: confidenceSchema,
  snapshotRef: z.string().trim().min(1).max(256).optional(),
};

const detection = <T extends CameraEventType>(type: T) =>
  z.object({ ...detectionFields, type: z.literal(type) }).strict();

export const cameraFallEventSchema = detection('fall');
/** Left the bed; the gateway decides whether it is night and whether the elder came back. */
export const cameraBedExitEventSchema = detection('bed_exit');
/** No motion in the zone for the camera's configured time. */
export const cameraNoMotionEventSchema = detection('no_motion');
/** Stayed in a zone (e.g. bathroom) longer than the camera's configured time. */
export const cameraProlongedStayEventSchema = detection('prolonged_stay');
/** Wandering, or leaving the room or zone the elder should stay in. */
export const cameraWanderingEventSchema = detection('wandering');
/** Somebody unexpected in the room. */
export const cameraIntrusionEventSchema = detection('intrusion');

export const cameraEventSchema = z.discriminatedUnion('type', [
  cameraFallEventSchema,
  cameraBedExitEventSchema,
  cameraNoMotionEventSchema,
  cameraProlongedStayEventSchema,
  cameraWanderingEventSchema,
  cameraIntrusionEventSchema,
]);
export type CameraEvent = z.infer<typeof cameraEventSchema>;
