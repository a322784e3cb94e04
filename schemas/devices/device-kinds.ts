import { z } from 'zod';
import type { DeviceChannel } from '../topics.js';
import { bedSensorEventSchema, bedSensorTelemetrySchema, type BedSensorEvent, type BedSensorTelemetry } from './bed-sensor.js';
import { callButtonEventSchema, type CallButtonEvent } from './call-button.js';
import { cameraEventSchema, type CameraEvent } from './camera.js';
import { deviceStatusSchema, type DeviceStatus } from './device-status.js';
import { doorSensorEventSchema, type DoorSensorEvent } from './door-sensor.js';
import { gasDetectorEventSchema, type GasDetectorEvent } from './gas-detector.js';
import { motionSensorEventSchema, type MotionSensorEvent } from './motion-sensor.js';
import { smokeDetectorEventSchema, type SmokeDetectorEvent } from './smoke-detector.js';
import { waterLeakSensorEventSchema, type WaterLeakSensorEvent } from './water-leak-sensor.js';
import { wearableEventSchema, wearableTelemetrySchema, type WearableEvent, type WearableTelemetry } from './wearable.js';

// Every device kind and what it may send on each channel. The gateway parses a payload with the schema of the
// device's own kind, so a smoke detector cannot raise an SOS and a call button cannot report a heart rate.

export const DEVICE_KINDS = [
  'call_button',
  'wearable',
  'camera',
  'smoke_detector',
  'gas_detector',
  'water_leak_sensor',
  'door_sensor',
  'motion_sensor',
  'bed_sensor',
] as const;
export const deviceKindSchema = z.enum(DEVICE_KINDS);
export type DeviceKind = z.infer<typeof deviceKindSchema>;

/** What each kind sends; `null` where a kind sends nothing on a channel (anything there is rejected). */
export const MESSAGE_SCHEMAS: Record<DeviceKind, Record<DeviceChannel, z.ZodType | null>> = {
  call_button: { events: callButtonEventSchema, telemetry: null, status: deviceStatusSchema },
  wearable: { events: wearableEventSchema, telemetry: wearableTelemetrySchema, status: deviceStatusSchema },
  camera: { events: cameraEventSchema, telemetry: null, status: deviceStatusSchema },
  smoke_detector: { events: smokeDetectorEventSchema, telemetry: null, status: deviceStatusSchema },
  gas_detector: { events: gasDetectorEventSchema, telemetry: null, status: deviceStatusSchema },
  water_leak_sensor: { events: waterLeakSensorEventSchema, telemetry: null, status: deviceStatusSchema },
  door_sensor: { events: doorSensorEventSchema, telemetry: null, status: deviceStatusSchema },
  motion_sensor: { events: motionSensorEventSchema, telemetry: null, status: deviceStatusSchema },
  bed_sensor: { events: bedSensorEventSchema, telemetry: bedSensorTelemetrySchema, status: deviceStatusSchema },
};

/** A parsed device message, tagged with the kind and channel it was parsed for. */
export type DeviceMessage =
  | { kind: DeviceKind; channel: 'status'; payload: DeviceStatus }
  | { kind: 'call_button'; channel: 'events'; payload: CallButtonEvent }
  | { kind: 'wearable'; channel: 'events'; payload: WearableEvent }
  | { kind: 'wearable'; channel: 'telemetry'; payload: WearableTelemetry }
  | { kind: 'camera'; channel: 'events'; payload: CameraEvent }
  | { kind: 'smoke_detector'; channel: 'events'; payload: SmokeDetectorEvent }
  | { kind: 'gas_detector'; channel: 'events'; payload: GasDetectorEvent }
  | { kind: 'water_leak_sensor'; channel: 'events'; payload: WaterLeakSensorEvent }
  | { kind: 'door_sensor'; channel: 'events'; payload: DoorSensorEvent }
  | { kind: 'motion_sensor'; channel: 'events'; payload: MotionSensorEvent }
  | { kind: 'bed_sensor'; channel: 'events'; payload: BedSensorEvent }
  | { kind: 'bed_sensor'; channel: 'telemetry'; payload: BedSensorTelemetry };

export type ParseDeviceMessageResult =
  | { ok: true; message: DeviceMessage }
  | { ok: false; reason: 'channel_not_for_kind' | 'payload_invalid'; detail: string };

/** Parses a JSON value sent by a device of `kind` on `channel`. */
export function parseDeviceMessage(kind: DeviceKind, channel: DeviceChannel, json: unknown): ParseDeviceMessageResult {
  const schema = MESSAGE_SCHEMAS[kind][channel];
  if (!schema) return { ok: false, reason: 'channel_not_for_kind', detail: `a ${kind} sends nothing on ${channel}` };
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const detail = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
    return { ok: false, reason: 'payload_invalid', detail: detail.slice(0, 300) };
  }
  return { ok: true, message: { kind, channel, payload: parsed.data } as DeviceMessage };
}
