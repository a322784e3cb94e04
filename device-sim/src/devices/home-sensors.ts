import type { bedVitalsTelemetrySchema } from '../../../schemas/index.js';
import type { FieldsOfType } from '../device-message-fields.js';
import { SimDevice, type PublishOptions, type SimDeviceOptions } from '../sim-device.js';

// The simulated sensors of a home-care bed programme (家庭养老床位): hazards (smoke, gas, water), the entrance door,
// motion, and the bed mattress. Each sends only its own events; the room it is in is set at registration.

export class SmokeDetector extends SimDevice<'smoke_detector'> {
  constructor(options: SimDeviceOptions) {
    super('smoke_detector', options);
  }

  smoke(): Promise<string> {
    return this.publish('events', { type: 'smoke' });
  }

  clear(): Promise<string> {
    return this.publish('events', { type: 'smoke_clear' });
  }
}

export class GasDetector extends SimDevice<'gas_detector'> {
  constructor(options: SimDeviceOptions) {
    super('gas_detector', options);
  }

  /** Alarm, with the measured concentration when the detector reports one. */
  gas(ppm?: number): Promise<string> {
    return this.publish('events', { type: 'gas', ...(ppm === undefined ? {} : { ppm }) });
  }

  clear(): Promise<string> {
    return this.publish('events', { type: 'gas_clear' });
  }
}

export class WaterLeakSensor extends SimDevice<'water_leak_sensor'> {
  constructor(options: SimDeviceOptions) {
    super('water_leak_sensor', options);
  }

  leak(): Promise<string> {
    return this.publish('events', { type: 'water_leak' });
  }

  clear(): Promise<string> {
    return this.publish('events', { type: 'water_clear' });
  }
}

export class DoorSensor extends SimDevice<'door_sensor'> {
  constructor(options: SimDeviceOptions) {
    super('door_sensor', options);
  }

  open(): Promise<string> {
    return this.publish('events', { type: 'door_open' });
  }

  closed(): Promise<string> {
    return this.publish('events', { type: 'door_closed' });
  }
}

export class MotionSensor extends SimDevice<'motion_sensor'> {
  constructor(options: SimDeviceOptions) {
    super('motion_sensor', options);
  }

  /** Somebody passed in front of the sensor. */
  motion(): Promise<string> {
    return this.publish('events', { type: 'motion' });
  }
}

/** What a mattress measures while the elder lies on it; at least one. */
export type BedVitals = FieldsOfType<typeof bedVitalsTelemetrySchema, 'bed_vitals'>;

export class BedSensor extends SimDevice<'bed_sensor'> {
  constructor(options: SimDeviceOptions) {
    super('bed_sensor', options);
  }

  inBed(): Promise<string> {
    return this.publish('events', { type: 'in_bed' });
  }

  outOfBed(): Promise<string> {
    return this.publish('events', { type: 'out_of_bed' });
  }

  /** Telemetry, QoS 0 by default. */
  vitals(vitals: BedVitals, options?: PublishOptions): Promise<string> {
    return this.publish('telemetry', { type: 'bed_vitals', ...vitals }, options);
  }
}
