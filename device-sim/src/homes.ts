import type { Logger } from 'pino';
import { CallButton } from './call-button.js';
import type { GatewayClient } from './gateway-client.js';
import { homeProfile } from './home-profiles.js';
import { exponentialDelay, randomInt, seededRandom } from './seeded-random.js';

// Simulated homes with a home-care bed: one elder, one emergency call button each.
// provisionHomes registers them through the REST API as an installer would; runHomes brings the buttons
// to life over MQTT. Logs carry ids only: names and addresses are personal data.

export interface Home {
  elderId: string;
  deviceId: string;
  /** Shown once by the gateway at registration; whoever provisions must keep it. */
  secret: string;
  name: string;
  address: string;
}

export interface ProvisionOptions {
  seed?: number;
  /** Index of the first profile, so a later run can top up without repeating people. */
  startIndex?: number;
  /** Called after each home, e.g. to persist secrets as they are issued or to print progress. */
  onProvisioned?: (home: Home, done: number, total: number) => void | Promise<void>;
}

export async function provisionHomes(client: GatewayClient, count: number, options: ProvisionOptions = {}): Promise<Home[]> {
  const { seed = 2026, startIndex = 0, onProvisioned } = options;
  const homes: Home[] = [];
  // One at a time: a few dozen homes take well under a second, and order keeps the progress honest.
  for (let i = 0; i < count; i += 1) {
    const profile = homeProfile(seed, startIndex + i);
    const elder = await client.createElder(profile);
    const device = await client.createDevice({ elderId: elder.id, kind: 'call_button' });
    const home: Home = { elderId: elder.id, deviceId: device.id, secret: device.secret, name: elder.name, address: elder.address };
    homes.push(home);
    await onProvisioned?.(home, i + 1, count);
  }
  return homes;
}

export interface RunHomesOptions {
  logger: Logger;
  /** Seconds between heartbeats of each button. */
  heartbeatSeconds?: number;
  /** Average minutes between SOS presses across all homes; Infinity turns random presses off. */
  sosEveryMinutes?: number;
  /** When set, the first random press comes after this many seconds, so a demo shows an alert soon. */
  firstSosAfterSeconds?: number;
  /** Share of random presses followed by a cancel within 20 s (the elder pressed by mistake). */
  falsePressRatio?: number;
  seed?: number;
  /** How many buttons connect at once, so a restart does not hit the broker with every CONNECT together. */
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
  const heartbeatMs = (options.heartbeatSeconds ?? 60) * 1000;
  const sosMeanMs = (options.sosEveryMinutes ?? 5) * 60_000;
  const falsePressRatio = options.falsePressRatio ?? 0.2;
  const randomPresses = Number.isFinite(sosMeanMs) && sosMeanMs > 0 && homes.length > 0;
  const random = seededRandom(options.seed ?? Date.now());
  const timers = new Set<NodeJS.Timeout>();
  let stopped = false;

  const buttons = homes.map((home) => new CallButton({ url: mqttUrl, deviceId: home.deviceId, secret: home.secret }));
  // Batteries start anywhere from nearly flat to full, so the desk sees some low-battery homes.
  const batteries = homes.map(() => randomInt(random, 15, 100));

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

  const heartbeat = (index: number): void => {
    const button = buttons[index]!;
    batteries[index] = Math.max(0, batteries[index]! - random() * 0.2);
    const battery = Math.round(batteries[index]!);
    button
      .heartbeat(battery)
      .then((msgId) => log.debug({ deviceId: button.deviceId, msgId, battery }, 'heartbeat sent'))
      .catch(report(button.deviceId, 'heartbeat'));
    schedule(heartbeatMs, () => heartbeat(index));
  };

  const press = async (index: number): Promise<string> => {
    const button = buttons[index];
    const home = homes[index];
    if (!button || !home) throw new RangeError(`no home at index ${index} (there are ${homes.length})`);
    const msgId = await button.pressSos();
    log.info({ deviceId: button.deviceId, elderId: home.elderId, msgId }, 'sos pressed');
    return msgId;
  };

  const randomPress = (): void => {
    const index = randomInt(random, 0, homes.length - 1);
    const deviceId = buttons[index]!.deviceId;
    press(index)
      .then(() => {
        if (random() >= falsePressRatio) return;
        schedule(randomInt(random, 3, 20) * 1000, () => {
          buttons[index]!
            .cancel()
            .then((msgId) => log.info({ deviceId, msgId }, 'sos cancelled (false press)'))
            .catch(report(deviceId, 'cancel'));
        });
      })
      .catch(report(deviceId, 'sos press'));
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
    await Promise.all(buttons.map((button) => closeWithin(button, CLOSE_TIMEOUT_MS, log)));
    log.info({ homes: homes.length }, 'simulated homes stopped');
  };

  try {
    await connectAll(buttons, options.connectConcurrency ?? 8);
  } catch (err) {
    await stop();
    throw err;
  }
  log.info({ homes: homes.length, mqttUrl }, 'simulated homes connected');

  // Spread first heartbeats over a few seconds so the buttons show online without arriving all at once.
  buttons.forEach((_, index) => schedule(random() * Math.min(heartbeatMs, 5_000), () => heartbeat(index)));
  if (randomPresses && options.firstSosAfterSeconds !== undefined) {
    schedule(options.firstSosAfterSeconds * 1000, randomPress);
  } else {
    scheduleRandomPress();
  }

  return { homes, pressSos: press, stop };
}

/** Connects every button, a few at a time; on a failure, lets those under way finish, then throws. */
async function connectAll(buttons: readonly CallButton[], concurrency: number): Promise<void> {
  let next = 0;
  let failure: Error | null = null;
  const worker = async (): Promise<void> => {
    while (next < buttons.length && !failure) {
      const button = buttons[next]!;
      next += 1;
      try {
        await button.connect();
      } catch (err) {
        failure ??= new Error(`call button ${button.deviceId} could not connect: ${(err as Error).message}`, { cause: err });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, buttons.length) }, worker));
  if (failure) throw failure;
}

/** A close waits for unacknowledged messages; if the broker is gone it could wait forever. */
async function closeWithin(button: CallButton, ms: number, log: Logger): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), ms);
  });
  try {
    const result = await Promise.race([button.close().then(() => 'closed' as const), timeout]);
    if (result === 'timeout') log.warn({ deviceId: button.deviceId }, 'call button did not close in time');
  } catch (err) {
    log.warn({ deviceId: button.deviceId, err }, 'call button close failed');
  } finally {
    clearTimeout(timer);
  }
}
