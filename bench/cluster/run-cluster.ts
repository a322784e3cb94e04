import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import '../child-cleanup.js';
import { runLoad } from '../../device-sim/src/load/load-runner.js';
import { mosquittoMissing } from '../../tests/support/mosquitto.js';
import { postgresMissing, startPostgres } from '../../tests/support/postgres.js';
import type { StepResult } from '../bench.types.js';
import { ensureFileLimit } from '../fd-limit.js';
import { prepareFleet } from '../fleet-cache.js';
import { ROOT } from '../gateway-process.js';
import { runStep } from '../ladder-step.js';
import { textTable } from '../results-table.js';
import { startRun } from '../run-start.js';
import { describeClusterConfig, loadClusterConfig } from './cluster-config.js';
import { writeClusterResults } from './cluster-results-files.js';
import { LIFTED_LIMITS } from './cluster-instance.js';
import { runClusterStep } from './cluster-step.js';
import { LATENCY_COLUMNS, latencyRows, PROCESS_COLUMNS, processRows, THROUGHPUT_COLUMNS, throughputRows } from './cluster-table.js';
import type { ClusterBenchResults, ClusterStep } from './cluster.types.js';
import { killOnExit } from './exit-kill.js';
import { findPostmasterPid } from './process-lookup.js';
import { mosquittoVersion, postgresVersion } from './service-versions.js';

// `npm run bench:cluster`: for each step of BENCH_CLUSTER_LADDER, the single-box step of `npm run bench`
// (bench/ladder-step.ts) and then the same phases on the scale-out topology (two gateway instances, Mosquitto,
// PostgreSQL with fsync on: cluster-step.ts), side by side in bench/results/<date>-<host>-cluster.{json,md}.
// Settings: cluster-config.ts and bench/bench-config.ts.

const config = loadClusterConfig();
const { bench } = config;

const missing = [postgresMissing() ? 'PostgreSQL (apt-get install postgresql)' : null, mosquittoMissing() ? 'Mosquitto (apt-get install mosquitto)' : null].filter(Boolean);
if (missing.length > 0) {
  process.stderr.write(`bench:cluster needs ${missing.join(' and ')}: sudo scripts/install-test-services.sh\n`);
  process.exit(1);
}

const { startedAt, machine, commit, print } = startRun('bench:cluster');
const largest = config.ladder[config.ladder.length - 1]!;
print(
  `bench:cluster: ladder ${config.ladder.join(', ')} · ${bench.BENCH_WORKERS} workers · steady ${bench.BENCH_STEADY_SECONDS} s · ` +
    `2 instances × ${config.consumers} consumers`,
);
const notes: string[] = [
  `The load workers (${bench.BENCH_WORKERS} processes) and the harness ran on the same machine as the servers under test in both topologies.`,
  'The single box uses one fleet registered once for the largest step (its steps copy the pristine data); the scale-out ' +
    'topology registers each step\'s fleet anew into a fresh database, so no step inherits open alerts from the one before.',
  `The gateways of both topologies ran with their per-device message allowance and REST write limit lifted (${Object.entries(LIFTED_LIMITS)
    .map(([k, v]) => `${k}=${v}`)
    .join(', ')}, as bench/gateway-process.ts sets them for the single box): the simulated devices send far above a real device's allowance on purpose.`,
  'After the saturation phase the scale-out gateways drain Mosquitto for at most BENCH_CLUSTER_DRAIN_SECONDS; then they are ' +
    'stopped, Mosquitto is emptied and they start again on the same database, rather than being left to reconnect: at this ' +
    "commit a consumer connection that fails after it was established is not reconnected (broker-client.ts keeps its first " +
    "connect's 'error' handler, which ends the client for good on a later ECONNRESET or keepalive timeout).",
];
// Mosquitto holds the device sockets in the scale-out topology, the gateway on the single box; workers hold theirs.
const fileLimit = ensureFileLimit(largest + 1024);
if (fileLimit.problem) {
  print(`bench:cluster: WARNING ${fileLimit.problem}`);
  notes.push(`Open-file limit ${fileLimit.soft}: ${fileLimit.problem}.`);
}

const printStep = (step: ClusterStep) =>
  [
    textTable(THROUGHPUT_COLUMNS, throughputRows(step.singleBox, step.scaleOut)),
    textTable(LATENCY_COLUMNS, latencyRows(step.singleBox, step.scaleOut)),
    textTable(PROCESS_COLUMNS, processRows(step.singleBox, step.scaleOut)),
  ].join('\n\n');

const workDir = mkdtempSync(join(tmpdir(), 'eldercare-bench-cluster-'));
const cacheDir = bench.BENCH_CACHE_DIR ? resolve(bench.BENCH_CACHE_DIR) : join(workDir, 'fleet');
const resultsDir = resolve(ROOT, bench.BENCH_RESULTS_DIR);
try {
  const fleet = await prepareFleet(cacheDir, largest, print);
  const postgres = await startPostgres({ fsync: true });
  const postmasterPid = findPostmasterPid(Number(new URL(postgres.url).port));
  const forgetPostgres = postmasterPid === null ? () => true : killOnExit(postmasterPid, 'SIGQUIT');
  const steps: ClusterStep[] = [];
  let versions = { postgres: 'unknown', mosquitto: mosquittoVersion() };
  try {
    if (postmasterPid === null) throw new Error('the PostgreSQL server started, but its process was not found in /proc');
    versions = { ...versions, postgres: await postgresVersion(postgres.url) };
    for (const devices of config.ladder) {
      print(`step ${devices.toLocaleString('en-US')} devices: single box`);
      const context = { config: bench, fleet: fleet.devices, pristineDataDir: fleet.dataDir, workDir, profileDir: null, runLoad, print };
      const singleBox = await runStep(context, devices).catch(
        (err: Error): StepResult => ({ devices, connect: null, saturation: null, latency: null, latencyCurve: [], counters: null, peakRssBytes: null, errors: [err.message] }),
      );
      print(`step ${devices.toLocaleString('en-US')} devices: scale-out`);
      const scaleOut = await runClusterStep({ config, postgres, postmasterPid, runLoad, print }, devices);
      const step = { devices, singleBox, scaleOut };
      steps.push(step);
      print(`step ${devices.toLocaleString('en-US')} devices: done\n${printStep(step)}`);
    }
  } finally {
    await postgres.stop();
    forgetPostgres();
  }

  const results: ClusterBenchResults = {
    format: 'eldercare-bench-cluster',
    version: 1,
    startedAt,
    finishedAt: new Date().toISOString(),
    machine,
    commit,
    config: describeClusterConfig(config),
    versions,
    fileLimit,
    singleBoxFleet: { devices: fleet.devices.length, provisionSeconds: fleet.provisionSeconds, reused: fleet.reused },
    steps,
    notes,
  };
  const files = writeClusterResults(resultsDir, results);
  process.stdout.write(`\n${steps.map(printStep).join('\n\n')}\n\nresults: ${files.join(', ')}\n`);
} finally {
  rmSync(workDir, { recursive: true, force: true });
}
