import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { loadFleet, provisionFleet, saveFleet } from './fleet-provisioning.js';
import { runLoad, type LoadRunReport } from './load-runner.js';
import type { FleetDevice, LoadProgress } from './load.types.js';

// `npm run load -- [flags]`: registers a fleet on a running gateway (or reuses a saved one), then runs the load mode
// against its broker and prints one progress line a second and a summary. Flags win over the environment:
//   --http URL        GATEWAY_URL            http://localhost:8080
//   --mqtt URL        MQTT_URL               mqtt://<host of --http>:1883
//   --user NAME       GATEWAY_ADMIN_USER     admin
//   --password PW     GATEWAY_ADMIN_PASSWORD (needed to provision)
//   --count N         LOAD_COUNT             1000 devices
//   --workers N       LOAD_WORKERS           2 processes
//   --rate N|max      LOAD_RATE              500 msgs/s across the fleet, or max (closed loop)
//   --duration S      LOAD_DURATION          30 s steady phase
//   --ramp S          LOAD_RAMP              10 s to connect everything
//   --sos N           LOAD_SOS               0 presses
//   --qos 0|1         LOAD_QOS               1
//   --max-inflight N  LOAD_MAX_INFLIGHT      10 (max mode)
//   --fleet PATH      LOAD_FLEET             reuse this fleet file if it exists, else provision and save it there
//   --concurrency N   LOAD_CONCURRENCY       16 homes registered at a time
//   --provision-only                         register (and save) the fleet, run nothing

const { values: flags } = parseArgs({
  options: {
    http: { type: 'string' },
    mqtt: { type: 'string' },
    user: { type: 'string' },
    password: { type: 'string' },
    count: { type: 'string' },
    workers: { type: 'string' },
    rate: { type: 'string' },
    duration: { type: 'string' },
    ramp: { type: 'string' },
    sos: { type: 'string' },
    qos: { type: 'string' },
    'max-inflight': { type: 'string' },
    fleet: { type: 'string' },
    concurrency: { type: 'string' },
    'provision-only': { type: 'boolean', default: false },
  },
  strict: true,
});

const env = process.env;
const httpUrl = flags.http ?? env.GATEWAY_URL ?? 'http://localhost:8080';
const mqttUrl = flags.mqtt ?? env.MQTT_URL ?? `mqtt://${new URL(httpUrl).hostname}:1883`;
const username = flags.user ?? env.GATEWAY_ADMIN_USER ?? 'admin';
const password = flags.password ?? env.GATEWAY_ADMIN_PASSWORD;
const count = whole('count', flags.count ?? env.LOAD_COUNT ?? '1000', 1);
const workers = whole('workers', flags.workers ?? env.LOAD_WORKERS ?? '2', 1);
const rateText = flags.rate ?? env.LOAD_RATE ?? '500';
const rate: number | 'max' = rateText === 'max' ? 'max' : positive('rate', rateText);
const durationSeconds = positive('duration', flags.duration ?? env.LOAD_DURATION ?? '30');
const rampSeconds = whole('ramp', flags.ramp ?? env.LOAD_RAMP ?? '10', 0);
const sos = whole('sos', flags.sos ?? env.LOAD_SOS ?? '0', 0);
const qosText = flags.qos ?? env.LOAD_QOS ?? '1';
if (qosText !== '0' && qosText !== '1') fail(`--qos must be 0 or 1, got ${qosText}`);
const qos = qosText === '0' ? 0 : 1;
const maxInflight = whole('max-inflight', flags['max-inflight'] ?? env.LOAD_MAX_INFLIGHT ?? '10', 1);
const fleetFile = flags.fleet ?? env.LOAD_FLEET;
const concurrency = whole('concurrency', flags.concurrency ?? env.LOAD_CONCURRENCY ?? '16', 1);

async function main(): Promise<void> {
  const fleet = await obtainFleet();
  if (flags['provision-only']) return;
  say(`load: ${fleet.length} devices, ${workers} workers, ramp ${rampSeconds} s, steady ${durationSeconds} s at ` +
    `${rate === 'max' ? `max (${maxInflight} in flight per connection)` : `${rate} msgs/s`}, QoS ${qos}, ${sos} SOS → ${mqttUrl}`);
  let previous: LoadProgress | null = null;
  const report = await runLoad({
    mqttUrl,
    devices: fleet,
    workers,
    rampSeconds,
    durationSeconds,
    rate,
    qos,
    maxInflight,
    sos: sos > 0 ? { count: sos } : null,
    onProgress: (progress) => {
      say(progressLine(progress, previous, fleet.length));
      previous = progress;
    },
    onSos: (press) => say(`  SOS ${press.msgId} from ${press.deviceId}`),
  });
  printSummary(report);
}

/** The saved fleet when --fleet names an existing file (the first --count of it), else a freshly provisioned one. */
async function obtainFleet(): Promise<FleetDevice[]> {
  if (fleetFile && existsSync(fleetFile)) {
    const saved = await loadFleet(fleetFile);
    if (saved.length < count) say(`fleet ${fleetFile} has ${saved.length} devices, fewer than --count ${count}: using them all`);
    say(`fleet: ${Math.min(count, saved.length)} devices from ${fleetFile}`);
    return saved.slice(0, count);
  }
  if (!password) fail('provisioning needs the admin password: --password or GATEWAY_ADMIN_PASSWORD');
  say(`provisioning ${count} devices on ${httpUrl} (${concurrency} homes at a time)`);
  const started = performance.now();
  let lastSaid = started;
  const fleet = await provisionFleet({
    httpUrl,
    username,
    password,
    count,
    concurrency,
    onProgress: (done, total) => {
      const now = performance.now();
      if (now - lastSaid < 1_000 && done < total) return;
      lastSaid = now;
      say(`  provisioned ${done}/${total} (${Math.round(done / ((now - started) / 1000))} devices/s)`);
    },
  });
  say(`provisioned ${fleet.length} devices in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  if (fleetFile) {
    await saveFleet(fleetFile, fleet);
    say(`fleet saved to ${fleetFile} (it holds the device secrets)`);
  }
  return fleet;
}

function progressLine(p: LoadProgress, before: LoadProgress | null, total: number): string {
  if (p.phase === 'done') return `[${p.elapsedSeconds.toFixed(1).padStart(6)} s] done       sent ${p.sent}  acked ${p.acked}  errors ${p.errors}`;
  const seconds = before ? Math.max(0.001, p.elapsedSeconds - before.elapsedSeconds) : 1;
  const perSecond = (now: number, then: number | undefined): string => String(Math.round((now - (then ?? 0)) / seconds)).padStart(7);
  return `[${p.elapsedSeconds.toFixed(1).padStart(6)} s] ${p.phase.padEnd(10)} connected ${String(p.connected).padStart(6)}/${total}` +
    `  sent/s ${perSecond(p.sent, before?.sent)}  acked/s ${perSecond(p.acked, before?.acked)}  errors ${p.errors}`;
}

function printSummary(r: LoadRunReport): void {
  const acks = r.sosPresses.filter((p) => p.ackedAt !== undefined).map((p) => p.ackedAt! - p.sentAt).sort((a, b) => a - b);
  const rows: Array<[string, string]> = [
    ['devices', String(r.devices)],
    ['connected', `${r.connected} (${r.connectFailures} failed)`],
    ['connect time', `${r.connectSeconds.toFixed(1)} s (${r.connectSeconds > 0 ? Math.round(r.connected / r.connectSeconds) : '-'} connections/s)`],
    ['steady phase', `${r.steadySeconds} s`],
    ['sent', String(r.sent)],
    ['acked', `${r.acked} (${r.sent - r.acked} not acked)`],
    ['acked/s (steady)', r.ackedPerSecond.toFixed(0)],
    ['errors', String(r.errors)],
    ['SOS presses', `${r.sosPresses.length}, ${acks.length} acked`],
    ['SOS PUBACK ms', acks.length > 0 ? `median ${acks[Math.floor(acks.length / 2)]!.toFixed(1)}, max ${acks.at(-1)!.toFixed(1)}` : '-'],
    ['worker peak RSS', r.workerPeakRssBytes.map((b) => `${(b / 2 ** 20).toFixed(0)} MiB`).join(', ')],
  ];
  const width = Math.max(...rows.map(([k]) => k.length));
  say('');
  for (const [key, value] of rows) say(`  ${key.padEnd(width)}  ${value}`);
  for (const sample of r.errorSamples) say(`  error: ${sample}`);
}

function whole(name: string, text: string, min: number): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < min) fail(`--${name} must be a whole number ≥ ${min}, got ${text}`);
  return n;
}

function positive(name: string, text: string): number {
  const n = Number(text);
  if (!(n > 0)) fail(`--${name} must be a number > 0, got ${text}`);
  return n;
}

function say(line: string): void {
  process.stdout.write(`${line}\n`);
}

function fail(message: string): never {
  process.stderr.write(`npm run load: ${message}\n`);
  process.exit(2);
}

main().catch((err: unknown) => {
  process.stderr.write(`npm run load: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
});
