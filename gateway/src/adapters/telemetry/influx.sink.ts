import type { Logger } from 'pino';
import type { Metrics } from '../../app/ports/metrics.port.js';
import type { SinkHealth, TelemetryPoint, TelemetrySink } from '../../app/ports/telemetry-sink.port.js';
import { createBatchSpooler } from './batch-spooler.js';
import { createFlushBarrier } from './flush-barrier.js';
import { createInfluxWriter } from './influx-writer.js';
import { createLineBatcher } from './line-batcher.js';
import { toLineProtocol } from './line-protocol.js';
import { openTelemetrySpool, type SpooledBatch } from './telemetry-spool.js';
import { createWakeSignal } from './wake-signal.js';

// Telemetry to InfluxDB (docs/decisions/0007-telemetry-never-blocks-alarms.md). `write` only turns points into lines and appends them to a buffer;
// a batch is cut at `batchSize` lines or `flushMs` after its first line, and numbered. One writer loop sends the
// lowest-numbered batch at a time, so InfluxDB receives batches in the order they were cut. A few batches wait in
// memory; when InfluxDB fails (unreachable, timeout, 5xx, 429, or 401/403/404 until an operator fixes the config) the
// sink is degraded, every batch not yet written goes to the disk spool (telemetry-spool.ts), and new batches follow
// them there until the spool is empty again. The writer retries the oldest batch with exponential backoff and, once
// InfluxDB answers, replays the spool in order. A batch InfluxDB calls malformed (400, 413, 422) is shed and the
// queue moves on. Every point ends as exactly one of written, shed (by reason), or still pending or spooled.

export interface InfluxSinkOptions {
  url: string;
  token: string;
  org: string;
  bucket: string;
  /** A batch is cut when it holds this many points... */
  batchSize: number;
  /** ...or this long after its first point. */
  flushMs: number;
  /** How long one write may go unanswered; also how long close() keeps trying before it leaves the rest on disk. */
  timeoutMs: number;
  spoolDir: string;
  spoolMaxBytes: number;
  retryMinDelayMs: number;
  retryMaxDelayMs: number;
  metrics: Pick<
    Metrics,
    'telemetryPointsWritten' | 'telemetryBatches' | 'telemetryRetries' | 'telemetrySpoolBytes' | 'telemetrySpoolBatches' | 'telemetryPointsShed'
  >;
  logger: Logger;
}

/** Batches cut and waiting in memory; beyond this they wait on disk, so memory stays bounded whatever the backlog. */
const MEMORY_BATCHES = 4;
/** Batches being written to disk at once; a disk slower than ingest sheds the newest rather than grow memory. */
const SPOOL_BACKLOG = 32;

interface Batch {
  seq: number;
  lines: string[];
}

export function createInfluxSink(options: InfluxSinkOptions): TelemetrySink {
  const log = options.logger.child({ module: 'influx-sink' });
  const m = options.metrics;
  const sink = { sink: 'influxdb' } as const;
  const send = createInfluxWriter(options);
  const spool = openTelemetrySpool({ dir: options.spoolDir, maxBytes: options.spoolMaxBytes });
  const spooler = createBatchSpooler({ spool, spoolMaxBytes: options.spoolMaxBytes, maxInFlight: SPOOL_BACKLOG, metrics: m, log });

  let nextSeq = 0;
  const queue: Batch[] = [];
  /** The memory batch being sent now (a spooled one stays on disk while it is sent). */
  let current: Batch | undefined;
  const barrier = createFlushBarrier();
  const batcher = createLineBatcher({ batchSize: options.batchSize, flushMs: options.flushMs, onBatch: enqueue });
  const wake = createWakeSignal();
  let failures = 0;
  let degradedReason: string | undefined;
  let closed = false;
  let stopping = false;
  let closing: Promise<void> | undefined;

  const shed = (points: number, reason: string) => points > 0 && m.telemetryPointsShed.inc({ ...sink, reason }, points);
  const updateGauges = () => {
    m.telemetrySpoolBytes.set(sink, spool.bytes);
    m.telemetrySpoolBatches.set(sink, spool.batches);
  };

  /** A batch is cut: it is numbered and waits in memory, or on disk when memory is not its place now. */
  function enqueue(lines: string[]): void {
    const batch = { seq: nextSeq++, lines };
    barrier.open(batch.seq);
    // While anything is on (or on its way to) disk, or InfluxDB is failing, new batches queue behind it on disk.
    if (degradedReason !== undefined || spooler.inFlight > 0 || spool.batches > 0 || queue.length >= MEMORY_BATCHES) void toSpool(batch);
    else queue.push(batch);
    wake.notify();
  }

  /** Never rejects: a batch that cannot be kept on disk is shed and counted. */
  async function toSpool(batch: Batch): Promise<void> {
    await spooler.spool(batch.seq, batch.lines);
    updateGauges();
    barrier.settle(batch.seq);
    wake.notify();
  }

  function retryDelay(): number {
    // Exponential, with jitter in its upper half so that gateways restarted together do not retry together.
    const ceiling = Math.min(options.retryMaxDelayMs, options.retryMinDelayMs * 2 ** Math.min(failures - 1, 30));
    return Math.max(options.retryMinDelayMs, ceiling / 2 + (Math.random() * ceiling) / 2);
  }

  /** Sends one batch; true when it is done with (written or rejected), false when it must be sent again. */
  async function attempt(lines: string[]): Promise<boolean> {
    if (failures > 0) m.telemetryRetries.inc(sink);
    const outcome = await send(lines);
    if (outcome.kind === 'failed') {
      m.telemetryBatches.inc({ ...sink, outcome: 'failed' });
      failures++;
      if (degradedReason !== outcome.reason) log.warn({ reason: outcome.reason }, 'InfluxDB write failed: telemetry waits in the disk spool');
      degradedReason = outcome.reason;
      return false;
    }
    if (outcome.kind === 'written') {
      m.telemetryPointsWritten.inc(sink, lines.length);
      m.telemetryBatches.inc({ ...sink, outcome: 'written' });
    } else {
      shed(lines.length, 'rejected_by_server');
      m.telemetryBatches.inc({ ...sink, outcome: 'rejected' });
      // The status and InfluxDB's error code only: its message quotes the offending line (ids and vital signs).
      log.error({ status: outcome.status, code: outcome.code, points: lines.length }, 'InfluxDB rejected a telemetry batch; it is shed');
    }
    if (degradedReason !== undefined) log.info({ spooledBatches: spool.batches, failures }, 'InfluxDB answers again: replaying the spool');
    degradedReason = undefined;
    failures = 0;
    spooler.recovered();
    return true;
  }

  async function afterFailure(): Promise<void> {
    // Nothing not yet written stays only in memory while InfluxDB is failing.
    await Promise.all(queue.splice(0).map(toSpool));
    if (closed) {
      stopping = true; // closing: what failed is on disk now, for the next start; no backoff, the writer ends
      return;
    }
    const until = Date.now() + retryDelay();
    while (!closed && Date.now() < until) await wake.next(until - Date.now());
  }

  /** The writer's step: the lowest-numbered batch, in memory or on disk, is sent. */
  async function sendNext(): Promise<void> {
    const onDisk = spool.head();
    const inMemory = queue[0];
    if (inMemory && (!onDisk || inMemory.seq < onDisk.seq)) return sendFromMemory(inMemory);
    if (onDisk) return sendFromDisk(onDisk);
    return wake.next();
  }

  async function sendFromMemory(batch: Batch): Promise<void> {
    queue.shift();
    current = batch;
    const done = await attempt(batch.lines);
    current = undefined;
    if (done) return barrier.settle(batch.seq);
    queue.unshift(batch);
    return afterFailure();
  }

  async function sendFromDisk(batch: SpooledBatch): Promise<void> {
    spool.pin(batch.seq);
    try {
      let lines: string[] | undefined;
      try {
        lines = await spool.read(batch.seq);
      } catch (err) {
        log.error({ err }, 'spooled telemetry batch unreadable; it is shed');
        shed(batch.lines, 'spool_error');
        return await spool.remove(batch.seq);
      }
      // Gone meanwhile: its write failed, and the append that reported it counted it as shed.
      if (!lines) return;
      if (await attempt(lines)) await spool.remove(batch.seq);
      else await afterFailure();
    } finally {
      spool.pin(undefined);
      updateGauges();
    }
  }

  async function runWriter(): Promise<void> {
    await spool.ready;
    updateGauges();
    if (spool.batches > 0) log.info({ batches: spool.batches, bytes: spool.bytes }, 'replaying telemetry spooled by an earlier run');
    while (!stopping) {
      try {
        await sendNext();
        wake.notify(); // close() may be waiting for the queue to drain
      } catch (err) {
        // Only a bug or a disk error gets here; the loop must go on, or telemetry would pile up unseen.
        log.error({ err }, 'telemetry writer step failed');
        await wake.next(options.retryMinDelayMs);
      }
    }
  }
  const writerDone = runWriter().catch((err: unknown) => log.error({ err }, 'telemetry writer stopped'));

  const drained = () => !current && queue.length === 0 && spooler.inFlight === 0 && (spool.batches === 0 || degradedReason !== undefined);

  return {
    name: 'influxdb',

    write(points: readonly TelemetryPoint[]): void {
      if (closed) return;
      let invalid = 0;
      for (const point of points) {
        const line = toLineProtocol(point);
        if (line === undefined) invalid++;
        else batcher.add(line);
      }
      shed(invalid, 'invalid');
    },

    flush(): Promise<void> {
      if (closed) return closing ?? Promise.resolve();
      batcher.cut();
      return barrier.until(nextSeq - 1);
    },

    health(): SinkHealth {
      if (degradedReason !== undefined) return { status: 'degraded', detail: degradedReason };
      return spool.batches > 0 ? { status: 'ok', detail: `${spool.batches} batches waiting in the disk spool` } : { status: 'ok' };
    },

    close(): Promise<void> {
      if (closing) return closing;
      closed = true;
      batcher.cut();
      closing = (async () => {
        // Up to timeoutMs to write what is left (or, when InfluxDB is failing, to get it onto disk)...
        const deadline = Date.now() + options.timeoutMs;
        wake.notify();
        while (!stopping && !drained() && Date.now() < deadline) await wake.next(deadline - Date.now());
        stopping = true;
        wake.notify();
        // ...then the writer ends its send in flight (bounded by the request timeout) and what remains goes to disk,
        // where the next start replays it.
        await writerDone;
        await Promise.all(queue.splice(0).map(toSpool));
        while (spooler.inFlight > 0) await wake.next();
        if (spool.batches > 0) log.info({ batches: spool.batches, bytes: spool.bytes }, 'telemetry left in the spool for the next start');
      })().catch((err: unknown) => log.error({ err }, 'closing the InfluxDB sink failed'));
      return closing;
    },
  };
}
