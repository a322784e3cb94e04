import { cpSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FleetDevice } from '../device-sim/src/load/load.types.js';
import type { BenchConfig } from './bench-config.js';
import type { ConnectFigures, SaturationFigures, StepResult } from './bench.types.js';
import { connectDesk, login, type DeskLatencyRecorder } from './desk-latency.js';
import { BENCH_ADMIN } from './fleet-cache.js';
import { readCounters } from './gateway-metrics.js';
import { startGateway, type GatewayProcess } from './gateway-process.js';
import { runLatencyPhase } from './latency-phase.js';
import { errorSamples, rampSeconds, type LoadDefaults, type RunLoad } from './load-driver.js';
import { steadyFigures, trackLoadPhases } from './load-phases.js';
import { sleep } from './net.js';
import { sampleProcess } from './process-sampler.js';
import { summariseProfile } from './profile-summary.js';
import { TARGET_LATENCY_SHARE } from './targets.js';

// One step of the ladder: a gateway on a fresh copy of the provisioned data, then three load phases with N devices,
// each ramping up, holding, and disconnecting:
//   connect    — all N connect and stay at a quiet rate (one message per device a minute): memory per device;
//   saturation — closed loop at QoS 1: sustained ingest (PUBACKs, since the gateway admits before the PUBACK) and
//                CPU per message;
//   latency    — one phase per BENCH_LATENCY_SHARES entry (a share of the saturation rate), lowest first, each with
//                SOS presses at known times: SOS → desk alert.raised and SOS → alarm_received back at the device,
//                and how they grow with the load.

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
  const result: StepResult = { devices, connect: null, saturation: null, latency: null, latencyCurve: [], counters: null, peakRssBytes: null, errors: [] };
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
    const deskToken = await login(gateway.httpUrl, BENCH_ADMIN.username, BENCH_ADMIN.password);
    desk = await connectDesk(gateway.httpUrl, deskToken);
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

    // latency, one phase per share, lowest first, on the same gateway (each resolves the SOS alerts it raised)
    for (const [i, share] of config.BENCH_LATENCY_SHARES.entries()) {
      if (i > 0) await waitForDisconnects(gateway, print);
      const phase = await runLatencyPhase(
        { runLoad: ctx.runLoad, base, gateway, desk, deskToken, steadySeconds: config.BENCH_STEADY_SECONDS, sosPresses: config.BENCH_SOS, saturationRate: saturation.ackedPerSecond, label, print },
        share,
      );
      result.latencyCurve.push(phase.figures);
      if (share === TARGET_LATENCY_SHARE) result.latency = phase.figures;
      result.errors.push(...phase.errors);
    }
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
