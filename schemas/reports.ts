import { z } from 'zod';
import { alertTypeSchema, prioritySchema } from './alert.js';

// Reports for a period and a region: what the desk and the responders did, as supervisors and the county ask.

const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month as YYYY-MM');
const format = z.enum(['json', 'csv']).default('json');

export const alarmReportQuerySchema = z.strictObject({
  from: z.iso.datetime({ offset: true }),
  to: z.iso.datetime({ offset: true }),
  regionId: z.string().min(1).max(64).optional(),
  format,
});

/** Seconds; null when there was nothing to measure. */
const durationStats = z.object({
  count: z.number().int().nonnegative(),
  medianSeconds: z.number().nullable(),
  p90Seconds: z.number().nullable(),
});

export const alarmReportSchema = z.object({
  from: z.iso.datetime(),
  to: z.iso.datetime(),
  regionId: z.string(),
  /** Real alarms only: alerts from devices in test mode are counted apart. */
  total: z.number().int().nonnegative(),
  testAlerts: z.number().int().nonnegative(),
  byType: z.array(z.object({ type: alertTypeSchema, priority: prioritySchema, count: z.number().int().nonnegative() })),
  byPriority: z.array(z.object({ priority: prioritySchema, count: z.number().int().nonnegative() })),
  /**
   * As of the moment the report was made. `count` is still the number of alerts acknowledged. Since issue 20, alerts
   * still open and unacknowledged for longer than 60 s are misses already: they are `waiting`, and medianSeconds,
   * p90Seconds and within60sShare are over count + waiting, with a waiting alert's age so far as its time (a lower
   * bound). Before, only acknowledged alerts were measured, which made a desk leaving alarms unanswered look fast.
   */
  timeToAcknowledge: durationStats.extend({
    /** Open, unacknowledged alerts of the period older than 60 s when the report was made: each a miss. */
    waiting: z.number().int().nonnegative(),
    /** Acknowledged within 60 s (the telecare sector's target) / (acknowledged + waiting); null when both are 0. */
    within60sShare: z.number().min(0).max(1).nullable(),
  }),
  timeToArrive: durationStats,
  falseAlarms: z.number().int().nonnegative(),
  /** false alarms / alerts closed by a person (resolved + false alarm); null when none were closed. */
  falseAlarmRate: z.number().min(0).max(1).nullable(),
});
export type AlarmReport = z.infer<typeof alarmReportSchema>;

export const visitCoverageQuerySchema = z.strictObject({
  month,
  regionId: z.string().min(1).max(64).optional(),
  format,
});

export const visitCoverageRowSchema = z.object({
  regionId: z.string(),
  regionName: z.string(),
  /** Elders with a monthly visit due in the month. */
  due: z.number().int().nonnegative(),
  /** Of those, visited (a monthly visit done with outcome "visited"). */
  visited: z.number().int().nonnegative(),
  /** visited / due; null when nothing was due. The seeds' target is 1 (月探访率100%). */
  rate: z.number().min(0).max(1).nullable(),
});
export const visitCoverageSchema = z.object({ month, regionId: z.string(), rows: z.array(visitCoverageRowSchema), total: visitCoverageRowSchema });
export type VisitCoverage = z.infer<typeof visitCoverageSchema>;
