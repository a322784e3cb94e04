import type { Logger } from 'pino';
import { CallButton } from './call-button.js';
import { FIRMWARE, HEARTBEAT_SECONDS_BY_KIND, MAINS_POWERED, TEST_SIGNAL_EVERY_MS, TEST_SIGNAL_KINDS } from './device-habits.js';
import { createSimDevice } from './devices/index.js';
import { startHomeLife } from './home-life.js';
import type { Home } from './home-provisioning.js';
import { CHINA_UTC_OFFSET_MINUTES } from './local-clock.js';
import { exponentialDelay, randomInt, seededRandom } from './seeded-random.js';
import type { SimDevice } from './sim-device.js';

// Simulated homes with a home-care bed, and a few institution rooms: one elder each, a call button always, and
// the other devices their profile lists (watch, bed sensor, smoke, gas, water, door, motion, camera).
// provisionHomes (home-provisioning.ts) registers them through the REST API as an installer would; runHomes brings
// the devices to life over MQTT. Logs carry ids only: names and addresses are personal data.

export {
  completeHome,
  DEFAULT_HOMES_SEED,
  placeSavedHome,
  provisionHomes,
  type Home,
  type HomeDevice,
  type HomePlacement,
  type ProvisionOptions,
} from './home-provisioning.js';
export { HEARTBEAT_SECONDS_BY_KIND } from './device-habits.js';

export interface RunHomesOptions {
  logger: Logger;
  /** Seconds between heartbeats of every device; default: each kind's own interval (HEARTBEAT_SECONDS_BY_KIND). */
  heartbeatSeconds?: number;
  /** Average minutes between SOS presses across all homes; Infinity turns random presses off. */
  sosEveryMinutes?: number;
  /** When set, the first random press comes after this many seconds, so a demo shows an alert soon. */
  firstSosAfterSeconds?: number;
  /** Share of random presses followed by a cancel within 20 s (the elder pressed by mistake). */
  falsePressRatio?: number;
  /** Motion, door, bed and vitals of an ordinary day (home-life.ts). Default true. */
  dailyLife?: boolean;
  /** Seconds between a watch's vitals. Default 10. */
  vitalsSeconds?: number;
  /** The local time zone the daily routine follows; China +480 by default. */
  utcOffsetMinutes?: number;
  seed?: number;
  /** How many devices connect at once, so a restart does not hit the broker with every CONNECT together. */
  connectConcurrency?: number;
}

export interface HomesHandle {
  readonly homes: readonly Home[];
  /** Presses SOS on one home now; resolves with the msgId once the gateway acknowledged it. */
  pressSos(homeIndex: number): Promise<string>;
  stop(): Promise<void>;
}

const CLOSE_TIMEOUT_MS = 3_000;

export async function runHomes(homes: readonly Home[], mqttUrl: string, options: RunHomesOptions): Promise<HomesHandle> {
  const log = options.logger.child({ module: 'device-sim' });
  const sosMeanMs = (options.sosEveryMinutes ?? 5) * 60_000;
  const falsePressRatio = options.falsePressRatio ?? 0.2;
  const randomPresses = Number.isFinite(sosMeanMs) && sosMeanMs > 0 && homes.length > 0;
  const random = seededRandom(options.seed ?? Date.now());
  const timers = new Set<NodeJS.Timeout>();
  let stopped = false;

  const onError = (deviceId: string) => (err: Error) => {
    if (!stopped) log.warn({ deviceId, err }, 'device connection error');
  };
  const simHomes = homes.map((home) => {
    const devices = home.devices.map((d) => ({
      spec: d,
      device: createSimDevice(d.kind, { url: mqttUrl, deviceId: d.deviceId, secret: d.secret, onError: onError(d.deviceId), onFeedback: (heard) => log.info({ deviceId: d.deviceId, alertId: heard.feedback.alertId, light: heard.light }, heard.line) }),
    }));
    const button = devices.find((d) => d.device instanceof CallButton)?.device as CallButton | undefined;
    if (!button) throw new Error(`home of elder ${home.elderId} has no call button`);
    return { home, devices, button };
  });
  const allDevices: SimDevice[] = simHomes.flatMap((h) => h.devices.map((d) => d.device));
  // Batteries start anywhere from nearly flat to full, so the desk sees some low-battery devices.
  const batteries = new Map(allDevices.map((d) => [d, randomInt(random, 15, 100)]));

  const schedule = (ms: number, task: () => void): void => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      if (!stopped) task();
    }, ms);
    timers.add(timer);
  };

  const report = (deviceId: string, what: string) => (err: unknown) => {
    if (!stopped) log.warn({ deviceId, err }, `${what} failed`);
  };

  const send = (device: SimDevice, what: string, sending: () => Promise<unknown>): void => {
    sending()
      .then(() => log.debug({ deviceId: device.deviceId, kind: device.kind }, `${what} sent`))
      .catch(report(device.deviceId, what));
  };

  const heartbeat = (device: SimDevice, first: boolean): void => {
    let battery: number | undefined;
    if (!MAINS_POWERED.has(device.kind)) {
      const level = Math.max(0, batteries.get(device)! - random() * 0.2);
      batteries.set(device, level);
      battery = Math.round(level);
    }
    send(device, 'heartbeat', () => device.heartbeat(battery, first ? FIRMWARE[device.kind] : undefined));
    // The desk may have changed the interval (set_intervals); the next heartbeat keeps to it.
    schedule((device.intervals.heartbeatSeconds ?? options.heartbeatSeconds ?? HEARTBEAT_SECONDS_BY_KIND[device.kind]) * 1000, () => heartbeat(device, false));
  };

  const testSignal = (device: SimDevice): void => {
    send(device, 'test signal', () => device.testSignal(Math.round(batteries.get(device)!)));
    schedule(TEST_SIGNAL_EVERY_MS, () => testSignal(device));
  };

  const press = async (index: number): Promise<string> => {
    const simHome = simHomes[index];
    if (!simHome) throw new RangeError(`no home at index ${index} (there are ${homes.length})`);
    const msgId = await simHome.button.pressSos();
    log.info({ deviceId: simHome.button.deviceId, elderId: simHome.home.elderId, msgId }, 'sos pressed');
    return msgId;
  };

  const randomPress = (): void => {
    const index = randomInt(random, 0, homes.length - 1);
    const button = simHomes[index]!.button;
    press(index)
      .then(() => {
        if (random() >= falsePressRatio) return;
        schedule(randomInt(random, 3, 20) * 1000, () => {
          button
            .cancel()
            .then((msgId) => log.info({ deviceId: button.deviceId, msgId }, 'sos cancelled (false press)'))
            .catch(report(button.deviceId, 'cancel'));
        });
      })
      .catch(report(button.deviceId, 'sos press'));
    scheduleRandomPress();
  };

  const scheduleRandomPress = (): void => {
    if (!randomPresses) return;
    // Poisson arrivals, clamped to half to twice the mean so a demo neither bursts nor goes quiet for long;
    // the clamp keeps the average within a few per cent of the mean.
    const delay = Math.min(Math.max(exponentialDelay(random, sosMeanMs), 0.5 * sosMeanMs), 2 * sosMeanMs);
    schedule(delay, randomPress);
  };

  const stop = async (): Promise<void> => {
    if (stopped) return;
    stopped = true;
    for (const timer of timers) clearTimeout(timer);
    timers.clear();
    await Promise.all(allDevices.map((device) => closeWithin(device, CLOSE_TIMEOUT_MS, log)));
    log.info({ homes: homes.length, devices: allDevices.length }, 'simulated homes stopped');
  };

  try {
    await connectAll(allDevices, options.connectConcurrency ?? 8);
  } catch (err) {
    await stop();
    throw err;
  }
  log.info({ homes: homes.length, devices: allDevices.length, mqttUrl }, 'simulated homes connected');

  // Spread first heartbeats and test signals over a few seconds so devices show online without arriving all at once.
  for (const device of allDevices) {
    const heartbeatMs = (options.heartbeatSeconds ?? HEARTBEAT_SECONDS_BY_KIND[device.kind]) * 1000;
    schedule(random() * Math.min(heartbeatMs, 5_000), () => heartbeat(device, true));
    if (TEST_SIGNAL_KINDS.has(device.kind)) schedule(5_000 + random() * 10_000, () => testSignal(device));
  }
  if (options.dailyLife ?? true) {
    const lifeContext = {
      random,
      schedule,
      send,
      vitalsMs: (options.vitalsSeconds ?? 10) * 1000,
      utcOffsetMinutes: options.utcOffsetMinutes ?? CHINA_UTC_OFFSET_MINUTES,
    };
    for (const simHome of simHomes) {
      startHomeLife(simHome.devices.map((d) => ({ device: d.device, room: d.spec.room })), lifeContext);
    }
  }
  if (randomPresses && options.firstSosAfterSeconds !== undefined) {
    schedule(options.firstSosAfterSeconds * 1000, randomPress);
  } else {
    scheduleRandomPress();
  }

  return { homes, pressSos: press, stop };
}

/** Connects every device, a few at a time; on a failure, lets those under way finish, then throws. */
async function connectAll(devices: readonly SimDevice[], concurrency: number): Promise<void> {
  let next = 0;
  let failure: Error | null = null;
  const worker = async (): Promise<void> => {
    while (next < devices.length && !failure) {
      const device = devices[next]!;
      next += 1;
      try {
        await device.connect();
      } catch (err) {
        failure ??= new Error(`${device.kind} ${device.deviceId} could not connect: ${(err as Error).message}`, { cause: err });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, devices.length) }, worker));
  if (failure) throw failure;
}

/** A close waits for unacknowledged messages; if the broker is gone it could wait forever. */
async function closeWithin(device: SimDevice, ms: number, log: Logger): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    // The device forces its socket closed after `ms`; this is the backstop should even that hang.
    timer = setTimeout(() => resolve('timeout'), ms + 1_000);
  });
  try {
    const result = await Promise.race([device.close(ms).then(() => 'closed' as const), timeout]);
    if (result === 'timeout') log.warn({ deviceId: device.deviceId }, `${device.kind} did not close in time`);
  } catch (err) {
    log.warn({ deviceId: device.deviceId, err }, `${device.kind} close failed`);
  } finally {
    clearTimeout(timer);
  }
}
