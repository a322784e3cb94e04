import { cpSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FleetDevice } from '../device-sim/src/load/load.types.js';
import type { BenchConfig } from './bench-config.js';
import type { ConnectFigures, LatencyFigures, SaturationFigures, StepResult } from './bench.types.js';
import { connectDesk, login, type DeskLatencyRecorder } from './desk-latency.js';
import { BENCH_ADMIN } from './fleet-cache.js';
import { readCounters } from './gateway-metrics.js';
import { startGateway, type GatewayProcess } from './gateway-process.js';
import { errorSamples, rampSeconds, type LoadDefaults, type RunLoad } from './load-driver.js';
import { steadyFigures, trackLoadPhases } from './load-phases.js';
import { sleep } from './net.js';
import { sampleProcess } from './process-sampler.js';
import { summariseProfile } from './profile-summary.js';

// One step of the ladder: a gateway on a fresh copy of the provisioned data, then three load phases with N devices,
// each ramping up, holding, and disconnecting:
//   connect    — all N connect and stay at a quiet rate (one message per device a minute): memory per device;
//   saturation — closed loop at QoS 1: sustained ingest (PUBACKs, since the gateway admits before the PUBACK) and
//                CPU per message;
//   latency    — half the saturation rate with SOS presses at known times: SOS → desk alert.raised.

export interface StepContext {
  config: BenchConfig;
  fleet: FleetDevice[];
  pristineDataDir: string;
  workDir: string;
  profileDir: string | null;
  runLoad: RunLoad;
  print: (line: string) => void;
}

const QUIET_MESSAGES_PER_DEVICE_MINUTE = 1;

export async function runStep(ctx: StepContext, devices: number): Promise<StepResult> {
  const { config, print } = ctx;
  const fleet = ctx.fleet.slice(0, devices);
  const result: StepResult = { devices, connect: null, saturation: null, latency: null, counters: null, peakRssBytes: null, errors: [] };
  const dataDir = join(ctx.workDir, `step-${devices}`);
  mkdirSync(dataDir, { recursive: true });
  cpSync(ctx.pristineDataDir, dataDir, { recursive: true });
  const defaults: LoadDefaults = {
    workers: config.BENCH_WORKERS,
    connectPerSecond: config.BENCH_CONNECT_PER_SECOND,
    maxInflight: config.BENCH_MAX_INFLIGHT,
    niceness: config.BENCH_GENERATOR_NICE,
  };
  const label = (phase: string) => `${devices.toLocaleString('en-US')} devices · ${phase}`;

  const gateway = await startGateway({
    dataDir,
    adminUser: BENCH_ADMIN.username,
    adminPassword: BENCH_ADMIN.password,
    ...(ctx.profileDir ? { cpuProfileDir: join(ctx.profileDir, `gateway-${devices}`) } : {}),
  });
  let desk: DeskLatencyRecorder | null = null;
  try {
    // The desk watches throughout, as a real one would: its share of the gateway's work is part of the figures.
    desk = await connectDesk(gateway.httpUrl, await login(gateway.httpUrl, BENCH_ADMIN.username, BENCH_ADMIN.password));
    const base = { mqttUrl: gateway.mqttUrl, devices: fleet, workers: defaults.workers, niceness: defaults.niceness, rampSeconds: rampSeconds(devices, defaults) };

    // connect
    const idle = sampleProcess(gateway.pid);
    const connectPhases = trackLoadPhases({ label: label('connect'), pid: gateway.pid, processName: 'gateway', print });
    const connectReport = await ctx.runLoad({
      ...base,
      durationSeconds: config.BENCH_CONNECT_HOLD_SECONDS,
      rate: Math.max(1, (devices * QUIET_MESSAGES_PER_DEVICE_MINUTE) / 60),
      qos: 1,
      sos: null,
      onProgress: connectPhases.onProgress,
    });
    const held = connectPhases.steady()?.last.process ?? connectPhases.last()?.process ?? null;
    const connect: ConnectFigures = {
      devices,
      connected: connectReport.connected,
      connectFailures: connectReport.connectFailures,
      connectSeconds: connectReport.connectSeconds,
      rssIdleBytes: idle.rssBytes,
      rssConnectedBytes: held?.rssBytes ?? 0,
      bytesPerDevice: held && connectReport.connected > 0 ? (held.rssBytes - idle.rssBytes) / connectReport.connected : null,
    };
    result.connect = connect;
    if (connectReport.connectFailures > 0) {
      result.errors.push(`connect: ${connectReport.connectFailures} of ${devices} devices did not connect (${errorSamples(connectReport).join('; ')})`);
    }
    await waitForDisconnects(gateway, print);

    // saturation
    const saturationPhases = trackLoadPhases({ label: label('saturation'), pid: gateway.pid, processName: 'gateway', print });
    const saturationReport = await ctx.runLoad({
      ...base,
      durationSeconds: config.BENCH_STEADY_SECONDS,
      rate: 'max',
      qos: 1,
      maxInflight: defaults.maxInflight,
      sos: null,
      onProgress: saturationPhases.onProgress,
    });
    const steady = steadyFigures(saturationPhases);
    const saturation: SaturationFigures = {
      connected: saturationReport.connected,
      ackedPerSecond: saturationReport.ackedPerSecond,
      sent: saturationReport.sent,
      acked: saturationReport.acked,
      errors: saturationReport.errors,
      steadySeconds: saturationReport.steadySeconds,
      cpuMicrosPerMessage: steady?.cpuMicrosPerMessage ?? null,
      gatewayCores: steady?.processCores ?? null,
      machineBusy: steady?.machineBusy ?? 0,
    };
    result.saturation = saturation;
    if (saturationReport.errors > 0) result.errors.push(`saturation: ${saturationReport.errors} errors (${errorSamples(saturationReport).join('; ')})`);
    await waitForDisconnects(gateway, print);

    // latency
    const rate = Math.max(1, Math.round(saturation.ackedPerSecond * config.BENCH_LATENCY_SHARE));
    desk.reset();
    const latencyPhases = trackLoadPhases({ label: label(`latency at ${rate.toLocaleString('en-US')}/s`), pid: gateway.pid, processName: 'gateway', print });
    const latencyReport = await ctx.runLoad({
      ...base,
      durationSeconds: config.BENCH_STEADY_SECONDS,
      rate,
      qos: 1,
      sos: { count: config.BENCH_SOS },
      onProgress: latencyPhases.onProgress,
      onSos: desk.onSos,
    });
    const sos = await desk.result();
    const latencySteady = steadyFigures(latencyPhases);
    const latency: LatencyFigures = {
      rate,
      ackedPerSecond: latencyReport.ackedPerSecond,
      presses: sos.presses,
      matched: sos.matched,
      lost: sos.lost,
      unacknowledged: sos.unacknowledged,
      latency: sos.latency,
      deskReconnects: sos.reconnects,
      gatewayCores: latencySteady?.processCores ?? null,
      machineBusy: latencySteady?.machineBusy ?? 0,
    };
    result.latency = latency;
    if (latencyReport.errors > 0) result.errors.push(`latency: ${latencyReport.errors} errors (${errorSamples(latencyReport).join('; ')})`);
    if (sos.lost > 0) result.errors.push(`latency: ${sos.lost} of ${sos.presses} SOS presses never reached the desk`);
    if (sos.presses < config.BENCH_SOS) result.errors.push(`latency: ${sos.presses} SOS presses made of ${config.BENCH_SOS} asked`);
  } catch (err) {
    result.errors.push((err as Error).message);
    print(`${label('error')}: ${(err as Error).message}`);
  } finally {
    desk?.close();
    result.counters = await readCounters(gateway.httpUrl).catch(() => null);
    try {
      result.peakRssBytes = sampleProcess(gateway.pid).peakRssBytes;
    } catch {
      // the gateway died; its output says why
      result.errors.push(`gateway exited during the step:\n${gateway.output()}`);
    }
    await gateway.stop();
  }
  if (ctx.profileDir) keepMainThreadProfile(ctx.profileDir, `gateway-${devices}`, print);
  return result;
}

/**
 * Of the profiles the gateway wrote (one per thread), keeps the main thread's (thread id 0) as <name>.cpuprofile with
 * a summary beside it: the profile is megabytes, the summary is what a reader (and a commit) wants.
 */
function keepMainThreadProfile(profileDir: string, name: string, print: (line: string) => void): void {
  const dir = join(profileDir, name);
  let files: string[] = [];
  try {
    files = readdirSync(dir);
  } catch {
    // not written at all
  }
  const main = files.find((f) => /^CPU\.\d+\.\d+\.\d+\.0\.\d+\.cpuprofile$/.test(f));
  if (!main) {
    print(`profile: the gateway wrote no main-thread profile in ${dir} (did it exit gracefully?)`);
    return;
  }
  const file = join(profileDir, `${name}.cpuprofile`);
  renameSync(join(dir, main), file);
  rmSync(dir, { recursive: true, force: true });
  writeFileSync(join(profileDir, `${name}.txt`), `${summariseProfile(JSON.parse(readFileSync(file, 'utf8')), 30)}\n`);
  print(`profile: ${file}, summary in ${name}.txt`);
}

/** Between phases: the gateway has seen every device go, so the next phase starts from the same state. */
async function waitForDisconnects(gateway: GatewayProcess, print: (line: string) => void): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const { devicesConnected } = await readCounters(gateway.httpUrl);
    if (devicesConnected === 0) return;
    if (Date.now() > deadline) {
      print(`gateway still counts ${devicesConnected} devices connected after 60 s; going on`);
      return;
    }
    await sleep(500);
  }
}
