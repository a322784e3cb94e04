import { METRIC_NAMES, type DeviceKind, type MetricName, type ReadingPoint, type TelemetryMeasurement } from '../../../../schemas/index.js';
import type { Metrics } from '../../app/ports/metrics.port.js';
import type { RecentReadings, TelemetryPoint, TelemetrySink } from '../../app/ports/telemetry-sink.port.js';
import { Rows } from './float-rows.js';

// The recent window: the last hours of every device's readings in memory, so the desk sees them beside an alarm
// without InfluxDB. Recent readings stay at full resolution; older ones are folded into buckets (average, min, max,
// count), so a series covers the whole window in few points. 20,000 devices may feed it, so a series is two flat
// Float64Arrays of rows, not an object per reading, and all upkeep (folding, expiry) happens lazily when a series is
// written or read, with the injected clock as now: no timers, and a test decides what time it is.

export interface RecentWindowOptions {
  clock: () => number;
  /** How far back readings are kept. */
  windowMs: number;
  /** How far back readings are kept at full resolution; older ones are folded into buckets. */
  rawMs: number;
  /** Bucket width; buckets start at multiples of it (epoch aligned), so every series has the same grid. */
  bucketMs: number;
  /**
   * Raw points plus buckets one series may hold; beyond it the oldest raw points are folded into buckets early, and
   * then the oldest buckets go, shed as `window_full` by the metric values lost (a bucket counts its `n`). `too_old`
   * and `invalid` count whole TelemetryPoints, as `written` does.
   */
  maxPointsPerSeries: number;
  metrics: Pick<Metrics, 'telemetryPointsWritten' | 'telemetryPointsShed'>;
}

/** The tags of a device's last point: the window keeps them per device, not per reading. */
export interface DeviceTags {
  deviceKind: DeviceKind;
  elderId: string;
  regionId: string;
  /** The measurement each metric last came in. */
  measurements: Partial<Record<MetricName, TelemetryMeasurement>>;
}

export interface RecentWindow extends TelemetrySink, RecentReadings {
  describeDevice(deviceId: string): DeviceTags | undefined;
  /** Drops everything of a device (deregistered); its later points start afresh. */
  forgetDevice(deviceId: string): void;
  /** Expires old readings of every device and forgets devices left with none; for an occasional timer. */
  sweep(): void;
}

const SINK = 'recent_window';
const KNOWN_METRICS: ReadonlySet<string> = new Set(METRIC_NAMES);
const V = 1; // raw rows: [t, v]
const [SUM, MIN, MAX, N] = [1, 2, 3, 4]; // bucket rows: [t, sum, min, max, n]

interface Series {
  measurement: TelemetryMeasurement;
  raw: Rows;
  buckets: Rows;
  /** Raw points older than this were folded into buckets; a late point older than it folds straight in. */
  foldedTo: number;
}

interface DeviceWindow extends Omit<DeviceTags, 'measurements'> {
  series: Map<MetricName, Series>;
}

export function createRecentWindow(options: RecentWindowOptions): RecentWindow {
  const { clock, windowMs, rawMs, bucketMs, maxPointsPerSeries, metrics } = options;
  const shed = (reason: string) => metrics.telemetryPointsShed.labels(SINK, reason);
  const counters = {
    written: metrics.telemetryPointsWritten.labels(SINK),
    tooOld: shed('too_old'),
    invalid: shed('invalid'),
    full: shed('window_full'),
  };
  const devices = new Map<string, DeviceWindow>();
  let closed = false;
  let evicted = 0; // readings the count bound dropped during the current write

  function addToBucket(s: Series, t: number, v: number): void {
    const start = Math.floor(t / bucketMs) * bucketMs;
    const b = s.buckets;
    const row = b.lowerBound(start);
    if (row < b.len && b.at(row) === start) {
      const d = b.data;
      const o = row * b.width;
      d[o + SUM] = d[o + SUM]! + v;
      d[o + MIN] = Math.min(d[o + MIN]!, v);
      d[o + MAX] = Math.max(d[o + MAX]!, v);
      d[o + N] = d[o + N]! + 1;
      return;
    }
    const o = b.insert(row); // before touching b.data: inserting may replace it
    b.data.set([start, v, v, v, 1], o);
  }

  /**
   * Brings a series up to `now`: folds raw points past the raw period into buckets and drops what left the window.
   * The fold line is rounded down to a bucket start, so a bucket is never split between a bucket and raw points; raw
   * points therefore cover the raw period plus up to one bucket.
   */
  function tidy(s: Series, now: number): void {
    const foldLine = Math.floor((now - rawMs) / bucketMs) * bucketMs;
    if (foldLine > s.foldedTo) {
      const count = s.raw.lowerBound(foldLine);
      for (let row = 0; row < count; row++) addToBucket(s, s.raw.at(row), s.raw.at(row, V));
      s.raw.dropFront(count);
      s.foldedTo = foldLine;
    }
    const windowStart = now - windowMs;
    // A bucket stays while any of its interval is in the window, so a point accepted into it is not dropped at once.
    let gone = 0;
    while (gone < s.buckets.len && s.buckets.at(gone) + bucketMs <= windowStart) gone++;
    s.buckets.dropFront(gone);
    if (s.raw.len > 0 && s.raw.at(0) < windowStart) s.raw.dropFront(s.raw.lowerBound(windowStart));
  }

  /**
   * Keeps a series within the count bound. The oldest raw points are folded into buckets first, a whole bucket at a
   * time, so a chatty device keeps its whole window at a coarser grain; only when buckets alone are too many are the
   * oldest dropped, counting the readings lost.
   */
  function bound(s: Series): void {
    while (s.buckets.len + s.raw.len > maxPointsPerSeries && s.raw.len > 0) {
      const bucketEnd = Math.floor(s.raw.at(0) / bucketMs) * bucketMs + bucketMs;
      const count = s.raw.lowerBound(bucketEnd);
      for (let row = 0; row < count; row++) addToBucket(s, s.raw.at(row), s.raw.at(row, V));
      s.raw.dropFront(count);
      s.foldedTo = Math.max(s.foldedTo, bucketEnd);
    }
    const over = s.buckets.len + s.raw.len - maxPointsPerSeries;
    if (over <= 0) return;
    for (let row = 0; row < over; row++) evicted += s.buckets.at(row, N);
    s.buckets.dropFront(over);
  }

  /** Stores one value; the same time again replaces it, as in InfluxDB. */
  function store(s: Series, t: number, v: number, now: number): void {
    tidy(s, now);
    // Past the raw period there is no single reading left to replace: a repeat there is counted twice.
    if (t < s.foldedTo) addToBucket(s, t, v);
    else {
      const row = s.raw.lowerBound(t);
      if (row < s.raw.len && s.raw.at(row) === t) {
        s.raw.data[row * s.raw.width + V] = v;
        return;
      }
      const o = s.raw.insert(row);
      s.raw.data[o] = t;
      s.raw.data[o + V] = v;
    }
    bound(s);
  }

  /** Stores a point's values; false when it had none usable. */
  function storePoint(p: TelemetryPoint, now: number): boolean {
    const known = devices.get(p.deviceId);
    let device = known;
    let stored = false;
    for (const metric in p.fields) {
      const v = p.fields[metric as MetricName];
      // Only catalogue metrics and finite numbers: NaN would break the ordering, and InfluxDB refuses it too.
      if (!KNOWN_METRICS.has(metric) || typeof v !== 'number' || !Number.isFinite(v)) continue;
      device ??= { deviceKind: p.deviceKind, elderId: p.elderId, regionId: p.regionId, series: new Map() };
      let s = device.series.get(metric as MetricName);
      if (!s) {
        s = { measurement: p.measurement, raw: new Rows(2), buckets: new Rows(5), foldedTo: -Infinity };
        device.series.set(metric as MetricName, s);
      }
      s.measurement = p.measurement;
      store(s, p.ts, v, now);
      stored = true;
    }
    if (!device || !stored) return false;
    if (known) Object.assign(known, { deviceKind: p.deviceKind, elderId: p.elderId, regionId: p.regionId });
    else devices.set(p.deviceId, device);
    return true;
  }

  function pointsIn({ buckets, raw }: Series, from: number, to: number): ReadingPoint[] {
    const points: ReadingPoint[] = [];
    for (let row = buckets.lowerBound(from); row < buckets.len && buckets.at(row) <= to; row++) {
      const n = buckets.at(row, N);
      points.push({ t: buckets.at(row), v: buckets.at(row, SUM) / n, min: buckets.at(row, MIN), max: buckets.at(row, MAX), n });
    }
    for (let row = raw.lowerBound(from); row < raw.len && raw.at(row) <= to; row++) {
      points.push({ t: raw.at(row), v: raw.at(row, V) });
    }
    return points;
  }

  return {
    name: SINK,

    write(points) {
      if (closed) return;
      const now = clock();
      let stored = 0;
      let tooOld = 0;
      let invalid = 0;
      evicted = 0;
      for (const p of points) {
        if (!Number.isFinite(p.ts)) invalid++;
        else if (p.ts < now - windowMs) tooOld++;
        else if (storePoint(p, now)) stored++;
        else invalid++;
      }
      // One counter update per batch, not per point: the ingest path should not pay prom-client per reading.
      if (stored > 0) counters.written.inc(stored);
      if (tooOld > 0) counters.tooOld.inc(tooOld);
      if (invalid > 0) counters.invalid.inc(invalid);
      if (evicted > 0) counters.full.inc(evicted);
    },

    async flush() {},
    health: () => ({ status: 'ok' }),
    async close() {
      closed = true;
    },

    readings(deviceId, from, to, metric) {
      const device = devices.get(deviceId);
      if (!device) return [];
      const now = clock();
      const result: Array<{ metric: MetricName; points: ReadingPoint[] }> = [];
      // Catalogue order, so a reply does not depend on which metric a device happened to send first.
      for (const name of metric ? [metric] : METRIC_NAMES) {
        const s = device.series.get(name);
        if (!s) continue;
        tidy(s, now);
        const points = pointsIn(s, from, to);
        if (points.length > 0) result.push({ metric: name, points });
      }
      return result;
    },

    describeDevice(deviceId) {
      const device = devices.get(deviceId);
      if (!device) return undefined;
      const measurements: DeviceTags['measurements'] = {};
      for (const [metric, s] of device.series) measurements[metric] = s.measurement;
      return { deviceKind: device.deviceKind, elderId: device.elderId, regionId: device.regionId, measurements };
    },

    forgetDevice(deviceId) {
      devices.delete(deviceId);
    },

    sweep() {
      const now = clock();
      for (const [deviceId, device] of devices) {
        for (const [metric, s] of device.series) {
          tidy(s, now);
          if (s.raw.len + s.buckets.len === 0) device.series.delete(metric);
        }
        if (device.series.size === 0) devices.delete(deviceId);
      }
    },
  };
}
