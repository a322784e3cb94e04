import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe } from 'vitest';
import { METRICS, TELEMETRY_MEASUREMENTS, type MetricName, type TelemetryMeasurement } from '../../schemas/index.js';
import { createInfluxSink } from '../../gateway/src/adapters/telemetry/influx.sink.js';
import { createMetrics } from '../../gateway/src/adapters/metrics/prom-metrics.js';
import { createRootLogger } from '../../gateway/src/logger.js';
import { telemetrySinkContract, type StoredReading } from './telemetry-sink.contract.js';
import { startVictoriaMetrics, victoriaMetricsMissing, type ExportedSeries, type VictoriaMetrics } from '../support/victoria-metrics.js';

// The telemetry sink contract against the InfluxDB sink writing to a real InfluxDB-compatible endpoint,
// VictoriaMetrics' /api/v2/write. The contract has InfluxDB's semantics: a point written twice (same series, same
// time) is stored once, because InfluxDB overwrites it. VictoriaMetrics keeps both samples unless deduplication is
// on, so it runs here with `-dedup.minScrapeInterval=1ms`, which keeps one sample per series and millisecond.

const METRIC_OF_FIELD = new Map(Object.entries(METRICS).map(([metric, { field }]) => [field as string, metric as MetricName]));

/** `vitals_heart_rate` → vitals / heartRate: VictoriaMetrics names a series `{measurement}_{field}`. */
function metricOf(name: string): { measurement: TelemetryMeasurement; metric: MetricName } | undefined {
  for (const measurement of TELEMETRY_MEASUREMENTS) {
    const metric = name.startsWith(`${measurement}_`) ? METRIC_OF_FIELD.get(name.slice(measurement.length + 1)) : undefined;
    if (metric) return { measurement, metric };
  }
  return undefined;
}

function readingsOf(series: ExportedSeries[]): StoredReading[] {
  return series
    .flatMap((s) => {
      const named = metricOf(s.metric.__name__);
      if (!named) throw new Error(`unexpected series ${s.metric.__name__}`);
      const { device_id, device_kind, elder_id, region_id } = s.metric;
      return s.values.map((value, i) => ({
        ...named,
        deviceId: device_id ?? '',
        deviceKind: device_kind ?? '',
        elderId: elder_id ?? '',
        regionId: region_id ?? '',
        ts: s.timestamps[i]!,
        value,
      }));
    })
    .sort((a, b) => a.ts - b.ts || a.metric.localeCompare(b.metric));
}

describe.skipIf(victoriaMetricsMissing())('InfluxDB sink against VictoriaMetrics', () => {
  let vm: VictoriaMetrics;
  beforeAll(async () => {
    vm = await startVictoriaMetrics({ flags: ['-dedup.minScrapeInterval=1ms'] });
  });
  afterAll(async () => {
    await vm?.dispose();
  });

  telemetrySinkContract('InfluxDB (victoria-metrics)', async () => {
    const spoolDir = await mkdtemp(join(tmpdir(), 'influx-spool-'));
    // The gateway's defaults (config.ts), with a fresh spool per test.
    const sink = createInfluxSink({
      url: vm.url,
      token: 'contract-token',
      org: 'eldercare',
      bucket: 'telemetry',
      batchSize: 5000,
      flushMs: 1000,
      timeoutMs: 10_000,
      spoolDir,
      spoolMaxBytes: 256 * 1024 * 1024,
      retryMinDelayMs: 500,
      retryMaxDelayMs: 30_000,
      metrics: createMetrics(),
      logger: createRootLogger('silent'),
    });
    return {
      sink,
      readBack: async (deviceId) => readingsOf(await vm.exportSeries(`{device_id=${JSON.stringify(deviceId)}}`)),
      dispose: async () => {
        await sink.close();
        await rm(spoolDir, { recursive: true, force: true });
      },
    };
  });
});
