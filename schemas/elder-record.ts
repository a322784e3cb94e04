import { z } from 'zod';

// Who an elder is, beyond name and address (issue 21): the groups the county's plans organise care by, birth date
// and sex, the capability assessment (老年人能力评估, GB/T 42195-2022) and the recorded consent to monitoring.
// The catalogues carry their zh-CN labels as data: the desk, the reports and (later) the import read the same names.

/**
 * The one catalogue of group tags; an elder has any number of them. 留守 (left behind: children work far away) and
 * 空巢 (empty nest: children moved out) are distinct groups in the plans. 高龄 (very old) is not a tag: it follows
 * from the birth date (elder view `veryOld`), so it cannot go stale.
 */
export const ELDER_GROUPS = [
  'living_alone',
  'empty_nest',
  'left_behind',
  'disabled',
  'severely_disabled',
  'dementia',
  'extreme_hardship',
  'bereaved_only_child',
  'minimum_living',
] as const;
export const elderGroupSchema = z.enum(ELDER_GROUPS);
export type ElderGroup = z.infer<typeof elderGroupSchema>;

export const ELDER_GROUP_LABELS: Record<ElderGroup, { 'zh-CN': string; en: string }> = {
  living_alone: { 'zh-CN': '独居', en: 'Living alone' },
  empty_nest: { 'zh-CN': '空巢', en: 'Empty nest' },
  left_behind: { 'zh-CN': '留守', en: 'Left behind' },
  disabled: { 'zh-CN': '失能', en: 'Disabled' },
  severely_disabled: { 'zh-CN': '重残', en: 'Severely disabled' },
  dementia: { 'zh-CN': '失智', en: 'Dementia' },
  extreme_hardship: { 'zh-CN': '特困', en: 'Extreme hardship' },
  bereaved_only_child: { 'zh-CN': '计划生育特殊家庭', en: 'Lost only child' },
  minimum_living: { 'zh-CN': '低保', en: 'Minimum living allowance' },
};

/** As given, duplicates allowed (they collapse: normaliseElderGroups); an unknown tag is refused (REQUEST_INVALID). */
export const elderGroupsSchema = z.array(elderGroupSchema).max(50);

/** Each tag once, in catalogue order, so that two records with the same groups read and compare the same. */
export function normaliseElderGroups(groups: readonly ElderGroup[]): ElderGroup[] {
  const given = new Set(groups);
  return ELDER_GROUPS.filter((g) => given.has(g));
}

/** A calendar date, YYYY-MM-DD (local to the deployment; no time, no zone). */
export const calendarDateSchema = z.iso.date();

/** The age from which an elder counts as 高龄 (very old) in the county's plans. */
export const VERY_OLD_AGE = 80;

export const SEXES = ['female', 'male'] as const;
export const sexSchema = z.enum(SEXES);
export type Sex = z.infer<typeof sexSchema>;

export const SEX_LABELS: Record<Sex, { 'zh-CN': string; en: string }> = {
  female: { 'zh-CN': '女', en: 'Female' },
  male: { 'zh-CN': '男', en: 'Male' },
};

/** GB/T 42195-2022 老年人能力评估规范: the five overall levels, from intact to totally lost. */
export const ASSESSMENT_LEVELS = ['intact', 'mild', 'moderate', 'severe', 'total'] as const;
export const assessmentLevelSchema = z.enum(ASSESSMENT_LEVELS);
export type AssessmentLevel = z.infer<typeof assessmentLevelSchema>;

export const ASSESSMENT_LEVEL_LABELS: Record<AssessmentLevel, { 'zh-CN': string; en: string }> = {
  intact: { 'zh-CN': '能力完好', en: 'Intact' },
  mild: { 'zh-CN': '轻度受损', en: 'Mildly impaired' },
  moderate: { 'zh-CN': '中度受损', en: 'Moderately impaired' },
  severe: { 'zh-CN': '重度受损', en: 'Severely impaired' },
  total: { 'zh-CN': '完全丧失', en: 'Totally lost' },
};

/** The latest capability assessment; the date may not be in the future (checked against the local date). */
export const assessmentSchema = z.strictObject({
  level: assessmentLevelSchema,
  assessedOn: calendarDateSchema,
  /** Who assessed: a person or an assessment agency. */
  assessor: z.string().trim().min(1).max(40),
});
export type Assessment = z.infer<typeof assessmentSchema>;

export const CONSENT_RELATIONS = ['self', 'guardian', 'family'] as const;
export const consentRelationSchema = z.enum(CONSENT_RELATIONS);
export type ConsentRelation = z.infer<typeof consentRelationSchema>;

export const CONSENT_RELATION_LABELS: Record<ConsentRelation, { 'zh-CN': string; en: string }> = {
  self: { 'zh-CN': '本人', en: 'The elder' },
  guardian: { 'zh-CN': '监护人', en: 'Guardian' },
  family: { 'zh-CN': '家属', en: 'Family' },
};

/** The recorded consent to monitoring: when, by whom (a name), and who that person is to the elder. */
export const consentSchema = z.strictObject({
  givenOn: calendarDateSchema,
  givenBy: z.string().trim().min(1).max(40),
  relation: consentRelationSchema,
});
export type Consent = z.infer<typeof consentSchema>;
