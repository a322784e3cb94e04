import type { Logger } from 'pino';
import { createSimDevice } from '../devices/index.js';
import type { GatewayClient } from '../gateway-client.js';
import type { HomeDevice } from '../home-provisioning.js';
import { keepDevicesAlive } from '../kept-devices.js';
import { runScenario, SCENARIO_NAMES, waitForDesk } from '../scenarios/index.js';

// The demo's named scenarios: one every few minutes, in turn, each fast, with its steps and what the desk then
// shows on the demo's output. Their devices stay connected afterwards (heartbeats only), across restarts too, so
// an elder from an earlier scenario keeps showing what the scenario was about and not a pile of offline alerts.

export interface DemoScenarioOptions {
  client: GatewayClient;
  mqttUrl: string;
  logger: Logger;
  everyMinutes: number;
  firstAfterMs: number;
  /** The gateway's OFFLINE_GRACE_SECONDS in ms, for how long to wait for battery-dies' offline alert. */
  offlineGraceMs: number;
  say: (text: string) => void;
  /** Communities to register the scenarios' elders in, one after the other; empty: the admin's region. */
  regionIds?: readonly string[];
  /** Devices of scenarios played by an earlier run, to connect again; those that cannot connect are forgotten. */
  saved: readonly HomeDevice[];
  /** Told the devices to keep across restarts whenever they change, to save them (their secrets are shown once). */
  onDevicesChanged: (devices: HomeDevice[]) => Promise<void>;
}

export interface DemoScenarios {
  stop(): Promise<void>;
}

export async function startDemoScenarios(options: DemoScenarioOptions): Promise<DemoScenarios> {
  const { client, mqttUrl, say, regionIds = [] } = options;
  const log = options.logger.child({ module: 'demo-scenarios' });
  const kept = keepDevicesAlive(options.logger);
  const abort = new AbortController();
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;

  const onError = (deviceId: string) => (err: Error) => {
    if (!stopped) log.warn({ deviceId, err }, 'scenario device connection error');
  };

  // Reconnect the devices of earlier runs, one at a time: a few dozen, and the homes are already up.
  const keptDevices: HomeDevice[] = [];
  for (const saved of options.saved) {
    const device = createSimDevice(saved.kind, {
      url: mqttUrl,
      deviceId: saved.deviceId,
      secret: saved.secret,
      onError: onError(saved.deviceId),
      onFeedback: (heard) => log.info({ deviceId: saved.deviceId, alertId: heard.feedback.alertId, light: heard.light }, heard.line),
    });
    try {
      await device.connect();
      await device.heartbeat();
      kept.add(device);
      keptDevices.push(saved);
    } catch (err) {
      log.warn({ deviceId: saved.deviceId, err }, 'device of an earlier scenario could not reconnect; forgetting it');
      await device.close(1_000).catch(() => undefined);
    }
  }
  if (keptDevices.length !== options.saved.length) await options.onDevicesChanged([...keptDevices]);
  if (keptDevices.length > 0) say(`reconnected ${keptDevices.length} devices of earlier scenarios`);

  const play = async (turn: number): Promise<void> => {
    const name = SCENARIO_NAMES[turn % SCENARIO_NAMES.length]!;
    say(`scenario ${name} starts`);
    try {
      const result = await runScenario(name, {
        client,
        mqttUrl,
        fast: true,
        idPrefix: 'demo',
        ...(regionIds.length > 0 ? { regionId: regionIds[turn % regionIds.length]! } : {}),
        offlineGraceMs: options.offlineGraceMs,
        signal: abort.signal,
        onStep: (text) => say(`  ${name}: ${text}`),
      });
      // Keep what is still connected; a device that dropped on purpose (a flat battery) stays down.
      for (const device of result.devices) {
        if (device.connected) kept.add(device);
        else await device.close(1_000).catch(() => undefined);
      }
      const connected = new Set(result.devices.filter((d) => d.connected).map((d) => d.deviceId));
      keptDevices.push(...result.registered.filter((r) => connected.has(r.deviceId)));
      await options.onDevicesChanged([...keptDevices]);

      const desk = await waitForDesk(client, result, { signal: abort.signal });
      say(`  ${name}: the desk shows ${desk.seen.length > 0 ? desk.seen.join('; ') : 'nothing for this elder'}`);
      for (const difference of desk.differences) say(`  ${name}: not as expected: ${difference}`);
    } catch (err) {
      if (abort.signal.aborted) return;
      log.warn({ err, scenario: name }, 'demo scenario failed');
      say(`  ${name}: failed: ${(err as Error).message}`);
    }
  };

  const schedule = (turn: number, delayMs: number): void => {
    timer = setTimeout(() => {
      timer = null;
      void play(turn).finally(() => {
        if (!stopped) schedule(turn + 1, options.everyMinutes * 60_000);
      });
    }, delayMs);
  };
  schedule(0, options.firstAfterMs);

  return {
    async stop() {
      if (stopped) return;
      stopped = true;
      abort.abort();
      if (timer) clearTimeout(timer);
      await kept.stop();
    },
  };
}
