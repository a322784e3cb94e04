import { join } from 'node:path';
import type { Logger } from 'pino';
import type { Metrics } from '../../app/ports/metrics.port.js';
import type { TelemetrySink } from '../../app/ports/telemetry-sink.port.js';
import type { GatewayConfig } from '../../config.js';
import { createInfluxSink } from './influx.sink.js';
import { createRecentWindow, type RecentWindow } from './recent-window.sink.js';

// The telemetry sinks the configuration asks for: the recent window always (the desk's charts read it), and
// InfluxDB as well when INFLUX_URL is set. The spool for InfluxDB lives beside the database, under DATA_DIR.

export function openTelemetrySinks(
  config: GatewayConfig,
  deps: { clock: () => number; metrics: Metrics; logger: Logger },
): { recent: RecentWindow; sinks: TelemetrySink[] } {
  const recent = createRecentWindow({
    clock: deps.clock,
    windowMs: config.TELEMETRY_WINDOW_HOURS * 3600_000,
    rawMs: config.TELEMETRY_RAW_MINUTES * 60_000,
    bucketMs: config.TELEMETRY_BUCKET_SECONDS * 1000,
    maxPointsPerSeries: config.TELEMETRY_WINDOW_MAX_POINTS,
    metrics: deps.metrics,
  });
  const sinks: TelemetrySink[] = [recent];
  if (config.INFLUX_URL) {
    sinks.push(
      createInfluxSink({
        url: config.INFLUX_URL,
        token: config.INFLUX_TOKEN,
        org: config.INFLUX_ORG,
        bucket: config.INFLUX_BUCKET,
        batchSize: config.INFLUX_BATCH_SIZE,
        flushMs: config.INFLUX_FLUSH_MS,
        timeoutMs: config.INFLUX_TIMEOUT_MS,
        spoolDir: join(config.DATA_DIR, 'telemetry-spool'),
        spoolMaxBytes: Math.round(config.INFLUX_SPOOL_MAX_MB * 1024 * 1024),
        retryMinDelayMs: 500,
        retryMaxDelayMs: config.INFLUX_RETRY_MAX_DELAY_MS,
        metrics: deps.metrics,
        logger: deps.logger,
      }),
    );
  }
  return { recent, sinks };
}
