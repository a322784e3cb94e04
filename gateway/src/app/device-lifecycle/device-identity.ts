import type { Logger } from 'pino';
import type { DeviceMessage } from '../../../../schemas/index.js';
import type { RegisteredDevice } from '../directories/device-registry.js';
import type { DeviceStore } from '../ports/store/devices.port.js';

// The firmware and model a device names in its heartbeat (issue 22), kept on its record for the desk's device list.
// Told of every admitted message after the rules are done with it (telemetry-recorder.ts's observers), it compares
// with the registry, so a heartbeat that says what is known costs nothing, and writes only a change, on a later turn
// of the event loop: the PUBACK and any alarm never wait for it. A failed write is logged and forgotten here, so the
// next heartbeat tries again.

export function createDeviceIdentityRecorder(deps: { store: Pick<DeviceStore, 'setDeviceIdentity'>; logger: Logger }) {
  const logger = deps.logger.child({ module: 'device-identity' });

  return {
    observe(_elderId: string, message: DeviceMessage, device: RegisteredDevice): void {
      if (message.channel !== 'status' || message.payload.type !== 'heartbeat') return;
      const { firmware, model } = message.payload;
      const newFirmware = firmware !== undefined && firmware !== device.firmware ? firmware : null;
      const newModel = model !== undefined && model !== device.model ? model : null;
      if (newFirmware === null && newModel === null) return;
      const before = { firmware: device.firmware, model: device.model };
      if (newFirmware !== null) device.firmware = newFirmware;
      if (newModel !== null) device.model = newModel;
      setImmediate(() => {
        deps.store.setDeviceIdentity(device.id, { firmware: newFirmware, model: newModel }).then(
          () => logger.info({ deviceId: device.id, firmware: newFirmware ?? undefined, model: newModel ?? undefined }, 'device reported new firmware or model'),
          (err: unknown) => {
            logger.warn({ err, deviceId: device.id }, 'firmware or model not stored; the next heartbeat tries again');
            if (device.firmware === newFirmware) device.firmware = before.firmware;
            if (device.model === newModel) device.model = before.model;
          },
        );
      });
    },
  };
}

export type DeviceIdentityRecorder = ReturnType<typeof createDeviceIdentityRecorder>;
