import { Point } from '@influxdata/influxdb-client';
import { METRICS, type MetricName } from '../../../../schemas/index.js';
import type { TelemetryPoint } from '../../app/ports/telemetry-sink.port.js';

// One TelemetryPoint as one line of InfluxDB line protocol, fields named by the METRICS catalogue (schemas/telemetry.ts):
//
//   vitals,device_id=w-1,device_kind=wearable,elder_id=e-9,region_id=r-2 heart_rate=72,spo2=97.5 1795442624000
//
// Tags are identifiers only, never names or addresses: InfluxDB is read by analysts outside the duty desk. Every field
// is a float, steps and battery too: a field's type is fixed by the first value InfluxDB sees, and one float type for
// every metric means a device that sends 72.5 after 72 is never refused for a type conflict. The timestamp is the
// device's time in epoch milliseconds; the write API sends with precision `ms`.
//
// The client's Point does the escaping (commas, spaces, `=` in tags; the measurement) and leaves out empty tags, so
// a device without a region is written without `region_id`. The one thing it cannot escape, a tag value ending in a
// backslash, does not occur: device ids match [A-Za-z0-9_-] (schemas/topics.ts) and the other ids are generated.

/**
 * The line for a point, or undefined when there is nothing to store (no finite field value, no usable time) or the
 * point is not well formed. Never throws: it runs on the ingest path.
 */
export function toLineProtocol(point: TelemetryPoint): string | undefined {
  try {
    if (!Number.isFinite(point.ts)) return undefined;
    const line = new Point(point.measurement)
      .tag('device_id', point.deviceId)
      .tag('device_kind', point.deviceKind)
      .tag('elder_id', point.elderId)
      .tag('region_id', point.regionId)
      // A number is written as it is (floored), so the write API's precision decides its unit: milliseconds.
      .timestamp(point.ts);
    for (const [metric, value] of Object.entries(point.fields) as Array<[MetricName, number | undefined]>) {
      const field = METRICS[metric]?.field;
      // floatField throws on NaN and Infinity; such a value, or an unknown metric, is left out, not the whole line.
      if (field && typeof value === 'number' && Number.isFinite(value)) line.floatField(field, value);
    }
    // undefined when no field was left: a line without fields is not valid line protocol.
    return line.toLineProtocol();
  } catch {
    return undefined;
  }
}
