import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { binaryMissing } from './system-binaries.js';
import { freePort } from './free-port.js';
import { serviceProcess } from './service-process.js';

// A real InfluxDB-compatible endpoint for the InfluxDB sink's tests: Debian's VictoriaMetrics, which accepts line
// protocol on InfluxDB 2's /api/v2/write. What it makes of a line (tried here, VictoriaMetrics 1.79):
//
//   vitals,device_id=w-1,elder_id=e-9 heart_rate=72,spo2=97.5 1795442624000   (precision ms)
//   → vitals_heart_rate{device_id="w-1",elder_id="e-9"} 72 @1795442624000
//     vitals_spo2{device_id="w-1",elder_id="e-9"}       97.5 @1795442624000
//
// One series per field, named `{measurement}_{field}`; tags become labels as they are. The `org` and `bucket` of
// /api/v2/write are ignored (no label); only a `db` query parameter (InfluxDB 1's /write?db=) adds a `db` label.
// It answers 204 even to lines it cannot parse (it logs and drops them), so tests of a 400 need another server.
// Unlike InfluxDB it keeps two samples with the same series and time, unless started with
// `-dedup.minScrapeInterval=1ms`, which leaves the last one, as InfluxDB's overwrite does.

export const VICTORIA_METRICS = '/usr/bin/victoria-metrics';
export const victoriaMetricsMissing = (): boolean => binaryMissing(VICTORIA_METRICS, 'apt-get install victoria-metrics');

export interface ExportedSeries {
  metric: Record<string, string> & { __name__: string };
  values: number[];
  timestamps: number[];
}

export interface VictoriaMetrics {
  /** Base URL, for the InfluxDB client (it appends /api/v2/write). */
  readonly url: string;
  /** Starts it again on the same port and data directory after stop(); nothing when it is running. */
  start(): Promise<void>;
  /** Signals it and waits for the process to exit. SIGTERM is a graceful stop: it flushes its buffers first. */
  stop(signal?: NodeJS.Signals): Promise<void>;
  /** Every sample of the series matching a selector (`{device_id=~"run-1-.*"}`), after flushing recent writes. */
  exportSeries(match: string): Promise<ExportedSeries[]>;
  dispose(): Promise<void>;
}

export interface VictoriaMetricsOptions {
  /** Extra command-line flags, e.g. `-dedup.minScrapeInterval=1ms`. */
  flags?: string[];
}

export async function startVictoriaMetrics(options: VictoriaMetricsOptions = {}): Promise<VictoriaMetrics> {
  const dataDir = await mkdtemp(join(tmpdir(), 'victoria-metrics-'));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const server = serviceProcess({
    name: 'victoria-metrics',
    command: VICTORIA_METRICS,
    args: [`-httpListenAddr=127.0.0.1:${port}`, `-storageDataPath=${join(dataDir, 'data')}`, '-loggerLevel=WARN', ...(options.flags ?? [])],
    keepChars: 8000,
    ready: () => fetch(`${url}/health`).then((r) => r.ok, () => false),
    notReady: 'not healthy',
    readyMs: 15_000,
    pollMs: 50,
  });
  const start = server.start;

  async function stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    const child = server.child();
    if (!child) return;
    child.kill(signal);
    await server.exited();
  }

  await start();
  return {
    url,
    start,
    stop,
    async exportSeries(match) {
      // Samples are buffered in memory for a second or so; force_flush makes every accepted sample searchable.
      await fetch(`${url}/internal/force_flush`);
      const response = await fetch(`${url}/api/v1/export?${new URLSearchParams({ 'match[]': match })}`);
      if (!response.ok) throw new Error(`export failed: HTTP ${response.status} ${await response.text()}`);
      const text = await response.text();
      return text
        .split('\n')
        .filter((line) => line.length > 0)
        .map((line) => JSON.parse(line) as ExportedSeries);
    },
    async dispose() {
      await stop('SIGKILL');
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
