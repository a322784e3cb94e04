import type { Logger } from 'pino';
import { HEARTBEAT_SECONDS_BY_KIND, TEST_SIGNAL_EVERY_MS, TEST_SIGNAL_KINDS } from './device-habits.js';
import type { SimDevice } from './sim-device.js';

// Devices kept connected after their scenario has played (the demo's): a heartbeat at their kind's interval and
// the daily test signal, nothing else. The gateway rightly reports a device that goes quiet or disconnects as
// offline, so a scenario's devices must stay alive for its elder to show only what the scenario was about.

export interface KeptDevices {
  /** Starts keeping a connected device alive. */
  add(device: SimDevice): void;
  readonly size: number;
  /** Stops the timers and disconnects every kept device. */
  stop(): Promise<void>;
}

export function keepDevicesAlive(logger: Logger): KeptDevices {
  const log = logger.child({ module: 'device-sim' });
  const devices = new Set<SimDevice>();
  const timers = new Set<NodeJS.Timeout>();
  let stopped = false;

  const every = (ms: number, task: () => Promise<unknown>, device: SimDevice, what: string): void => {
    const timer = setInterval(() => {
      task().catch((err: unknown) => {
        if (!stopped) log.warn({ deviceId: device.deviceId, err }, `${what} failed`);
      });
    }, ms);
    timers.add(timer);
  };

  return {
    add(device) {
      if (stopped || devices.has(device)) return;
      devices.add(device);
      // No battery: the gateway keeps the level the scenario last reported.
      every(HEARTBEAT_SECONDS_BY_KIND[device.kind] * 1000, () => device.heartbeat(), device, 'heartbeat');
      if (TEST_SIGNAL_KINDS.has(device.kind)) every(TEST_SIGNAL_EVERY_MS, () => device.testSignal(), device, 'test signal');
    },
    get size() {
      return devices.size;
    },
    async stop() {
      stopped = true;
      for (const timer of timers) clearInterval(timer);
      timers.clear();
      await Promise.allSettled([...devices].map((d) => d.close(3_000)));
      devices.clear();
    },
  };
}
