import mqtt from 'mqtt';
import { provisionFleet } from '../../device-sim/src/load/fleet-provisioning.js';
import type { FleetDevice } from '../../device-sim/src/load/load.types.js';
import { createPgStore } from '../../gateway/src/adapters/db/pg/store.js';
import type { PostgresCluster } from '../../tests/support/postgres.js';
import { BENCH_ADMIN } from '../fleet-cache.js';
import { readCounters, type GatewayCounters } from '../gateway-metrics.js';
import { sleep } from '../net.js';
import { sampleProcess } from '../process-sampler.js';
import { startClusterInstance, type ClusterInstance } from './cluster-instance.js';
import type { TopologyProcess } from './cluster-phases.js';
import { addCounters } from './instance-counts.js';
import { watchBacklog, type BacklogMonitor } from './mosquitto-backlog.js';
import { sampleProcessGroup } from './process-lookup.js';
import { startTopologyBroker } from './topology-broker.js';

// One step's scale-out topology, as docs/scale-out.md deploys it: a fresh database on the run's PostgreSQL, a fresh
// Mosquitto, gateway instances a and b consuming from it. The step's fleet is registered through instance a's REST
// API, then Mosquitto's password and ACL files are written from the registry and Mosquitto reloads them (SIGHUP),
// as `npm run mosquitto:config` and an operator would: devices can log in only after that.

export const INSTANCE_NAMES = ['a', 'b'] as const;
const GATEWAY_MQTT_USER = 'gateway';
const GATEWAY_MQTT_PASSWORD = 'bench-gateway-broker-password-2026';
const LOGIN_AFTER_RELOAD_MS = 10_000;

export interface ClusterTopologyOptions {
  postgres: PostgresCluster;
  postmasterPid: number;
  devices: number;
  consumers: number;
  print: (line: string) => void;
}

export interface ClusterTopology {
  /** The instances running now (restartEmpty starts new processes). */
  instances(): ClusterInstance[];
  mqttUrl: string;
  fleet: FleetDevice[];
  provisionSeconds: number;
  /** Gateways, Mosquitto and PostgreSQL, for the phase trackers; each samples whichever process runs now. */
  processes: TopologyProcess[];
  backlog: BacklogMonitor | null;
  /**
   * Stops both gateways, empties Mosquitto (topology-broker.ts) and starts the gateways again on the same database:
   * the next phase starts from an empty broker. The gateways are restarted, not left to reconnect, because a
   * consumer connection that fails after it was established is not reconnected (reported by the run).
   */
  restartEmpty(): Promise<void>;
  /** Counters of each instance, added over its restarts. */
  counters(): Promise<Record<string, GatewayCounters | null>>;
  /** The gateways' warnings and errors and Mosquitto's last log lines: why messages did not arrive. */
  diagnostics(): string;
  /** Stops everything it started (the PostgreSQL server is the run's). */
  stop(): Promise<void>;
}

export async function startClusterTopology(options: ClusterTopologyOptions): Promise<ClusterTopology> {
  const { postgres, devices, consumers, print } = options;
  const label = `${devices.toLocaleString('en-US')} devices · scale-out`;
  const cleanups: Array<() => Promise<unknown>> = [];
  const stop = async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch((err: Error) => print(`${label} · stopping: ${err.message}`));
  };
  try {
    const databaseUrl = await postgres.newDatabase();
    const broker = await startTopologyBroker({ username: GATEWAY_MQTT_USER, password: GATEWAY_MQTT_PASSWORD });
    cleanups.push(() => broker.stop());

    const start = (name: string) =>
      startClusterInstance({ name, databaseUrl, mqttUrl: broker.url, mqttUsername: GATEWAY_MQTT_USER, mqttPassword: GATEWAY_MQTT_PASSWORD, consumers });
    let instances: ClusterInstance[] = [];
    cleanups.push(() => Promise.all(instances.map((i) => i.stop())));
    for (const name of INSTANCE_NAMES) instances.push(await start(name));
    print(`${label} · PostgreSQL, Mosquitto ${broker.url}, instances ${instances.map((i) => `${i.name} ${i.httpUrl}`).join(', ')}`);

    const started = performance.now();
    let lastPrint = started;
    const fleet = await provisionFleet({
      httpUrl: instances[0]!.httpUrl,
      username: BENCH_ADMIN.username,
      password: BENCH_ADMIN.password,
      count: devices,
      onProgress(done, total) {
        const now = performance.now();
        if (done !== total && now - lastPrint < 2000) return;
        lastPrint = now;
        const seconds = (now - started) / 1000;
        print(`${label} · registered ${done.toLocaleString('en-US')} / ${total.toLocaleString('en-US')} devices through instance a · ${seconds.toFixed(0)} s`);
      },
    });
    const provisionSeconds = (performance.now() - started) / 1000;

    const store = await createPgStore(databaseUrl, { poolSize: 2, applicationName: 'bench-mosquitto-config' });
    try {
      await broker.loadRegistry(await store.listDevices());
    } finally {
      await store.close();
    }
    await waitForDeviceLogin(broker.url, fleet[0]!);
    print(`${label} · Mosquitto reloaded its password file: ${fleet.length.toLocaleString('en-US')} devices may log in`);

    const backlog = await watchBacklog(broker.url, GATEWAY_MQTT_USER, GATEWAY_MQTT_PASSWORD).catch((err: Error) => {
      print(`${label} · Mosquitto's $SYS backlog not readable (${err.message}); the backlog comes from the counters alone`);
      return null;
    });
    if (backlog) cleanups.push(() => backlog.close());

    // What the gateway processes that restartEmpty stopped had counted, and their peak memory.
    const retired: Record<string, GatewayCounters> = {};
    const peaksRetired: Record<string, number> = {};
    const current = (name: string) => instances.find((i) => i.name === name)!;
    const processes: TopologyProcess[] = [
      ...INSTANCE_NAMES.map((name) => gatewayProcess(name, () => current(name).pid, () => peaksRetired[name] ?? 0)),
      broker.process,
      {
        name: 'postgres',
        sample: () => {
          const s = sampleProcessGroup(options.postmasterPid);
          return { cpuSeconds: s.cpuSeconds, memoryBytes: s.pssBytes };
        },
      },
    ];
    return {
      instances: () => instances,
      mqttUrl: broker.url,
      fleet,
      provisionSeconds,
      processes,
      backlog,
      async restartEmpty() {
        for (const i of instances) {
          const counters = await readCounters(i.httpUrl).catch(() => null);
          if (counters) retired[i.name] = retired[i.name] ? addCounters(retired[i.name]!, counters) : counters;
          peaksRetired[i.name] = Math.max(peaksRetired[i.name] ?? 0, sampleProcess(i.pid).peakRssBytes);
        }
        await Promise.all(instances.map((i) => i.stop()));
        instances = [];
        await broker.purge();
        for (const name of INSTANCE_NAMES) instances.push(await start(name));
      },
      async counters() {
        const result: Record<string, GatewayCounters | null> = {};
        for (const i of instances) {
          const now = await readCounters(i.httpUrl).catch(() => null);
          const before = retired[i.name];
          result[i.name] = now && before ? addCounters(before, now) : now;
        }
        return result;
      },
      diagnostics: () =>
        [...instances.map((i) => `gateway ${i.name}:\n${tail(i.output(), 30)}`), `mosquitto:\n${tail(broker.log(), 30)}`].join('\n'),
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}

/** A gateway instance, whichever of its processes runs now; its peak memory is the highest of all of them. */
function gatewayProcess(name: string, pid: () => number, retiredPeak: () => number): TopologyProcess {
  return {
    name: `gateway ${name}`,
    sample() {
      const s = sampleProcess(pid());
      return { cpuSeconds: s.cpuSeconds, memoryBytes: s.rssBytes };
    },
    peakBytes: () => Math.max(retiredPeak(), sampleProcess(pid()).peakRssBytes),
  };
}

const tail = (text: string, lines: number) => text.trimEnd().split('\n').slice(-lines).join('\n');

/** Mosquitto reads the files on SIGHUP in its own time: a device's login works once it has. */
async function waitForDeviceLogin(url: string, device: FleetDevice): Promise<void> {
  const deadline = Date.now() + LOGIN_AFTER_RELOAD_MS;
  for (;;) {
    const client = await mqtt
      .connectAsync(url, { clientId: device.id, username: device.id, password: device.secret, reconnectPeriod: 0, connectTimeout: 2000 })
      .catch(() => null);
    if (client) {
      await client.endAsync(true);
      return;
    }
    if (Date.now() > deadline) throw new Error(`device ${device.id} cannot log in to Mosquitto ${LOGIN_AFTER_RELOAD_MS / 1000} s after the reload`);
    await sleep(200);
  }
}
