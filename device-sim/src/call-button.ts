import type { ServiceType } from '../../schemas/index.js';
import { SimDevice, type SimDeviceOptions } from './sim-device.js';

// A simulated emergency call button (养老应急呼叫器): the red key for help now, cancel, the green key for a service.

export type CallButtonOptions = SimDeviceOptions;

export class CallButton extends SimDevice<'call_button'> {
  constructor(options: CallButtonOptions) {
    super('call_button', options);
  }

  pressSos(): Promise<string> {
    return this.publishFields('events', { type: 'sos' });
  }

  cancel(): Promise<string> {
    return this.publishFields('events', { type: 'cancel' });
  }

  /** The green key: becomes a service task at the gateway, never an alarm. */
  requestService(service: ServiceType): Promise<string> {
    return this.publishFields('events', { type: 'service_request', service });
  }

  /**
   * Publishes any fields on events or status and resolves with the msgId once the broker acknowledged it.
   * Kept untyped (unlike the other kinds' helpers) for tests that need a button to send something odd.
   */
  override publish(channel: 'events' | 'status', fields: Record<string, unknown>, msgId?: string): Promise<string> {
    return this.publishFields(channel, fields, msgId === undefined ? {} : { msgId });
  }
}
