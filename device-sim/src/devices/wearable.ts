import type { positionTelemetrySchema, vitalsTelemetrySchema } from '../../../schemas/index.js';
import type { FieldsOfType } from '../device-message-fields.js';
import { SimDevice, type PublishOptions, type SimDeviceOptions } from '../sim-device.js';

// A simulated watch or bracelet: SOS, falls, wearing and geofences as events; vitals and position as telemetry.

/** The vital signs a wearable measures; at least one (the schema rejects an empty reading). */
export type WearableVitals = FieldsOfType<typeof vitalsTelemetrySchema, 'vitals'>;
export type WearablePosition = FieldsOfType<typeof positionTelemetrySchema, 'position'>;

export class Wearable extends SimDevice<'wearable'> {
  constructor(options: SimDeviceOptions) {
    super('wearable', options);
  }

  sos(): Promise<string> {
    return this.publish('events', { type: 'sos' });
  }

  /** The watch's fall detector fired; confidence 0–1 when the vendor reports one. */
  fall(confidence?: number): Promise<string> {
    return this.publish('events', { type: 'fall', ...(confidence === undefined ? {} : { confidence }) });
  }

  worn(): Promise<string> {
    return this.publish('events', { type: 'worn' });
  }

  removed(): Promise<string> {
    return this.publish('events', { type: 'removed' });
  }

  geofenceExit(fence = 'home'): Promise<string> {
    return this.publish('events', { type: 'geofence_exit', fence });
  }

  geofenceEnter(fence = 'home'): Promise<string> {
    return this.publish('events', { type: 'geofence_enter', fence });
  }

  /** Telemetry, QoS 0 by default: a lost reading is followed by the next one. */
  vitals(vitals: WearableVitals, options?: PublishOptions): Promise<string> {
    return this.publish('telemetry', { type: 'vitals', ...vitals }, options);
  }

  /** WGS-84 position; accuracy in metres. */
  position(lat: number, lon: number, accuracy: number, options?: PublishOptions): Promise<string> {
    const fix: WearablePosition = { lat, lon, accuracy };
    return this.publish('telemetry', { type: 'position', ...fix }, options);
  }
}
