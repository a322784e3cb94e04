import type { cameraFallEventSchema, CameraEventType } from '../../../schemas/index.js';
import type { FieldsOfType } from '../device-message-fields.js';
import { SimDevice, type SimDeviceOptions } from '../sim-device.js';

// A simulated camera with on-board analytics: it reports what it detected (never video), where, and how sure it is.

/** Where and how sure: the same fields for every detection type. */
export type CameraDetection = FieldsOfType<typeof cameraFallEventSchema, 'fall'>;

export class Camera extends SimDevice<'camera'> {
  constructor(options: SimDeviceOptions) {
    super('camera', options);
  }

  /** One detection: fall, bed_exit, no_motion, prolonged_stay, wandering or intrusion. */
  detect(type: CameraEventType, detection: CameraDetection): Promise<string> {
    return this.publish('events', { type, ...detection });
  }
}
