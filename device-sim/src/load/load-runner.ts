import { preciseNow, type SosOrder, type WorkerMessage } from './load-protocol.js';
import { WorkerHandle } from './load-worker-handle.js';
import type { LoadOptions, LoadProgress, LoadReport, SosPress } from './load.types.js';
import { planSosPresses, sosCandidates } from './sos-plan.js';

// Runs a load against a broker: forks the workers, gives each its round-robin share of the fleet, and drives the
// phases on one clock: ramp (every device connects, evenly spread) → steady (the measured phase: paced traffic and
// the SOS presses) → drain (acks still coming, up to DRAIN_MS) → stop (workers disconnect and exit).
// The workers are killed when anything fails and on SIGINT; a run never leaves processes behind.

/** What runLoad returns: the contract's report, plus what helps explain it. */
export interface LoadRunReport extends LoadReport {
  /** The highest resident memory each worker reported. */
  workerPeakRssBytes: number[];
  /** A few distinct error messages from the workers (refusals, timeouts, dropped sockets). */
  errorSamples: string[];
}

const READY_TIMEOUT_MS = 30_000;
/** After the ramp, how long devices still waiting for their CONNACK are given (MQTT.js's connect timeout). */
const CONNECT_GRACE_MS = 32_000;
const DRAIN_MS = 5_000;
const STOP_TIMEOUT_MS = 15_000;
/** Lead time for a phase start, so that the command reaches every worker before the moment it names. */
const LEAD_MS = 50;
const DEFAULT_MAX_INFLIGHT = 10;

/**
 * Runs the load and resolves with the report. `onSos` gets each press as soon as a worker has published it; the same
 * object gets its `ackedAt` when the PUBACK comes, and the report lists them all.
 */
export async function runLoad(options: LoadOptions): Promise<LoadRunReport> {
  validate(options);
  const { devices, mqttUrl, rate, qos } = options;
  const workerCount = Math.max(1, Math.min(Math.floor(options.workers), devices.length));
  const slices = Array.from({ length: workerCount }, (_, w) => devices.filter((_, i) => i % workerCount === w));
  const workerOfDevice = new Map(devices.map((d, i) => [d.id, i % workerCount]));
  const sosCount = options.sos?.count ?? 0;
  // Fail before forking anything when the fleet cannot give the presses asked for.
  planSosPresses({ candidates: sosCandidates(devices), count: sosCount, startAt: 0, endAt: 1, runTag: 'check' });
  const runTag = `r${Date.now().toString(36)}`;

  let phase: LoadProgress['phase'] = 'connecting';
  const presses: SosPress[] = [];
  const pressByMsgId = new Map<string, SosPress>();
  let failure: Error | null = null;
  let abort: (err: Error) => void = () => undefined;
  const aborted = new Promise<never>((_, reject) => (abort = reject));
  aborted.catch(() => undefined);
  const fail = (err: Error): void => {
    if (failure) return;
    failure = err;
    abort(err);
  };
  const onMessage = (message: WorkerMessage): void => {
    if (message.type === 'sos') recordPress(message, presses, pressByMsgId, options.onSos);
    else if (message.type === 'sos-failed') process.emitWarning(`SOS ${message.msgId} of ${message.deviceId} not sent: ${message.reason}`);
  };

  const started = preciseNow();
  const workers = slices.map((_, i) => new WorkerHandle(i, onMessage, fail, options.niceness ?? 0));
  const progress = (): LoadProgress => ({ phase, elapsedSeconds: (preciseNow() - started) / 1000, ...totals(workers) });
  const progressTimer = setInterval(() => options.onProgress?.(progress()), 1_000);
  const onSigint = (): void => fail(new Error('load run interrupted (SIGINT)'));
  process.on('SIGINT', onSigint);
  /** Waits for `promise`, at most `ms`: true when it came, false on the timeout; rejects at once when the run fails. */
  const within = (promise: Promise<unknown>, ms: number): Promise<boolean> => {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), Math.max(0, ms))));
    return Promise.race([promise.then(() => true), timeout, aborted]).finally(() => clearTimeout(timer));
  };
  const all = (type: 'ready' | 'settled' | 'drained' | 'final'): Promise<unknown> => Promise.all(workers.map((w) => w.reported(type)));

  try {
    if (!(await within(all('ready'), READY_TIMEOUT_MS))) throw new Error(`load workers not ready within ${READY_TIMEOUT_MS / 1000} s`);
    const rampMs = options.rampSeconds * 1000;
    const rampStartAt = preciseNow() + LEAD_MS;
    workers.forEach((worker, i) =>
      worker.send({ type: 'connect', mqttUrl, devices: slices[i]!, workerIndex: i, workers: workerCount, fleetSize: devices.length, rampStartAt, rampMs }),
    );
    // Devices still without a CONNACK after the grace join the steady phase late, if at all; the report shows them.
    await within(all('settled'), rampStartAt + rampMs + CONNECT_GRACE_MS - preciseNow());
    const connected = totals(workers).connected;

    phase = 'steady';
    const startAt = preciseNow() + LEAD_MS;
    const endAt = startAt + options.durationSeconds * 1000;
    const failed = new Set(workers.flatMap((w) => w.failedDeviceIds));
    const candidates = sosCandidates(devices, failed);
    const orders = planSosPresses({ candidates, count: Math.min(sosCount, candidates.length), startAt, endAt, runTag });
    const ordersOf = (w: number): SosOrder[] => orders.filter((o) => workerOfDevice.get(o.deviceId) === w);
    workers.forEach((worker, i) =>
      worker.send({
        type: 'steady',
        startAt,
        endAt,
        rate: rate === 'max' ? 'max' : (rate * slices[i]!.length) / devices.length,
        qos,
        maxInflight: options.maxInflight ?? DEFAULT_MAX_INFLIGHT,
        runTag,
        sos: ordersOf(i),
      }),
    );
    await within(new Promise(() => undefined), endAt - preciseNow());

    phase = 'draining';
    await within(all('drained'), DRAIN_MS);
    for (const worker of workers) worker.stop();
    await within(all('final'), STOP_TIMEOUT_MS);
    phase = 'done';
    options.onProgress?.(progress());
    return report(options, workers, connected, presses);
  } finally {
    clearInterval(progressTimer);
    process.off('SIGINT', onSigint);
    // Workers that were stopped exit on their own; give them a moment, then kill whatever is left (all of them on a failure).
    const exits = Promise.all(workers.map((w) => w.exited));
    if (!failure) await Promise.race([exits, new Promise((resolve) => setTimeout(resolve, 2_000))]);
    for (const worker of workers) worker.kill();
    await Promise.race([exits, new Promise((resolve) => setTimeout(resolve, 2_000))]);
  }
}

function validate(options: LoadOptions): void {
  const { workers, rampSeconds, durationSeconds, rate, maxInflight, sos } = options;
  if (!Number.isInteger(workers) || workers < 1) throw new RangeError(`workers must be a whole number ≥ 1, got ${workers}`);
  if (!(rampSeconds >= 0)) throw new RangeError(`rampSeconds must be ≥ 0, got ${rampSeconds}`);
  if (!(durationSeconds > 0)) throw new RangeError(`durationSeconds must be > 0, got ${durationSeconds}`);
  if (rate !== 'max' && !(rate > 0)) throw new RangeError(`rate must be > 0 msgs/s or 'max', got ${rate}`);
  if (maxInflight !== undefined && !(Number.isInteger(maxInflight) && maxInflight >= 1)) throw new RangeError(`maxInflight must be ≥ 1, got ${maxInflight}`);
  if (sos && !(Number.isInteger(sos.count) && sos.count >= 0)) throw new RangeError(`sos.count must be a whole number ≥ 0, got ${sos.count}`);
  if (options.devices.length === 0) throw new RangeError('a load run needs at least one device');
}

function recordPress(
  message: { deviceId: string; msgId: string; sentAt: number; ackedAt?: number },
  presses: SosPress[],
  byMsgId: Map<string, SosPress>,
  onSos: ((press: SosPress) => void) | undefined,
): void {
  const known = byMsgId.get(message.msgId);
  if (known) {
    if (message.ackedAt !== undefined) known.ackedAt = message.ackedAt;
    return;
  }
  const press: SosPress = { deviceId: message.deviceId, msgId: message.msgId, sentAt: message.sentAt };
  if (message.ackedAt !== undefined) press.ackedAt = message.ackedAt;
  presses.push(press);
  byMsgId.set(press.msgId, press);
  onSos?.(press);
}

function totals(workers: WorkerHandle[]): Omit<LoadProgress, 'phase' | 'elapsedSeconds'> {
  let connected = 0;
  let sent = 0;
  let acked = 0;
  let errors = 0;
  for (const { stats } of workers) {
    connected += stats.connected;
    sent += stats.sent;
    acked += stats.acked;
    errors += stats.errors;
  }
  return { connected, sent, acked, errors };
}

function report(options: LoadOptions, workers: WorkerHandle[], connected: number, presses: SosPress[]): LoadRunReport {
  const stats = workers.map((w) => w.stats);
  const sum = (pick: (s: (typeof stats)[number]) => number): number => stats.reduce((total, s) => total + pick(s), 0);
  const firstConnects = stats.map((s) => s.firstConnectAt).filter((t): t is number => t !== null);
  const lastConnacks = stats.map((s) => s.lastConnackAt).filter((t): t is number => t !== null);
  const connectSeconds = firstConnects.length > 0 && lastConnacks.length > 0 ? (Math.max(...lastConnacks) - Math.min(...firstConnects)) / 1000 : 0;
  return {
    devices: options.devices.length,
    connected,
    connectFailures: sum((s) => s.connectFailures),
    connectSeconds,
    steadySeconds: options.durationSeconds,
    sent: sum((s) => s.sent),
    acked: sum((s) => s.acked),
    ackedPerSecond: sum((s) => s.steadyAcked) / options.durationSeconds,
    errors: sum((s) => s.errors),
    sosPresses: presses,
    workerPeakRssBytes: workers.map((w) => w.peakRssBytes),
    errorSamples: [...new Set(stats.flatMap((s) => s.errorSamples))].slice(0, 10),
  };
}
