import type { z } from 'zod';
import type {
  bedSensorEventSchema,
  bedSensorTelemetrySchema,
  callButtonEventSchema,
  cameraEventSchema,
  deviceStatusSchema,
  DeviceKind,
  doorSensorEventSchema,
  gasDetectorEventSchema,
  motionSensorEventSchema,
  smokeDetectorEventSchema,
  waterLeakSensorEventSchema,
  wearableEventSchema,
  wearableTelemetrySchema,
} from '../../schemas/index.js';

// What a simulated device may put in a message, derived from the zod schemas in schemas/devices/ (the input side:
// what a device sends, before defaults). msgId and ts are the envelope the simulator adds. A field a kind's schema
// does not know is a compile error in the simulator, not a dead letter at the gateway.

/** Omit over each member of a union, so the `type` discriminant keeps narrowing the other fields. */
type OmitEach<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** A message's own fields: everything but the envelope. */
export type FieldsOf<S extends z.ZodType> = OmitEach<z.input<S>, 'msgId' | 'ts'>;

/** The fields of one message type, without `type` itself: the argument of a typed helper. */
export type FieldsOfType<S extends z.ZodType, T extends string> = Omit<Extract<FieldsOf<S>, { type: T }>, 'type'>;

type StatusFields = FieldsOf<typeof deviceStatusSchema>;

/** Per kind, per channel it uses, the fields it may send. Mirrors MESSAGE_SCHEMAS in schemas/devices/device-kinds.ts. */
export interface KindMessageFields {
  call_button: { events: FieldsOf<typeof callButtonEventSchema>; status: StatusFields };
  wearable: { events: FieldsOf<typeof wearableEventSchema>; telemetry: FieldsOf<typeof wearableTelemetrySchema>; status: StatusFields };
  camera: { events: FieldsOf<typeof cameraEventSchema>; status: StatusFields };
  smoke_detector: { events: FieldsOf<typeof smokeDetectorEventSchema>; status: StatusFields };
  gas_detector: { events: FieldsOf<typeof gasDetectorEventSchema>; status: StatusFields };
  water_leak_sensor: { events: FieldsOf<typeof waterLeakSensorEventSchema>; status: StatusFields };
  door_sensor: { events: FieldsOf<typeof doorSensorEventSchema>; status: StatusFields };
  motion_sensor: { events: FieldsOf<typeof motionSensorEventSchema>; status: StatusFields };
  bed_sensor: { events: FieldsOf<typeof bedSensorEventSchema>; telemetry: FieldsOf<typeof bedSensorTelemetrySchema>; status: StatusFields };
}

/** The channels a kind publishes on. */
export type ChannelOf<K extends DeviceKind> = keyof KindMessageFields[K] & ('events' | 'telemetry' | 'status');

/** The fields a device of kind K may send on channel C. */
export type MessageFields<K extends DeviceKind, C extends ChannelOf<K>> = KindMessageFields[K][C];

// Every device kind has an entry: adding a kind to DEVICE_KINDS without one fails to compile here.
type MissingKinds = Exclude<DeviceKind, keyof KindMessageFields>;
const everyKindHasFields: [MissingKinds] extends [never] ? true : MissingKinds = true;
void everyKindHasFields;
