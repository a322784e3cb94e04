import { z } from 'zod';
import {
  cancelEventSchema,
  heartbeatStatusSchema,
  offlineStatusSchema,
  sosEventSchema,
  testSignalStatusSchema,
} from './call-button.js';
import type { DeviceChannel } from './topics.js';

// One discriminated union per channel: the topic says which union a payload must match.

export const deviceEventSchema = z.discriminatedUnion('type', [sosEventSchema, cancelEventSchema]);
export const deviceStatusSchema = z.discriminatedUnion('type', [
  heartbeatStatusSchema,
  testSignalStatusSchema,
  offlineStatusSchema,
]);
// No telemetry kinds yet (call buttons send none); an empty union is not allowed, so a never-matching schema.
export const deviceTelemetrySchema = z.never();

export type DeviceEvent = z.infer<typeof deviceEventSchema>;
export type DeviceStatus = z.infer<typeof deviceStatusSchema>;

export type DeviceMessage =
  | { channel: 'events'; payload: DeviceEvent }
  | { channel: 'status'; payload: DeviceStatus };

export const schemaByChannel: Record<DeviceChannel, z.ZodType> = {
  events: deviceEventSchema,
  status: deviceStatusSchema,
  telemetry: deviceTelemetrySchema,
};

export const DEVICE_KINDS = ['call_button'] as const;
export const deviceKindSchema = z.enum(DEVICE_KINDS);
export type DeviceKind = z.infer<typeof deviceKindSchema>;
