import type { DeviceMessage, MetricName, TelemetryMeasurement } from '../../../../schemas/index.js';
import type { TelemetryPoint } from '../ports/telemetry-sink.port.js';

// Which device messages are telemetry, and the point each becomes. Vitals, positions and bed vitals are the
// telemetry channel; a battery level in a status message is kept too, so the desk can see a battery run down.

interface PointSource {
  deviceId: string;
  deviceKind: TelemetryPoint['deviceKind'];
  elderId: string;
  regionId: string;
}

function fieldsOf(payload: object, names: readonly MetricName[]): Partial<Record<MetricName, number>> {
  const fields: Partial<Record<MetricName, number>> = {};
  const values = payload as Partial<Record<MetricName, unknown>>;
  for (const name of names) {
    const value = values[name];
    if (typeof value === 'number') fields[name] = value;
  }
  return fields;
}

const MEASURED: Record<string, { measurement: TelemetryMeasurement; metrics: readonly MetricName[] }> = {
  vitals: { measurement: 'vitals', metrics: ['heartRate', 'spo2', 'skinTemperature', 'steps'] },
  position: { measurement: 'position', metrics: ['lat', 'lon', 'accuracy'] },
  bed_vitals: { measurement: 'bed_vitals', metrics: ['heartRate', 'breathingRate'] },
  heartbeat: { measurement: 'device_status', metrics: ['battery'] },
  test: { measurement: 'device_status', metrics: ['battery'] },
  battery: { measurement: 'device_status', metrics: ['battery'] },
};

/** The telemetry point a message carries, or null (events, offline wills, status without a battery level). */
export function telemetryPointOf(message: DeviceMessage, source: PointSource): TelemetryPoint | null {
  if (message.channel === 'events') return null;
  const measured = MEASURED[message.payload.type];
  if (!measured) return null;
  const fields = fieldsOf(message.payload, measured.metrics);
  if (Object.keys(fields).length === 0) return null;
  return { measurement: measured.measurement, ...source, ts: message.payload.ts, fields };
}
