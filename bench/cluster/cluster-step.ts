import type { PostgresCluster } from '../../tests/support/postgres.js';
import { connectDesk, login, type DeskLatencyRecorder } from '../desk-latency.js';
import { BENCH_ADMIN } from '../fleet-cache.js';
import { errorSamples, rampSeconds, type LoadDefaults, type RunLoad } from '../load-driver.js';
import { TARGET_LATENCY_SHARE } from '../targets.js';
import { waitForDrain } from './backlog-drain.js';
import type { ClusterBenchConfig } from './cluster-config.js';
import { trackClusterPhases } from './cluster-phases.js';
import { startClusterTopology, type ClusterTopology } from './cluster-topology.js';
import type { DrainFigures, ScaleOutStepResult } from './cluster.types.js';
import { readInstanceCounts } from './instance-counts.js';

// One step of the ladder on the scale-out topology (cluster-topology.ts), with the phases of the single-box step
// (bench/ladder-step.ts) and the same generator, pointed at Mosquitto:
//   connect    — all N devices log in to Mosquitto and hold at one message per device a minute;
//   saturation — closed loop at QoS 1. Mosquitto acknowledges at once, so the devices' PUBACK rate is only what was
//                offered; sustained ingest is what the gateways counted over the steady window. The difference piles
//                up in Mosquitto as a backlog, which the gateways then drain for at most BENCH_CLUSTER_DRAIN_SECONDS;
//                what is left is thrown away, so that
//   latency    — the scale-out ingest × TARGET_LATENCY_SHARE with SOS presses — starts from an empty broker; SOS →
//                alert.raised on a desk on each instance.

export interface ClusterStepContext {
  config: ClusterBenchConfig;
  postgres: PostgresCluster;
  postmasterPid: number;
  runLoad: RunLoad;
  print: (line: string) => void;
}

type PhaseLoad = Omit<Parameters<RunLoad>[0], 'onProgress' | 'mqttUrl' | 'devices' | 'workers' | 'rampSeconds'>;

const QUIET_MESSAGES_PER_DEVICE_MINUTE = 1;

export async function runClusterStep(ctx: ClusterStepContext, devices: number): Promise<ScaleOutStepResult> {
  const { config, print } = ctx;
  const { bench } = config;
  const result: ScaleOutStepResult = {
    devices,
    instances: [],
    consumersPerInstance: config.consumers,
    provisionSeconds: null,
    connect: null,
    saturation: null,
    latency: null,
    counters: {},
    peakMemoryBytes: {},
    mosquittoDropped: null,
    errors: [],
  };
  const label = (phase: string) => `${devices.toLocaleString('en-US')} devices · scale-out · ${phase}`;
  const defaults: LoadDefaults = { workers: bench.BENCH_WORKERS, connectPerSecond: bench.BENCH_CONNECT_PER_SECOND, maxInflight: bench.BENCH_MAX_INFLIGHT, niceness: bench.BENCH_GENERATOR_NICE };

  let topology: ClusterTopology;
  try {
    topology = await startClusterTopology({ postgres: ctx.postgres, postmasterPid: ctx.postmasterPid, devices, consumers: config.consumers, print });
  } catch (err) {
    result.errors.push(`topology did not start: ${(err as Error).message}`);
    return result;
  }
  const { processes, backlog } = topology;
  result.instances = topology.instances().map((i) => i.name);
  result.provisionSeconds = topology.provisionSeconds;
  const peaks: Record<string, number> = {};
  const droppedAtStart = backlog?.latest().dropped ?? null;
  let desks = new Map<string, DeskLatencyRecorder>();
  const connectDesks = async () => {
    desks.forEach((desk) => desk.close());
    desks = new Map();
    for (const instance of topology.instances()) {
      desks.set(instance.name, await connectDesk(instance.httpUrl, await login(instance.httpUrl, BENCH_ADMIN.username, BENCH_ADMIN.password)));
    }
  };
  const base = { mqttUrl: topology.mqttUrl, devices: topology.fleet, workers: defaults.workers, niceness: defaults.niceness, rampSeconds: rampSeconds(devices, defaults) };

  /** One phase's load, followed at the gateways. */
  const run = async (name: string, load: PhaseLoad) => {
    const instances = topology.instances();
    const receivedAtStart = (await readInstanceCounts(instances)).received;
    const phases = trackClusterPhases({ label: label(name), instances, processes, backlog, receivedAtStart, print });
    const report = await ctx.runLoad({ ...base, ...load, onProgress: phases.onProgress });
    await phases.settled();
    for (const [process, bytes] of Object.entries(phases.peakMemoryBytes())) peaks[process] = Math.max(peaks[process] ?? 0, bytes);
    return { report, phases, target: receivedAtStart + report.acked };
  };

  /**
   * Waits until the gateways have what Mosquitto acknowledged. A backlog left after saturation is expected and thrown
   * away; anywhere else it is a fault, reported with what the processes said, and thrown away all the same.
   */
  const settle = async (name: string, target: number, expectBacklog: boolean): Promise<DrainFigures> => {
    const drain = await waitForDrain({ instances: topology.instances(), target, deadlineSeconds: config.drainSeconds, label: label(name), print });
    if (drain.drained) return drain;
    if (!expectBacklog || drain.stalled) {
      const said = topology.diagnostics();
      result.errors.push(`${name}: ${drain.remaining} messages Mosquitto acknowledged had not reached a gateway when the wait ended${drain.stalled ? ' (nothing arrived any more)' : ''}\n${said}`);
      print(`${label(name)} · what the processes said:\n${said}`);
    }
    print(`${label(name)} · restarting the gateways on an emptied Mosquitto: ${drain.remaining.toLocaleString('en-US')} messages thrown away`);
    await topology.restartEmpty();
    await connectDesks();
    return { ...drain, purged: drain.remaining };
  };

  try {
    await connectDesks();
    const mosquittoRss = () => {
      try {
        return processes.find((p) => p.name === 'mosquitto')?.sample().memoryBytes ?? null;
      } catch {
        return null;
      }
    };

    // connect
    const idleRss = mosquittoRss();
    const connect = await run('connect', {
      durationSeconds: bench.BENCH_CONNECT_HOLD_SECONDS,
      rate: Math.max(1, (devices * QUIET_MESSAGES_PER_DEVICE_MINUTE) / 60),
      qos: 1,
      sos: null,
    });
    const heldRss = connect.phases.steady() ? (connect.phases.last()?.memoryBytes['mosquitto'] ?? null) : null;
    const { connected, connectFailures, connectSeconds } = connect.report;
    result.connect = {
      connected,
      connectFailures,
      connectSeconds,
      mosquittoRssIdleBytes: idleRss,
      mosquittoRssConnectedBytes: heldRss,
      mosquittoBytesPerDevice: idleRss !== null && heldRss !== null && connected > 0 ? (heldRss - idleRss) / connected : null,
    };
    if (connectFailures > 0) result.errors.push(`connect: ${connectFailures} of ${devices} devices did not connect (${errorSamples(connect.report).join('; ')})`);
    await settle('connect', connect.target, false);

    // saturation
    const saturation = await run('saturation', { durationSeconds: bench.BENCH_STEADY_SECONDS, rate: 'max', qos: 1, maxInflight: defaults.maxInflight, sos: null });
    const steady = saturation.phases.steady();
    if (!steady) throw new Error("saturation: the steady phase gave fewer than two readings of the gateways' counters");
    result.saturation = { ...steady, connected: saturation.report.connected, errors: saturation.report.errors, drain: null };
    if (saturation.report.errors > 0) result.errors.push(`saturation: ${saturation.report.errors} errors (${errorSamples(saturation.report).join('; ')})`);
    result.saturation.drain = await settle('saturation', saturation.target, true);

    // latency
    const rate = Math.max(1, Math.round(steady.ingestPerSecond * TARGET_LATENCY_SHARE));
    desks.forEach((desk) => desk.reset());
    const latency = await run(`latency at ${rate.toLocaleString('en-US')}/s`, {
      durationSeconds: bench.BENCH_STEADY_SECONDS,
      rate,
      qos: 1,
      sos: { count: bench.BENCH_SOS },
      onSos: (press) => desks.forEach((desk) => desk.onSos(press)),
    });
    const deskResults = Object.fromEntries(await Promise.all([...desks].map(async ([name, desk]) => [name, await desk.result()] as const)));
    result.latency = { rate, steady: latency.phases.steady(), desks: deskResults, drain: null };
    if (latency.report.errors > 0) result.errors.push(`latency: ${latency.report.errors} errors (${errorSamples(latency.report).join('; ')})`);
    for (const [name, sos] of Object.entries(deskResults)) {
      if (sos.lost > 0) result.errors.push(`latency: ${sos.lost} of ${sos.presses} SOS presses never reached the desk on instance ${name}`);
    }
    result.latency.drain = await settle('latency', latency.target, false);
  } catch (err) {
    result.errors.push((err as Error).message);
    print(`${label('error')}: ${(err as Error).message}`);
  } finally {
    desks.forEach((desk) => desk.close());
    result.counters = await topology.counters();
    for (const instance of topology.instances()) {
      if (instance.exited()) result.errors.push(`gateway ${instance.name} exited during the step:\n${instance.output().slice(-4000)}`);
    }
    // The kernel's high-water mark where there is one process; PostgreSQL's many: the highest sum sampled.
    for (const p of processes) {
      try {
        if (p.peakBytes) peaks[p.name] = Math.max(peaks[p.name] ?? 0, p.peakBytes());
      } catch {
        // gone; the sampled peak stays
      }
    }
    result.peakMemoryBytes = peaks;
    const dropped = backlog?.latest().dropped ?? null;
    result.mosquittoDropped = dropped !== null && droppedAtStart !== null ? dropped - droppedAtStart : dropped;
    await topology.stop();
  }
  return result;
}
