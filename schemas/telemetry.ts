import { z } from 'zod';
import { deviceKindSchema } from './devices/device-kinds.js';

// Telemetry as it is kept and served: the metrics devices report, the measurements they are grouped in (InfluxDB's
// measurement, one per payload type), and the history API's query and reply. docs/telemetry.md describes the
// InfluxDB layout built from this catalogue.

export const TELEMETRY_MEASUREMENTS = ['vitals', 'position', 'bed_vitals', 'device_status'] as const;
export const telemetryMeasurementSchema = z.enum(TELEMETRY_MEASUREMENTS);
export type TelemetryMeasurement = z.infer<typeof telemetryMeasurementSchema>;

/** Every metric: its unit and its InfluxDB field name (snake_case, as InfluxDB users expect). */
export const METRICS = {
  heartRate: { unit: 'bpm', field: 'heart_rate' },
  spo2: { unit: '%', field: 'spo2' },
  skinTemperature: { unit: '°C', field: 'skin_temperature' },
  steps: { unit: 'steps', field: 'steps' },
  lat: { unit: '°', field: 'lat' },
  lon: { unit: '°', field: 'lon' },
  accuracy: { unit: 'm', field: 'accuracy' },
  breathingRate: { unit: '/min', field: 'breathing_rate' },
  battery: { unit: '%', field: 'battery' },
} as const;
export type MetricName = keyof typeof METRICS;
export const METRIC_NAMES = Object.keys(METRICS) as [MetricName, ...MetricName[]];
export const metricNameSchema = z.enum(METRIC_NAMES);

/** `from` and `to` are ISO 8601 times; without them the last `TELEMETRY_WINDOW_HOURS` hours. */
export const readingsQuerySchema = z
  .object({
    from: z.iso.datetime({ offset: true }).optional(),
    to: z.iso.datetime({ offset: true }).optional(),
    metric: metricNameSchema.optional(),
  })
  .strict();

/**
 * One point of a series. `t` is the device's time in epoch milliseconds (compact for charts). A raw reading has only
 * `v`; a downsampled point (older than the raw period) is the average `v` of `n` readings from `t` to the next
 * bucket, with their `min` and `max`.
 */
export const readingPointSchema = z.object({
  t: z.number().int(),
  v: z.number(),
  min: z.number().optional(),
  max: z.number().optional(),
  n: z.number().int().positive().optional(),
});
export type ReadingPoint = z.infer<typeof readingPointSchema>;

export const readingSeriesSchema = z.object({
  deviceId: z.string(),
  deviceKind: deviceKindSchema,
  metric: metricNameSchema,
  unit: z.string(),
  points: z.array(readingPointSchema),
});
export type ReadingSeries = z.infer<typeof readingSeriesSchema>;

export const readingsReplySchema = z.object({
  from: z.iso.datetime(),
  to: z.iso.datetime(),
  series: z.array(readingSeriesSchema),
});
export type ReadingsReply = z.infer<typeof readingsReplySchema>;
