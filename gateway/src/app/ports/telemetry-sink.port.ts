import type { DeviceKind, MetricName, ReadingPoint, TelemetryMeasurement } from '../../../../schemas/index.js';

// Where telemetry goes (docs/decisions/0007-telemetry-never-blocks-alarms.md): an in-memory recent window for the desk and, when configured,
// InfluxDB for analysts. Every sink passes one contract suite (tests/contract/telemetry-sink.contract.ts).
// Telemetry never blocks alarms: `write` takes the points and returns at once; a sink that cannot keep up
// sheds the oldest telemetry and counts it, it never pushes back on the ingest path.

/** One reading of one device at one time; `fields` holds the metrics the payload carried. */
export interface TelemetryPoint {
  measurement: TelemetryMeasurement;
  deviceId: string;
  deviceKind: DeviceKind;
  elderId: string;
  regionId: string;
  /** The device's time, epoch milliseconds. Together with the device and measurement it identifies the point. */
  ts: number;
  fields: Partial<Record<MetricName, number>>;
}

export interface SinkHealth {
  /** `degraded`: points are kept (spooled) but not reaching their destination now. */
  status: 'ok' | 'degraded';
  detail?: string;
}

export interface TelemetrySink {
  readonly name: string;
  /** Takes the points without waiting. Never throws, never blocks: what cannot be kept is shed and counted. */
  write(points: readonly TelemetryPoint[]): void;
  /** Resolves when everything written before the call has been stored, spooled or shed. */
  flush(): Promise<void>;
  health(): SinkHealth;
  /** Flushes what it can and stops; later writes are ignored. */
  close(): Promise<void>;
}

/** The desk's view of recent telemetry: what the history API serves. */
export interface RecentReadings {
  /** Series of one device between `from` and `to` (inclusive), oldest point first, optionally one metric only. */
  readings(deviceId: string, from: number, to: number, metric?: MetricName): Array<{ metric: MetricName; points: ReadingPoint[] }>;
}
