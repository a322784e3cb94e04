import { createRecentWindow } from '../../gateway/src/adapters/telemetry/recent-window.sink.js';
import { createMetrics } from '../../gateway/src/adapters/metrics/prom-metrics.js';
import { telemetrySinkContract, type StoredReading } from './telemetry-sink.contract.js';

// The recent window against the telemetry sink contract. The contract writes readings minutes old by the real
// clock, so the window runs on the real clock with the gateway's defaults and holds them all at full resolution.

const MINUTE = 60_000;

telemetrySinkContract('recent window', async () => {
  const window = createRecentWindow({
    clock: () => Date.now(),
    windowMs: 360 * MINUTE,
    rawMs: 60 * MINUTE,
    bucketMs: 5 * MINUTE,
    maxPointsPerSeries: 1000,
    metrics: createMetrics(),
  });
  return {
    sink: window,
    async readBack(deviceId) {
      // The window keeps tags per device, from its last point, not per reading; the contract's points share them.
      const tags = window.describeDevice(deviceId);
      if (!tags) return [];
      const stored: StoredReading[] = [];
      for (const { metric, points } of window.readings(deviceId, 0, Number.MAX_SAFE_INTEGER)) {
        const measurement = tags.measurements[metric];
        if (!measurement) continue;
        for (const p of points) {
          if (p.n !== undefined) continue; // a bucket is not one reading
          const { deviceKind, elderId, regionId } = tags;
          stored.push({ measurement, deviceId, deviceKind, elderId, regionId, ts: p.t, metric, value: p.v });
        }
      }
      return stored.sort((a, b) => a.ts - b.ts || a.metric.localeCompare(b.metric));
    },
    async dispose() {
      await window.close();
    },
  };
});
