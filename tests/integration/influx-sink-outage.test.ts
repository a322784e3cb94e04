import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { createInfluxSink, type InfluxSinkOptions } from '../../gateway/src/adapters/telemetry/influx.sink.js';
import { toLineProtocol } from '../../gateway/src/adapters/telemetry/line-protocol.js';
import { createMetrics } from '../../gateway/src/adapters/metrics/prom-metrics.js';
import type { PromMetrics } from '../../gateway/src/adapters/metrics/prom-metrics.js';
import type { TelemetryPoint } from '../../gateway/src/app/ports/telemetry-sink.port.js';
import { createRootLogger } from '../../gateway/src/logger.js';
import { eventually } from '../support/mqtt-device.js';
import { startVictoriaMetrics, victoriaMetricsMissing, type VictoriaMetrics } from '../support/victoria-metrics.js';

// The InfluxDB sink when its server goes away, at the sink level (the gateway wiring has its own tests). The
// endpoint is a real VictoriaMetrics WITHOUT deduplication, so a batch written twice would show as two samples.
// Failure cases it cannot produce (a 400, a server that never answers) use a tiny real HTTP server.

const TOKEN = 'outage-test-token-3f9a';
const BASE_TS = Math.floor(Date.now() / 1000) * 1000 - 30 * 60_000;
let runNumber = 0;

function harness(url: string, spoolDir: string, overrides: Partial<InfluxSinkOptions> = {}) {
  const metrics = createMetrics();
  const logLines: string[] = [];
  const logs = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logLines.push(...chunk.toString().split('\n').filter(Boolean));
      done();
    },
  });
  const options: InfluxSinkOptions = {
    url,
    token: TOKEN,
    org: 'eldercare',
    bucket: 'telemetry',
    batchSize: 500,
    flushMs: 100,
    timeoutMs: 2000,
    spoolDir,
    spoolMaxBytes: 64 * 1024 * 1024,
    retryMinDelayMs: 100,
    retryMaxDelayMs: 1000,
    metrics,
    logger: createRootLogger('info', logs),
    ...overrides,
  };
  const sink = createInfluxSink(options);
  onTestFinished(() => sink.close());
  return { sink, metrics, logLines, count: (name: CountedMetric, labels: Record<string, string> = {}) => count(metrics, name, labels) };
}

type CountedMetric = 'telemetryPointsWritten' | 'telemetryPointsShed' | 'telemetryBatches' | 'telemetrySpoolBatches' | 'telemetrySpoolBytes' | 'telemetryRetries';

async function count(metrics: PromMetrics, name: CountedMetric, labels: Record<string, string>): Promise<number> {
  const { values } = await metrics[name].get();
  return values
    .filter((v) => v.labels.sink === 'influxdb' && Object.entries(labels).every(([k, x]) => v.labels[k as keyof typeof v.labels] === x))
    .reduce((sum, v) => sum + v.value, 0);
}

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'influx-spool-'));
  onTestFinished(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

/** Point `k` of a run: 20 devices, one reading per device per second, two-digit values (lines of equal length). */
function pointOf(run: string, k: number): TelemetryPoint {
  const device = `${run}-d${String(k % 20).padStart(2, '0')}`;
  return { measurement: 'vitals', deviceId: device, deviceKind: 'wearable', elderId: `elder-${k % 20}`, regionId: 'community-1', ts: BASE_TS + Math.floor(k / 20) * 1000, fields: { heartRate: 60 + (k % 30) } };
}
const points = (run: string, from: number, n: number) => Array.from({ length: n }, (_, i) => pointOf(run, from + i));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A real HTTP server with a scripted answer, recording each request body (gunzipped) in arrival order. */
async function startStubServer(answer: (body: string, response: ServerResponse) => void) {
  const bodies: string[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const server = createServer((request: IncomingMessage, response) => {
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    response.on('close', () => inFlight--);
    const chunks: Buffer[] = [];
    request.on('data', (c: Buffer) => chunks.push(c));
    request.on('end', () => {
      const raw = Buffer.concat(chunks);
      const body = (request.headers['content-encoding'] === 'gzip' ? gunzipSync(raw) : raw).toString('utf8');
      bodies.push(body);
      answer(body, response);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  onTestFinished(
    () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, bodies, maxInFlight: () => maxInFlight };
}

describe.skipIf(victoriaMetricsMissing())('InfluxDB sink outages', () => {
  let vm: VictoriaMetrics;
  beforeAll(async () => {
    vm = await startVictoriaMetrics();
  });
  afterAll(async () => {
    await vm?.dispose();
  });

  /** Stops VictoriaMetrics for this test; it runs again for the next one even when this one fails. */
  async function stopVm(): Promise<void> {
    onTestFinished(() => vm.start());
    await vm.stop('SIGTERM');
  }

  /** Every stored sample of a run's devices, as `device@ts` keys (duplicates kept). */
  async function storedKeys(run: string): Promise<string[]> {
    const series = await vm.exportSeries(`{__name__="vitals_heart_rate",device_id=~"${run}-.*"}`);
    return series.flatMap((s) => s.timestamps.map((ts) => `${s.metric.device_id}@${ts}`));
  }

  it('when VictoriaMetrics stops mid-stream and comes back, then every point is stored exactly once or counted as shed', async () => {
    const run = `outage${++runNumber}-${process.pid}`;
    const { sink, count, logLines } = harness(vm.url, await tempDir());
    const TICKS = 40;
    const PER_TICK = 500;
    const spoolSeen: number[] = [];
    let degradedSeen = false;
    let restarted: Promise<void> | undefined;
    let stopped: Promise<void> | undefined;
    let restartedAt = 0;
    let emptiedAt = 0;

    // 20,000 points over about 4 s. VictoriaMetrics is stopped with SIGTERM, a graceful stop: SIGKILL would also lose
    // samples it had acknowledged but not yet flushed from its own buffers, which is VictoriaMetrics' durability, not
    // the sink's.
    for (let tick = 0; tick < TICKS; tick++) {
      sink.write(points(run, tick * PER_TICK, PER_TICK));
      if (tick === 10) stopped = stopVm();
      if (tick > 12 && tick < 30) {
        degradedSeen ||= sink.health().status === 'degraded';
        spoolSeen.push(await count('telemetrySpoolBatches'));
      }
      if (restartedAt && !emptiedAt && (await count('telemetrySpoolBatches')) === 0) emptiedAt = Date.now();
      if (tick === 30)
        restarted = stopped!.then(async () => {
          await vm.start();
          restartedAt = Date.now();
        });
      await sleep(100);
    }
    await restarted;
    await sink.flush();
    const sent = TICKS * PER_TICK;
    await eventually(
      async () => ({ spooled: await count('telemetrySpoolBatches'), done: (await count('telemetryPointsWritten')) + (await count('telemetryPointsShed')) }),
      (s) => s.spooled === 0 && s.done === sent,
      20_000,
    );
    const replayMs = (emptiedAt || Date.now()) - restartedAt;

    expect(degradedSeen).toBe(true);
    expect(spoolSeen.at(-1)).toBeGreaterThan(spoolSeen[0]!); // the spool grew during the outage
    expect(sink.health()).toEqual({ status: 'ok' });
    const written = await count('telemetryPointsWritten');
    const shed = await count('telemetryPointsShed');
    expect(written + shed).toBe(sent);
    expect(shed).toBe(0); // 64 MB of spool holds a 4 s outage
    const stored = await storedKeys(run);
    expect(new Set(stored).size).toBe(stored.length); // no point stored twice
    expect(stored.length).toBe(sent - shed);
    expect(await count('telemetryRetries')).toBeGreaterThan(0);
    expect(logLines.some((l) => l.includes('InfluxDB write failed'))).toBe(true);
    expect(logLines.join('\n')).not.toContain(TOKEN);
    expect(logLines.join('\n')).not.toContain('elder-');
    console.info(`[influx-sink] ${sent} points through a VictoriaMetrics restart; spool peak ${Math.max(...spoolSeen)} batches, spool empty ${replayMs} ms after the restart (retry backoff included)`);
  });

  it('when the spool bound is reached, then the oldest batches are shed and counted and the newest are replayed', async () => {
    const run = `tiny${++runNumber}-${process.pid}`;
    const spoolDir = await tempDir();
    const batchBytes = points(run, 0, 100).reduce((sum, p) => sum + Buffer.byteLength(toLineProtocol(p)!) + 1, 0);
    await stopVm();
    // A long backoff keeps the writer from holding the oldest batch (the one it sends) while the bound is tested.
    const first = harness(vm.url, spoolDir, { batchSize: 100, spoolMaxBytes: Math.floor(5.5 * batchBytes), retryMinDelayMs: 60_000, retryMaxDelayMs: 60_000 });
    for (let batch = 0; batch < 20; batch++) {
      first.sink.write(points(run, batch * 100, 100));
      await first.sink.flush();
    }

    expect(await first.count('telemetryPointsShed', { reason: 'spool_full' })).toBe(15 * 100);
    expect(await first.count('telemetrySpoolBatches')).toBe(5);
    expect(await first.count('telemetrySpoolBytes')).toBeLessThanOrEqual(5.5 * batchBytes);
    expect(await readdir(spoolDir)).toHaveLength(5);
    expect(first.logLines.filter((l) => l.includes('spool full'))).toHaveLength(1);
    await first.sink.close();

    await vm.start();
    const second = harness(vm.url, spoolDir);
    await eventually(() => second.count('telemetryPointsWritten'), (n) => n === 500, 10_000);
    const expected = points(run, 1500, 500).map((p) => `${p.deviceId}@${p.ts}`);
    expect((await storedKeys(run)).sort()).toEqual(expected.sort());
  });

  it('when a closed sink left its spool on disk, then a new sink on the same directory sends it first, in order, once', async () => {
    const run = `replay${++runNumber}-${process.pid}`;
    const spoolDir = await tempDir();
    const failing = await startStubServer((_body, response) => response.writeHead(503).end());
    const first = harness(failing.url, spoolDir, { batchSize: 1000 });
    first.sink.write(points(run, 0, 2500)); // two full batches and one pending: close() spools all three
    const closeStarted = Date.now();
    await first.sink.close();
    expect(Date.now() - closeStarted).toBeLessThan(3000);
    expect(first.sink.health()).toEqual({ status: 'degraded', detail: 'InfluxDB server error (HTTP 503)' });
    expect((await readdir(spoolDir)).sort()).toEqual(['000000000000.lp', '000000000001.lp', '000000000002.lp']);

    const recording = await startStubServer((_body, response) => response.writeHead(204).end());
    const started = Date.now();
    const second = harness(recording.url, spoolDir, { batchSize: 1000 });
    second.sink.write(points(run, 2500, 500));
    await second.sink.flush();
    await eventually(() => second.count('telemetryPointsWritten'), (n) => n === 3000, 10_000);
    const replayMs = Date.now() - started;

    const received = recording.bodies.join('\n').split('\n');
    expect(received).toEqual(points(run, 0, 3000).map((p) => toLineProtocol(p)));
    expect(await readdir(spoolDir)).toEqual([]);
    expect(second.logLines.some((l) => l.includes('replaying telemetry spooled by an earlier run'))).toBe(true);
    console.info(`[influx-sink] 2,500 spooled points replayed by a new sink in ${replayMs} ms`);
  });

  it('when the server rejects a batch as malformed, then that batch is shed and the next one is still written', async () => {
    const server = await startStubServer((body, response) => {
      if (body.includes('broken-device')) response.writeHead(400, { 'content-type': 'application/json' }).end(JSON.stringify({ code: 'invalid', message: `unable to parse '${body.slice(0, 80)}'` }));
      else response.writeHead(204).end();
    });
    const { sink, count, logLines } = harness(server.url, await tempDir(), { batchSize: 10 });
    const run = `rejected${++runNumber}-${process.pid}`;
    sink.write([...points(run, 0, 9), { ...pointOf(run, 9), deviceId: 'broken-device' }]);
    await sink.flush();
    sink.write(points(run, 10, 10));
    await sink.flush();

    expect(server.bodies).toHaveLength(2);
    expect(server.bodies[1]).toContain(`${run}-d10`);
    expect(await count('telemetryPointsShed', { reason: 'rejected_by_server' })).toBe(10);
    expect(await count('telemetryBatches', { outcome: 'rejected' })).toBe(1);
    expect(await count('telemetryPointsWritten')).toBe(10);
    expect(sink.health()).toEqual({ status: 'ok' });
    const rejection = logLines.filter((l) => l.includes('rejected a telemetry batch'));
    expect(rejection).toHaveLength(1);
    expect(rejection[0]).toContain('"status":400');
    expect(rejection[0]).not.toContain('broken-device'); // the server's message quotes the line; it stays out of logs
  });

  it('when the server never answers, then the sink turns degraded and write still returns at once', async () => {
    const server = await startStubServer(() => undefined);
    const { sink, count } = harness(server.url, await tempDir(), { batchSize: 100, timeoutMs: 300 });
    const run = `silent${++runNumber}-${process.pid}`;

    const started = performance.now();
    for (let k = 0; k < 1000; k++) sink.write([pointOf(run, k)]);
    const writeMs = performance.now() - started;
    expect(writeMs).toBeLessThan(100);

    await sink.flush(); // resolves once the batches are on disk, not when the server answers
    expect(sink.health()).toEqual({ status: 'degraded', detail: 'InfluxDB did not answer within 300 ms' });
    expect(await count('telemetrySpoolBatches')).toBe(10);
    expect(server.maxInFlight()).toBe(1); // one writer, one batch at a time
    const closeStarted = Date.now();
    await sink.close();
    expect(Date.now() - closeStarted).toBeLessThan(1500);
  });
});
