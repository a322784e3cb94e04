import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import './child-cleanup.js';
import { runLoad } from '../device-sim/src/load/load-runner.js';
import { baselineStep, loadBenchConfig } from './bench-config.js';
import type { BenchResults, StepResult } from './bench.types.js';
import { ensureFileLimit } from './fd-limit.js';
import { prepareFleet } from './fleet-cache.js';
import { ROOT } from './gateway-process.js';
import { runStep } from './ladder-step.js';
import { runBaselines } from './run-baselines.js';
import { writeResults } from './results-files.js';
import { startRun } from './run-start.js';
import { BASELINE_COLUMNS, baselineRows, LATENCY_CURVE_COLUMNS, latencyCurveRows, STEP_COLUMNS, stepRow, textTable } from './results-table.js';
import { judgeTargets } from './targets.js';

// `npm run bench`: provisions a fleet, climbs the ladder of device counts against the gateway, runs the Mosquitto
// and aedes-forwarding baselines with the same generator, judges the targets and writes bench/results/.
// Settings: bench/bench-config.ts (BENCH_LADDER, BENCH_WORKERS, BENCH_STEADY_SECONDS, ...).

const config = loadBenchConfig();
const { startedAt, machine, commit, print } = startRun('bench');
const largest = config.BENCH_LADDER[config.BENCH_LADDER.length - 1]!;
const notes: string[] = [
  `The load workers (${config.BENCH_WORKERS} processes), the harness and the server under test share the machine's ${machine.cores} cores, as they would on a one-box install; "machine busy" tells when the machine, not the server, was the limit.`,
];

print(`bench: ladder ${config.BENCH_LADDER.join(', ')} · ${config.BENCH_WORKERS} workers · steady ${config.BENCH_STEADY_SECONDS} s`);

// The gateway holds one socket per device plus its own files; each worker holds its share.
const fileLimit = ensureFileLimit(largest + 1024);
print(`bench: open-file limit ${fileLimit.soft} (hard ${fileLimit.hard})${fileLimit.raised ? ', raised for this run' : ''}`);
if (fileLimit.problem) {
  print(`bench: WARNING ${fileLimit.problem}`);
  notes.push(
    `Open-file limit ${fileLimit.soft}: ${fileLimit.problem}. The gateway process needs one descriptor per device plus its own ` +
      '(database, listeners, stdio), so a step with more devices than the limit allows cannot connect them all.',
  );
}

const workDir = mkdtempSync(join(tmpdir(), 'eldercare-bench-'));
const cacheDir = config.BENCH_CACHE_DIR ? resolve(config.BENCH_CACHE_DIR) : join(workDir, 'fleet');
const resultsDir = resolve(ROOT, config.BENCH_RESULTS_DIR);
try {
  const fleet = await prepareFleet(cacheDir, largest, print);
  const steps: StepResult[] = [];
  for (const devices of config.BENCH_LADDER) {
    print(`step ${devices.toLocaleString('en-US')} devices: starting a gateway`);
    const context = {
      config,
      fleet: fleet.devices,
      pristineDataDir: fleet.dataDir,
      workDir,
      profileDir: config.BENCH_PROFILE ? join(resultsDir, 'profiles') : null,
      runLoad,
      print,
    };
    // A step that cannot even start its gateway is recorded as such; the ladder goes on.
    const step = await runStep(context, devices).catch(
      (err: Error): StepResult => ({ devices, connect: null, saturation: null, latency: null, latencyCurve: [], counters: null, peakRssBytes: null, errors: [err.message] }),
    );
    steps.push(step);
    print(`step ${devices.toLocaleString('en-US')} devices: done\n${textTable(STEP_COLUMNS, [stepRow(step)])}\n\n${textTable(LATENCY_CURVE_COLUMNS, latencyCurveRows(step))}`);
  }

  const baselineDevices = baselineStep(config);
  const gatewayStep = steps.find((s) => s.devices === baselineDevices);
  const baselines = await runBaselines(
    {
      which: config.BENCH_BASELINES,
      devices: fleet.devices.slice(0, baselineDevices),
      steadySeconds: config.BENCH_STEADY_SECONDS,
      defaults: { workers: config.BENCH_WORKERS, connectPerSecond: config.BENCH_CONNECT_PER_SECOND, maxInflight: config.BENCH_MAX_INFLIGHT, niceness: config.BENCH_GENERATOR_NICE },
      workDir,
      runLoad,
      print,
    },
    gatewayStep,
  );

  const results: BenchResults = {
    format: 'eldercare-bench',
    version: 1,
    startedAt,
    finishedAt: new Date().toISOString(),
    machine,
    commit,
    config: { ...config, BENCH_CACHE_DIR: config.BENCH_CACHE_DIR ?? null },
    fileLimit,
    fleet: { devices: fleet.devices.length, provisionSeconds: fleet.provisionSeconds, reused: fleet.reused },
    steps,
    baselines,
    targets: judgeTargets({ steps, baselines }),
    notes,
  };
  const files = writeResults(resultsDir, results);

  process.stdout.write(`\n${textTable(STEP_COLUMNS, steps.map(stepRow))}\n\n`);
  process.stdout.write(`${textTable(LATENCY_CURVE_COLUMNS, steps.flatMap(latencyCurveRows))}\n\n`);
  process.stdout.write(`${textTable(BASELINE_COLUMNS, baselineRows(baselines, gatewayStep))}\n\n`);
  for (const t of results.targets) {
    process.stdout.write(`${t.pass === null ? 'NOT MEASURED' : t.pass ? 'MET   ' : 'MISSED'}  ${t.target}: ${t.measured}\n`);
  }
  process.stdout.write(`\nresults: ${files.join(', ')}\n`);
} finally {
  rmSync(workDir, { recursive: true, force: true });
}
