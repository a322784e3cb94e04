import { afterAll, beforeAll } from 'vitest';
import type { DeviceKind } from '../../schemas/index.js';
import { startTestGateway, type TestGateway } from './test-gateway.js';

// A real gateway and the simulator's devices (device-sim) on it, for a whole test file: the gateway started before
// its first test; each device registered over REST for an elder, built with the secret the gateway gave it and
// connected; all of them closed after the last test, the devices before the gateway.

/** What a simulated device needs to log in; each test adds its own options (home position, listeners). */
export interface SimDeviceLogin {
  url: string;
  deviceId: string;
  secret: string;
}

interface SimDevice {
  connect(): Promise<void>;
  close(timeoutMs?: number): Promise<void>;
}

export interface SimulatedDevices {
  /** The gateway, set once beforeAll has started it (read it inside tests and hooks). */
  gw: TestGateway;
  open<D extends SimDevice>(elderId: string, kind: DeviceKind, make: (login: SimDeviceLogin) => D): Promise<D>;
}

/** Registers the file's beforeAll/afterAll; call it at the top level of a test file. */
export function useSimulatedDevices(): SimulatedDevices {
  const opened: SimDevice[] = [];
  const suite: SimulatedDevices = {
    gw: undefined as unknown as TestGateway, // set by beforeAll
    async open(elderId, kind, make) {
      const registered = await suite.gw.api.createDevice({ elderId, kind });
      const device = make({ url: suite.gw.mqttUrl, deviceId: registered.id, secret: registered.secret });
      opened.push(device);
      await device.connect();
      return device;
    },
  };

  beforeAll(async () => {
    suite.gw = await startTestGateway();
  }, 30_000);
  afterAll(async () => {
    await Promise.allSettled(opened.map((d) => d.close(1_000)));
    await suite.gw?.close();
  });

  return suite;
}
