import { build, type Histogram } from 'hdr-histogram-js';

// Latencies in an HdrHistogram at microsecond resolution with 3 significant digits: percentiles are exact to 0.1 %
// however long the tail, where an array sort of a few samples would hide how the tail is shaped.

export interface LatencySummary {
  count: number;
  p50Ms: number;
  p99Ms: number;
  p999Ms: number;
  maxMs: number;
  meanMs: number;
}

export interface LatencyHistogram {
  /** One latency in milliseconds (fractions kept to the microsecond). */
  record(ms: number): void;
  /** null when nothing was recorded. */
  summary(): LatencySummary | null;
}

export function createLatencyHistogram(): LatencyHistogram {
  // Up to one minute; autoResize keeps anything longer rather than throwing.
  const histogram: Histogram = build({ lowestDiscernibleValue: 1, highestTrackableValue: 60_000_000, numberOfSignificantValueDigits: 3 });
  const toMs = (us: number) => Math.round(us) / 1000;
  return {
    record(ms) {
      histogram.recordValue(Math.max(1, Math.round(ms * 1000)));
    },
    summary() {
      const count = histogram.totalCount;
      if (count === 0) return null;
      // A percentile is reported as the highest value of its bucket: never above the real maximum.
      const at = (percentile: number) => toMs(Math.min(histogram.getValueAtPercentile(percentile), histogram.maxValue));
      return {
        count,
        p50Ms: at(50),
        p99Ms: at(99),
        p999Ms: at(99.9),
        maxMs: toMs(histogram.maxValue),
        meanMs: toMs(histogram.mean),
      };
    },
  };
}
