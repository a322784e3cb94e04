import type { Logger } from 'pino';
import type { DeviceMessage } from '../../../../schemas/index.js';
import type { RegisteredDevice } from '../directories/device-registry.js';
import type { DeviceStore } from '../ports/store/devices.port.js';

// The firmware and model a device names in its heartbeat (issue 22), kept on its record for the desk's device list.
// Told of every admitted message after the rules are done with it (telemetry-recorder.ts's observers), it compares
// with the registry, so a heartbeat that says what is known costs nothing. Changes are gathered and written together
// once a second, in one transaction: a fleet's first heartbeats after a start (10,000 devices naming their firmware)
// must not become 10,000 writes on the alarms' connection. The PUBACK and any alarm never wait for it. A failed write
// is logged and the registry put back, so the next heartbeat tries again.

const FLUSH_MS = 1_000;

interface IdentityChange {
  device: RegisteredDevice;
  firmware: string | null;
  model: string | null;
  before: { firmware: string | null; model: string | null };
}

export function createDeviceIdentityRecorder(deps: { store: Pick<DeviceStore, 'setDeviceIdentities'>; logger: Logger; flushMs?: number }) {
  const logger = deps.logger.child({ module: 'device-identity' });
  let pending = new Map<string, IdentityChange>();
  let timer: NodeJS.Timeout | null = null;

  function flush(): void {
    timer = null;
    const changes = [...pending.values()];
    pending = new Map();
    deps.store.setDeviceIdentities(changes.map((c) => ({ id: c.device.id, firmware: c.firmware, model: c.model }))).then(
      () => logger.info({ devices: changes.length }, 'devices reported new firmware or model'),
      (err: unknown) => {
        logger.warn({ err, devices: changes.length }, 'firmware or model not stored; the next heartbeats try again');
        for (const { device, firmware, model, before } of changes) {
          if (firmware !== null && device.firmware === firmware) device.firmware = before.firmware;
          if (model !== null && device.model === model) device.model = before.model;
        }
      },
    );
  }

  return {
    observe(_elderId: string, message: DeviceMessage, device: RegisteredDevice): void {
      if (message.channel !== 'status' || message.payload.type !== 'heartbeat') return;
      const { firmware, model } = message.payload;
      const newFirmware = firmware !== undefined && firmware !== device.firmware ? firmware : null;
      const newModel = model !== undefined && model !== device.model ? model : null;
      if (newFirmware === null && newModel === null) return;
      const earlier = pending.get(device.id);
      const before = earlier?.before ?? { firmware: device.firmware, model: device.model };
      if (newFirmware !== null) device.firmware = newFirmware;
      if (newModel !== null) device.model = newModel;
      pending.set(device.id, { device, firmware: newFirmware ?? earlier?.firmware ?? null, model: newModel ?? earlier?.model ?? null, before });
      if (!timer) {
        timer = setTimeout(flush, deps.flushMs ?? FLUSH_MS);
        timer.unref();
      }
    },
  };
}

export type DeviceIdentityRecorder = ReturnType<typeof createDeviceIdentityRecorder>;
