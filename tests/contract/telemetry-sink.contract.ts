import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MetricName, TelemetryMeasurement } from '../../schemas/index.js';
import type { TelemetryPoint, TelemetrySink } from '../../gateway/src/app/ports/telemetry-sink.port.js';
import { eventually } from '../support/mqtt-device.js';

// The one telemetry sink contract (docs/decisions/0007-telemetry-never-blocks-alarms.md; one abstract suite for every backend, as aedes-persistence has), run
// against the in-memory recent window always and against a real InfluxDB-compatible endpoint in CI. Only the
// TelemetrySink interface is used to write; each implementation says how to read back what it stored.

/** One stored metric value, as an implementation reads it back (InfluxDB: one field of one point). */
export interface StoredReading {
  measurement: TelemetryMeasurement;
  deviceId: string;
  deviceKind: string;
  elderId: string;
  regionId: string;
  ts: number;
  metric: MetricName;
  value: number;
}

export interface SinkUnderTest {
  sink: TelemetrySink;
  /** Everything stored for the device, ordered by time then metric. */
  readBack(deviceId: string): Promise<StoredReading[]>;
  dispose(): Promise<void>;
}

/** Readings a few minutes old, so every sink holds them at full resolution. */
const BASE_TS = Math.floor(Date.now() / 1000) * 1000 - 10 * 60_000;

export function vitalsPoint(deviceId: string, ts: number, fields: TelemetryPoint['fields'], elderId = `elder-of-${deviceId}`): TelemetryPoint {
  return { measurement: 'vitals', deviceId, deviceKind: 'wearable', elderId, regionId: 'community-1', ts, fields };
}

function readingsOf(points: TelemetryPoint[]): StoredReading[] {
  return points
    .flatMap((p) =>
      Object.entries(p.fields).map(([metric, value]) => ({
        measurement: p.measurement,
        deviceId: p.deviceId,
        deviceKind: p.deviceKind,
        elderId: p.elderId,
        regionId: p.regionId,
        ts: p.ts,
        metric: metric as MetricName,
        value: value,
      })),
    )
    .sort((a, b) => a.ts - b.ts || a.metric.localeCompare(b.metric));
}

export function telemetrySinkContract(name: string, open: () => Promise<SinkUnderTest>): void {
  describe(`telemetry sink contract: ${name}`, () => {
    let subject: SinkUnderTest;
    let deviceSeq = 0;
    // Fresh device ids per test, so a shared backend (one InfluxDB for the suite) never mixes tests.
    const deviceId = (label: string) => `wearable-${label}-${process.pid}-${Date.now()}-${++deviceSeq}`;

    beforeEach(async () => {
      subject = await open();
    });
    afterEach(async () => {
      await subject.dispose();
    });

    const readAll = (id: string, count: number) => eventually(() => subject.readBack(id), (r) => r.length >= count, 15_000);

    it('when points are written and flushed, then every metric reads back with its value, tags and device time', async () => {
      const id = deviceId('values');
      const points = [
        vitalsPoint(id, BASE_TS, { heartRate: 72, spo2: 97.5 }),
        vitalsPoint(id, BASE_TS + 5000, { heartRate: 75, skinTemperature: 36.4, steps: 1200 }),
        { ...vitalsPoint(id, BASE_TS + 7000, {}), measurement: 'position' as const, fields: { lat: 34.2655, lon: 108.9542, accuracy: 12 } },
        { ...vitalsPoint(id, BASE_TS + 9000, {}), measurement: 'device_status' as const, fields: { battery: 64 } },
      ];
      subject.sink.write(points);
      await subject.sink.flush();

      expect(await readAll(id, 9)).toEqual(readingsOf(points));
      expect(subject.sink.health().status).toBe('ok');
    });

    it('when two devices write, then each reads back only its own points', async () => {
      const first = deviceId('first');
      const second = deviceId('second');
      subject.sink.write([vitalsPoint(first, BASE_TS, { heartRate: 60 }), vitalsPoint(second, BASE_TS, { heartRate: 90 })]);
      await subject.sink.flush();

      expect((await readAll(first, 1)).map((r) => [r.deviceId, r.value])).toEqual([[first, 60]]);
      expect((await readAll(second, 1)).map((r) => [r.deviceId, r.value])).toEqual([[second, 90]]);
    });

    it('when the same point is written twice, then it is stored once', async () => {
      const id = deviceId('twice');
      const point = vitalsPoint(id, BASE_TS, { heartRate: 81 });
      subject.sink.write([point]);
      subject.sink.write([point]);
      await subject.sink.flush();
      subject.sink.write([vitalsPoint(id, BASE_TS + 1000, { heartRate: 82 })]);
      await subject.sink.flush();

      const stored = await readAll(id, 2);
      expect(stored.map((r) => [r.ts, r.value])).toEqual([
        [BASE_TS, 81],
        [BASE_TS + 1000, 82],
      ]);
    });

    it('when points arrive out of time order, then they read back in time order', async () => {
      const id = deviceId('order');
      subject.sink.write([vitalsPoint(id, BASE_TS + 2000, { heartRate: 3 }), vitalsPoint(id, BASE_TS, { heartRate: 1 })]);
      subject.sink.write([vitalsPoint(id, BASE_TS + 1000, { heartRate: 2 })]);
      await subject.sink.flush();

      expect((await readAll(id, 3)).map((r) => r.value)).toEqual([1, 2, 3]);
    });

    it('when thousands of points from many devices are written at once, then all of them are stored', async () => {
      const ids = Array.from({ length: 20 }, (_, i) => deviceId(`bulk${i}`));
      const points = ids.flatMap((id) => Array.from({ length: 250 }, (_, i) => vitalsPoint(id, BASE_TS + i * 1000, { heartRate: 60 + (i % 40) })));
      subject.sink.write(points);
      await subject.sink.flush();

      for (const id of [ids[0]!, ids[19]!]) {
        const stored = await readAll(id, 250);
        expect(stored).toHaveLength(250);
        expect(stored[249]).toMatchObject({ ts: BASE_TS + 249_000, value: 60 + (249 % 40) });
      }
    });

    it('when the sink is closed, then later writes are ignored without an error', async () => {
      const id = deviceId('closed');
      subject.sink.write([vitalsPoint(id, BASE_TS, { heartRate: 70 })]);
      await subject.sink.close();
      expect(() => subject.sink.write([vitalsPoint(id, BASE_TS + 1000, { heartRate: 71 })])).not.toThrow();
      await subject.sink.flush();

      expect((await readAll(id, 1)).map((r) => r.value)).toEqual([70]);
    });
  });
}
