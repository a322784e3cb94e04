import { z } from 'zod';
import { alertTypeSchema, prioritySchema } from './alert.js';
import { regionLevelSchema } from './region.js';
import { taskOutcomeSchema } from './task.js';
import { visitCoverageFiguresSchema, visitGapReasonSchema, visitModeSchema, visitPolicySubjectSchema } from './visit-policy.js';

// Reports for a period and a region: what the desk and the responders did, as supervisors and the county ask.

const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month as YYYY-MM');
const format = z.enum(['json', 'csv', 'xlsx']).default('json');

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

const count = z.number().int().nonnegative();

/**
 * How the real (non-test) alerts raised in the period stand when the report is made. Every alert is in exactly one
 * bucket, so raised === resolved + falseAlarms + cancelled + cleared + open, always.
 */
export const alarmOutcomesSchema = z.object({
  /** Real alerts raised in the period (= the report's `total`). */
  raised: count,
  /** Closed by a person as handled (status resolved). */
  resolved: count,
  /** Closed by the desk or a responder as a false alarm (status false_alarm). */
  falseAlarms: count,
  /** Withdrawn by the elder within the cancel window (status cancelled). */
  cancelled: count,
  /** Closed by the gateway because the condition ended (vitals back in range, device back online; status cleared). */
  cleared: count,
  /** Still open: raised, acknowledged, dispatched, on site or on hold. */
  open: count,
});
export type AlarmOutcomes = z.infer<typeof alarmOutcomesSchema>;

const timeToAcknowledgeSchema = durationStats.extend({
  /** Open, unacknowledged alerts of the period older than 60 s when the report was made: each a miss. */
  waiting: count,
  /** Acknowledged within 60 s (the telecare sector's target) / (acknowledged + waiting); null when both are 0. */
  within60sShare: z.number().min(0).max(1).nullable(),
});

/** One responder offered at least one real alert of the period (from the alerts' timelines). */
export const responderReportRowSchema = z.object({
  userId: z.string(),
  /** The user's display name; the id when the user no longer exists. */
  displayName: z.string(),
  /** Times the responder was offered an alert (timeline `dispatched`, by the desk or automatically after a decline). */
  offers: count,
  /** Offers accepted (timeline `accepted`; arriving without accepting first counts as accepting). */
  accepts: count,
  /** Offers declined (timeline `declined`). */
  declines: count,
  /** Offers left unanswered until they expired (timeline `dispatch_expired`). */
  expired: count,
  /** From each offer to its acceptance. */
  timeToAccept: durationStats,
  /** From acceptance to arrival on site, for accepted offers that arrived. */
  timeToArrive: durationStats,
});
export type ResponderReportRow = z.infer<typeof responderReportRowSchema>;

/** Follow-up visits (回访) opened when a real alert of the period was resolved; cancelled ones are not counted. */
export const followUpReportSchema = z.object({
  /** Follow-ups of alerts raised in the period, not cancelled. */
  due: count,
  /** Of those, done. */
  done: count,
  /** Of those, still not done and past their due time when the report was made. */
  overdue: count,
  /** done / due; null when none were due. */
  rate: z.number().min(0).max(1).nullable(),
});

/**
 * Care visits (探访) due in the period: care_visit tasks (each attempt), real, not cancelled, whose due time (the end of
 * their period) falls in [from, to). due === sum of byOutcome counts + open.
 */
export const visitReportSchema = z.object({
  due: count,
  /** The done ones by what the visitor found (visited, not_home, refused, ...); outcomes that did not occur left out. */
  byOutcome: z.array(z.object({ outcome: taskOutcomeSchema, count })),
  /** Not done yet. */
  open: count,
});

/**
 * One town or community below the report's region. Figures are over the real alerts of the period of elders in this
 * region's subtree: a town's figures include its communities.
 */
export const regionBreakdownRowSchema = z.object({
  regionId: z.string(),
  name: z.string(),
  level: regionLevelSchema,
  parentId: z.string().nullable(),
  raised: count,
  outcomes: alarmOutcomesSchema,
  timeToAcknowledge: timeToAcknowledgeSchema,
  timeToArrive: durationStats,
  falseAlarms: count,
});
export type RegionBreakdownRow = z.infer<typeof regionBreakdownRowSchema>;

export const alarmReportSchema = z.object({
  from: z.iso.datetime(),
  to: z.iso.datetime(),
  regionId: z.string(),
  /** The name of the report's region. */
  regionName: z.string(),
  /** Real alarms only: alerts from devices in test mode are counted apart. Equals outcomes.raised. */
  total: count,
  testAlerts: count,
  byType: z.array(z.object({ type: alertTypeSchema, priority: prioritySchema, count })),
  byPriority: z.array(z.object({ priority: prioritySchema, count })),
  outcomes: alarmOutcomesSchema,
  /**
   * As of the moment the report was made. `count` is still the number of alerts acknowledged. Since issue 20, alerts
   * still open and unacknowledged for longer than 60 s are misses already: they are `waiting`, and medianSeconds,
   * p90Seconds and within60sShare are over count + waiting, with a waiting alert's age so far as its time (a lower
   * bound). Before, only acknowledged alerts were measured, which made a desk leaving alarms unanswered look fast.
   */
  timeToAcknowledge: timeToAcknowledgeSchema,
  /** From raisedAt to the first offer to a responder (first timeline `dispatched`), for alerts dispatched at all. */
  timeToDispatch: durationStats,
  /** From raisedAt to the first acceptance by a responder (first timeline `accepted`, or `arrived` without one). */
  timeToAccept: durationStats,
  /** From raisedAt to the responder's arrival on site (arrivedAt), for alerts reached. */
  timeToArrive: durationStats,
  /** From raisedAt to resolvedAt, for alerts resolved (false alarms left out: closing one fast is not help given). */
  timeToResolve: durationStats,
  falseAlarms: count,
  /** false alarms / alerts closed by a person (resolved + false alarm); null when none were closed. */
  falseAlarmRate: z.number().min(0).max(1).nullable(),
  /** Per responder offered a real alert of the period, ordered by offers (most first), then name. */
  responders: z.array(responderReportRowSchema),
  followUps: followUpReportSchema,
  visits: visitReportSchema,
  /** Every town and community below the report's region, zeros included: each town, then its communities. */
  breakdown: z.array(regionBreakdownRowSchema),
});
export type AlarmReport = z.infer<typeof alarmReportSchema>;

/**
 * GET /api/v1/reports/visit-coverage: exactly one of `month` (YYYY-MM) or `quarter` (YYYY-Qn). The report counts the
 * visit periods that END in that range, local time: a weekly elder's weeks ending in the month, a quarterly elder's
 * quarter only in its last month (or in the quarter's report).
 */
export const visitCoverageQuerySchema = z
  .strictObject({
    month: month.optional(),
    quarter: z.string().regex(/^\d{4}-Q[1-4]$/, 'a quarter as YYYY-Qn').optional(),
    regionId: z.string().min(1).max(64).optional(),
    format,
  })
  .refine((q) => (q.month === undefined) !== (q.quarter === undefined), { message: 'give exactly one of month and quarter' });

/** One place of the breakdown: every region below the report's region, at every depth, with its subtotal. */
export const visitCoverageRowSchema = visitCoverageFiguresSchema.extend({
  regionId: z.string(),
  regionName: z.string(),
  level: z.string(),
  /** The parent's id (the report's region for the first level below it); the tree is rebuilt from this. */
  parentId: z.string().nullable(),
  /** 1 for the level just below the report's region, 2 below that, ... */
  depth: z.number().int().positive(),
});

export const visitCoverageGroupRowSchema = visitCoverageFiguresSchema.extend({
  /** A policy subject (a group tag, or very_old); an elder in several groups counts in each. */
  group: visitPolicySubjectSchema,
});

export const visitCoverageModeRowSchema = z.object({
  mode: visitModeSchema,
  /** Periods covered by a visit made this way. */
  covered: z.number().int().nonnegative(),
});

/** One elder-period that is not covered: the drill-down's list of who is still owed a visit, and why. */
export const visitCoverageGapSchema = z.object({
  elderId: z.string(),
  elderName: z.string(),
  regionId: z.string(),
  regionName: z.string(),
  period: z.string(),
  periodEndsAt: z.number().int(),
  reason: visitGapReasonSchema,
  /** The open or last visit task of that period, to act on from the report. */
  taskId: z.string().nullable(),
});

export const visitCoverageSchema = z.object({
  /** The range asked for: YYYY-MM or YYYY-Qn. */
  range: z.string(),
  from: z.number().int(),
  to: z.number().int(),
  regionId: z.string(),
  regionName: z.string(),
  total: visitCoverageFiguresSchema,
  /** Ordered depth-first: each place, then the places below it, siblings by name (zh-CN collation). */
  rows: z.array(visitCoverageRowSchema),
  /** In the catalogue's order (VISIT_POLICY_SUBJECTS); only subjects with something due. */
  byGroup: z.array(visitCoverageGroupRowSchema),
  /** In VISIT_MODES order, zeros included. */
  byMode: z.array(visitCoverageModeRowSchema),
  /** Every uncovered elder-period, by region (as rows) then elder name then period end; at most 5,000 (gapsTruncated). */
  gaps: z.array(visitCoverageGapSchema),
  gapsTruncated: z.boolean(),
});
export type VisitCoverage = z.infer<typeof visitCoverageSchema>;
