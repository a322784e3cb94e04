import { z } from 'zod';
import { assessmentLevelSchema, ELDER_GROUPS } from './elder-record.js';

// The visit policy (探访关爱, issue 21): a table, edited by admins, from an elder's group (and capability assessment
// level) to how often they are visited and which ways of visiting count. An elder in several groups gets the
// strictest applicable rule; visit tasks (kind care_visit) are generated per period from it.

export const VISIT_FREQUENCIES = ['weekly', 'fortnightly', 'monthly', 'quarterly'] as const;
export const visitFrequencySchema = z.enum(VISIT_FREQUENCIES);
export type VisitFrequency = z.infer<typeof visitFrequencySchema>;

export const VISIT_FREQUENCY_LABELS: Record<VisitFrequency, { 'zh-CN': string; en: string }> = {
  weekly: { 'zh-CN': '每周', en: 'Weekly' },
  fortnightly: { 'zh-CN': '每两周', en: 'Fortnightly' },
  monthly: { 'zh-CN': '每月', en: 'Monthly' },
  quarterly: { 'zh-CN': '每季度', en: 'Quarterly' },
};

/** How a visit was made: at the door (上门), by phone (电话), by video (视频). */
export const VISIT_MODES = ['door', 'phone', 'video'] as const;
export const visitModeSchema = z.enum(VISIT_MODES);
export type VisitMode = z.infer<typeof visitModeSchema>;

export const VISIT_MODE_LABELS: Record<VisitMode, { 'zh-CN': string; en: string }> = {
  door: { 'zh-CN': '上门', en: 'At the door' },
  phone: { 'zh-CN': '电话', en: 'By phone' },
  video: { 'zh-CN': '视频', en: 'By video' },
};

/**
 * What a rule is about: a group tag of the elder record, or very_old (高龄), which follows from the birth date and is
 * therefore not a tag. An elder's legacy riskCategory counts as the matching subject (alone → living_alone,
 * hardship → extreme_hardship, and the same name for empty_nest, disabled, very_old, dementia).
 */
export const VISIT_POLICY_SUBJECTS = [...ELDER_GROUPS, 'very_old'] as const;
export const visitPolicySubjectSchema = z.enum(VISIT_POLICY_SUBJECTS);
export type VisitPolicySubject = z.infer<typeof visitPolicySubjectSchema>;

/**
 * One row of the table. It applies to an elder who has `group` (null: any elder) and whose latest assessment is at
 * `assessmentLevel` (null: any level, or none). A row with neither is refused (VISIT_POLICY_RULE_EMPTY); a row with
 * no mode is refused (VISIT_POLICY_NO_MODE).
 */
export const visitPolicyRuleSchema = z.strictObject({
  group: visitPolicySubjectSchema.nullable(),
  assessmentLevel: assessmentLevelSchema.nullable(),
  frequency: visitFrequencySchema,
  /** The ways of visiting that count for coverage; at least one. */
  modes: z.array(visitModeSchema).max(VISIT_MODES.length),
});
export type VisitPolicyRule = z.infer<typeof visitPolicyRuleSchema>;

/** PUT /api/v1/visit-policy (admins): the whole table at once, so it is never half-edited. */
export const visitPolicyBodySchema = z.strictObject({ rules: z.array(visitPolicyRuleSchema).max(200) });

export const visitPolicySchema = z.object({
  rules: z.array(visitPolicyRuleSchema),
  /** null while the table is the shipped default. */
  updatedAt: z.number().int().nullable(),
  updatedBy: z.string().nullable(),
});
export type VisitPolicy = z.infer<typeof visitPolicySchema>;

/** What one elder is owed: the strictest applicable rule, and the rows it came from; null when no row applies. */
export const visitObligationSchema = z.object({
  frequency: visitFrequencySchema,
  modes: z.array(visitModeSchema),
  /** The subjects of the rows that applied (for "why is this elder visited weekly?"). */
  because: z.array(z.string()),
});
export type VisitObligation = z.infer<typeof visitObligationSchema>;

/** Why an owed period was not covered. */
export const VISIT_GAP_REASONS = ['not_home', 'refused', 'mode_not_counted', 'not_attempted', 'in_progress'] as const;
export const visitGapReasonSchema = z.enum(VISIT_GAP_REASONS);
export type VisitGapReason = z.infer<typeof visitGapReasonSchema>;

const count = z.number().int().nonnegative();
const gaps = z.object({
  /** The last attempt found nobody home. */
  not_home: count,
  /** The last attempt was refused by the elder or family. */
  refused: count,
  /** Visited, but in a way the policy does not count (a phone call where the door is required). */
  mode_not_counted: count,
  /** The period ended with no attempt recorded. */
  not_attempted: count,
  /** The period has not ended yet and nothing counting was recorded: still waiting, not yet missed. */
  in_progress: count,
});
export type VisitGaps = z.infer<typeof gaps>;

/** Coverage of one place (or group): owed periods, covered ones, and why the rest were not. */
export const visitCoverageFiguresSchema = z.object({
  /** Distinct elders owed at least one period in the report's range. */
  elders: count,
  /** Elder-periods owed (a weekly elder owes four or five in a month). */
  due: count,
  covered: count,
  /** covered / due; null when nothing was due. The plans' target is 1 (月探访率100%). */
  rate: z.number().min(0).max(1).nullable(),
  gaps,
});
