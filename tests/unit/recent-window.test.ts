import { beforeEach, describe, expect, it } from 'vitest';
import type { Counter } from 'prom-client';
import type { TelemetryPoint } from '../../gateway/src/app/ports/telemetry-sink.port.js';
import { createMetrics } from '../../gateway/src/adapters/metrics/prom-metrics.js';
import type { PromMetrics } from '../../gateway/src/adapters/metrics/prom-metrics.js';
import { createRecentWindow, type RecentWindow, type RecentWindowOptions } from '../../gateway/src/adapters/telemetry/recent-window.sink.js';
import { manualClock, type ManualClock } from '../support/manual-clock.js';

// The recent window's own rules, on a clock the test moves: what stays raw, how older readings fold into buckets,
// and what the time and count bounds drop.

const S = 1000;
const MIN = 60 * S;
const T0 = Date.UTC(2025, 0, 6, 8, 0); // a bucket boundary
const ALL = [0, Number.MAX_SAFE_INTEGER] as const;

function point(
  ts: number,
  fields: TelemetryPoint['fields'],
  measurement: TelemetryPoint['measurement'] = 'vitals',
  deviceId = 'wearable-1',
): TelemetryPoint {
  return { measurement, deviceId, deviceKind: 'wearable', elderId: 'elder-1', regionId: 'community-1', ts, fields };
}

async function counted(counter: Counter, labels: Record<string, string>): Promise<number> {
  const { values } = await counter.get();
  return values.find((v) => Object.entries(labels).every(([k, x]) => v.labels[k] === x))?.value ?? 0;
}

describe('recent window', () => {
  let clock: ManualClock;
  let metrics: PromMetrics;
  let window: RecentWindow;
  const open = (overrides: Partial<RecentWindowOptions> = {}) =>
    createRecentWindow({
      clock: clock.now,
      windowMs: 360 * MIN,
      rawMs: 60 * MIN,
      bucketMs: 5 * MIN,
      maxPointsPerSeries: 1000,
      metrics,
      ...overrides,
    });
  const heartRate = (id = 'wearable-1') => window.readings(id, ...ALL, 'heartRate')[0]?.points ?? [];
  const shed = (reason: string) => counted(metrics.telemetryPointsShed, { sink: 'recent_window', reason });

  beforeEach(() => {
    clock = manualClock(T0);
    metrics = createMetrics();
    window = open();
  });

  it('when readings pass the raw period, then they fold into aligned buckets with average, min, max and count', () => {
    window.write([75, 60, 90].map((v, i) => point(T0 + i * MIN, { heartRate: v })));
    window.write([point(T0 + 6 * MIN, { heartRate: 70 }), point(T0 + 10 * MIN - 1, { heartRate: 71 }), point(T0 + 30 * MIN, { heartRate: 65 })]);
    expect(heartRate()).toHaveLength(6);

    clock.set(T0 + 70 * MIN);
    expect(heartRate()).toEqual([
      { t: T0, v: 75, min: 60, max: 90, n: 3 },
      { t: T0 + 5 * MIN, v: 70.5, min: 70, max: 71, n: 2 },
      { t: T0 + 30 * MIN, v: 65 },
    ]);
  });

  it('when a bucket straddles the edge of the raw period, then its readings stay raw until all of it is past', () => {
    window.write([point(T0 + 10 * MIN, { heartRate: 70 }), point(T0 + 11 * MIN, { heartRate: 72 })]);

    clock.set(T0 + 72 * MIN);
    expect(heartRate()).toEqual([
      { t: T0 + 10 * MIN, v: 70 },
      { t: T0 + 11 * MIN, v: 72 },
    ]);
    clock.set(T0 + 75 * MIN);
    expect(heartRate()).toEqual([{ t: T0 + 10 * MIN, v: 71, min: 70, max: 72, n: 2 }]);
  });

  it('when a device reports every 5 s for two hours, then goes quiet, then the last hour is raw and then all is buckets', () => {
    for (let i = 0; i < 2 * 720; i++) {
      clock.set(T0 + i * 5 * S);
      window.write([point(T0 + i * 5 * S, { heartRate: i % 60 })]);
    }
    const raw = heartRate().filter((p) => p.n === undefined);
    expect(raw).toHaveLength(65 * 12); // the raw hour, back to the start of the bucket it reaches into
    expect(raw[0]).toEqual({ t: T0 + 55 * MIN, v: 0 });
    expect(heartRate().filter((p) => p.n !== undefined)).toHaveLength(11);

    clock.set(T0 + 170 * MIN);
    const lastBucket = Array.from({ length: 120 }, (_, i) => ({ t: T0 + 110 * MIN + i * 5 * S, v: i % 60 }));
    expect(heartRate().filter((p) => p.n === undefined)).toEqual(lastBucket);

    clock.set(T0 + 3 * 60 * MIN + 5 * MIN);
    const buckets = heartRate();
    expect(buckets).toHaveLength(24);
    expect(buckets.every((p, i) => p.t === T0 + i * 5 * MIN && p.v === 29.5 && p.min === 0 && p.max === 59 && p.n === 60)).toBe(true);
  });

  it('when readings leave the window, then they are dropped, a bucket once all of its interval has left', () => {
    window.write([point(T0 + MIN, { heartRate: 60 }), point(T0 + 60 * MIN, { heartRate: 80 })]);

    clock.set(T0 + 360 * MIN + 5 * MIN - 1);
    expect(heartRate().map((p) => p.t)).toEqual([T0, T0 + 60 * MIN]);
    clock.set(T0 + 360 * MIN + 5 * MIN);
    expect(heartRate()).toEqual([{ t: T0 + 60 * MIN, v: 80, min: 80, max: 80, n: 1 }]);
  });

  it('when a point arrives already older than the window, then it is shed as too old and not stored', async () => {
    clock.set(T0 + 7 * 60 * MIN);
    window.write([point(T0 + 60 * MIN - 1, { heartRate: 60, spo2: 97 })]);

    expect(window.readings('wearable-1', ...ALL)).toEqual([]);
    expect(await shed('too_old')).toBe(1);
    expect(await counted(metrics.telemetryPointsWritten, { sink: 'recent_window' })).toBe(0);
  });

  it('when points are written, then the written counter counts points, not fields', async () => {
    window.write([point(T0, { heartRate: 60, spo2: 97, steps: 10 }), point(T0 + S, { heartRate: 61 })]);

    expect(await counted(metrics.telemetryPointsWritten, { sink: 'recent_window' })).toBe(2);
  });

  it('when a series passes its point limit, then its oldest raw readings fold into buckets early, and only then the oldest buckets go, counted as readings shed', async () => {
    window = open({ maxPointsPerSeries: 3 });
    window.write([1, 2, 3].map((v) => point(T0 + v * S, { heartRate: 60 + v })));
    clock.set(T0 + 70 * MIN);
    window.write([5, 6].map((m) => point(T0 + 60 * MIN + m * MIN, { heartRate: 70 + m })));
    expect(heartRate()).toEqual([
      { t: T0, v: 62, min: 61, max: 63, n: 3 },
      { t: T0 + 65 * MIN, v: 75 },
      { t: T0 + 66 * MIN, v: 76 },
    ]);

    window.write([point(T0 + 71 * MIN, { heartRate: 81 })]);
    expect(heartRate()).toEqual([
      { t: T0, v: 62, min: 61, max: 63, n: 3 },
      { t: T0 + 65 * MIN, v: 75.5, min: 75, max: 76, n: 2 },
      { t: T0 + 71 * MIN, v: 81 },
    ]);
    expect(await shed('window_full')).toBe(0);

    window.write([point(T0 + 76 * MIN, { heartRate: 86 })]);
    expect(heartRate()).toEqual([
      { t: T0 + 65 * MIN, v: 75.5, min: 75, max: 76, n: 2 },
      { t: T0 + 70 * MIN, v: 81, min: 81, max: 81, n: 1 },
      { t: T0 + 75 * MIN, v: 86, min: 86, max: 86, n: 1 },
    ]);
    expect(await shed('window_full')).toBe(3);
  });

  it('when the same device, measurement and time is written again, then the value is replaced, not added', () => {
    window.write([point(T0, { heartRate: 70 })]);
    window.write([point(T0, { heartRate: 72 }), point(T0, { spo2: 97 })]);

    expect(window.readings('wearable-1', ...ALL)).toEqual([
      { metric: 'heartRate', points: [{ t: T0, v: 72 }] },
      { metric: 'spo2', points: [{ t: T0, v: 97 }] },
    ]);
  });

  it('when points arrive out of order, then they are read in time order', () => {
    window.write([point(T0 + 3 * S, { heartRate: 3 }), point(T0 + S, { heartRate: 1 })]);
    window.write([point(T0 + 2 * S, { heartRate: 2 }), point(T0 + 4 * S, { heartRate: 4 })]);

    expect(heartRate().map((p) => p.v)).toEqual([1, 2, 3, 4]);
  });

  it('when a late point is older than the raw period, then it folds into its bucket, made if there is none', () => {
    window.write([point(T0 + MIN, { heartRate: 60 }), point(T0 + 2 * MIN, { heartRate: 70 })]);
    clock.set(T0 + 80 * MIN);

    window.write([point(T0 + 3 * MIN, { heartRate: 80 }), point(T0 + 12 * MIN, { heartRate: 50 })]);
    expect(heartRate()).toEqual([
      { t: T0, v: 70, min: 60, max: 80, n: 3 },
      { t: T0 + 10 * MIN, v: 50, min: 50, max: 50, n: 1 },
    ]);
  });

  it('when a point has a time in the future, then it is kept as it is', () => {
    window.write([point(T0 + 24 * 60 * MIN, { heartRate: 70 })]);

    expect(heartRate()).toEqual([{ t: T0 + 24 * 60 * MIN, v: 70 }]);
  });

  it('when a metric is asked for, then only its series is returned', () => {
    window.write([point(T0, { heartRate: 70, spo2: 97 }), point(T0 + S, { battery: 50 }, 'device_status')]);

    expect(window.readings('wearable-1', ...ALL, 'spo2')).toEqual([{ metric: 'spo2', points: [{ t: T0, v: 97 }] }]);
    expect(window.readings('wearable-1', ...ALL, 'lat')).toEqual([]);
  });

  it('when a time range is asked for, then only points from `from` to `to` inclusive come, and empty series are left out', () => {
    window.write([1, 2, 3, 4].map((v) => point(T0 + v * S, { heartRate: v })));
    window.write([point(T0 + 9 * S, { spo2: 97 })]);

    expect(window.readings('wearable-1', T0 + 2 * S, T0 + 3 * S)).toEqual([
      { metric: 'heartRate', points: [{ t: T0 + 2 * S, v: 2 }, { t: T0 + 3 * S, v: 3 }] },
    ]);
  });

  it('when the device is unknown, then there are no readings', () => {
    window.write([point(T0, { heartRate: 70 })]);

    expect(window.readings('wearable-2', ...ALL)).toEqual([]);
    expect(window.describeDevice('wearable-2')).toBeUndefined();
  });

  it('when a point carries no usable value, then the usable ones are kept and an empty point is shed as invalid', async () => {
    window.write([point(T0, { heartRate: Number.NaN, spo2: 97 }), point(T0 + S, { heartRate: Infinity }), point(Number.NaN, { heartRate: 70 })]);

    expect(window.readings('wearable-1', ...ALL)).toEqual([{ metric: 'spo2', points: [{ t: T0, v: 97 }] }]);
    expect(await shed('invalid')).toBe(2);
  });

  it('when a device is described, then the tags of its last point and each metric’s measurement come back', () => {
    window.write([point(T0, { heartRate: 70 }), { ...point(T0 + S, { lat: 34.2 }, 'position'), elderId: 'elder-2' }]);

    expect(window.describeDevice('wearable-1')).toEqual({
      deviceKind: 'wearable',
      elderId: 'elder-2',
      regionId: 'community-1',
      measurements: { heartRate: 'vitals', lat: 'position' },
    });
  });

  it('when a device is forgotten or all its readings expired and a sweep ran, then the window holds nothing of it', () => {
    window.write([point(T0, { heartRate: 70 }, 'vitals', 'wearable-1'), point(T0, { heartRate: 80 }, 'vitals', 'wearable-2')]);
    window.forgetDevice('wearable-1');
    expect(window.describeDevice('wearable-1')).toBeUndefined();

    clock.set(T0 + 7 * 60 * MIN);
    window.sweep();
    expect(window.describeDevice('wearable-2')).toBeUndefined();
  });

  it('when the window is closed, then writes are ignored and reads still work', async () => {
    window.write([point(T0, { heartRate: 70 })]);
    await window.close();
    window.write([point(T0 + S, { heartRate: 71 })]);
    await window.flush();

    expect(heartRate()).toEqual([{ t: T0, v: 70 }]);
    expect(window.health()).toEqual({ status: 'ok' });
  });
});
