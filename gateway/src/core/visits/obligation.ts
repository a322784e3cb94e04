import type { AssessmentLevel, ElderGroup, RiskCategory, VisitFrequency, VisitMode, VisitObligation, VisitPolicyRule, VisitPolicySubject } from '../../../../schemas/index.js';
import { VISIT_FREQUENCIES, VISIT_MODES, VISIT_POLICY_SUBJECTS } from '../../../../schemas/index.js';
import { isVeryOld } from '../elders/elder-dates.js';
import { localDay } from '../local-time.js';
import { periodAt, type VisitPeriod } from './periods.js';

// What one elder is owed under the visit policy (探访关爱, issue 21), pure: the strictest rule that applies.

/** What the policy looks at of an elder. */
export interface VisitFacts {
  groups: readonly ElderGroup[];
  riskCategory: RiskCategory;
  birthDate: string | null;
  assessmentLevel: AssessmentLevel | null;
}

/** The legacy risk category as the subject it always meant ('general' means none). */
const LEGACY_SUBJECT: Record<RiskCategory, VisitPolicySubject | null> = {
  alone: 'living_alone',
  hardship: 'extreme_hardship',
  empty_nest: 'empty_nest',
  disabled: 'disabled',
  very_old: 'very_old',
  dementia: 'dementia',
  general: null,
};

/**
 * The elder's subjects on local date `day` (YYYY-MM-DD, the period's first day): the group tags, the legacy risk
 * category's subject, and very_old when 80 or older that day. In catalogue order, each once.
 */
export function visitSubjects(facts: VisitFacts, day: string): VisitPolicySubject[] {
  const have = new Set<VisitPolicySubject>(facts.groups);
  const legacy = LEGACY_SUBJECT[facts.riskCategory];
  if (legacy) have.add(legacy);
  if (facts.birthDate !== null && isVeryOld(facts.birthDate, day)) have.add('very_old');
  return VISIT_POLICY_SUBJECTS.filter((s) => have.has(s));
}

const strictness = (f: VisitFrequency): number => VISIT_FREQUENCIES.indexOf(f); // weekly 0 is the strictest

/** Whether a rule applies: its group (if any) is among the subjects and its level (if any) is the elder's. */
const applies = (rule: VisitPolicyRule, subjects: ReadonlySet<VisitPolicySubject>, level: AssessmentLevel | null): boolean =>
  (rule.group === null || subjects.has(rule.group)) && (rule.assessmentLevel === null || rule.assessmentLevel === level);

/**
 * The strictest applicable rule: the most frequent visits win. Among the rules of that frequency, the ways that
 * count are those every one of them accepts (the intersection): an elder both living alone (door only) and disabled
 * (door or video) must be seen at the door, since a visit the stricter rule would not accept cannot satisfy it.
 * If the rules share no way at all, door: a visit at the door is what every rule is meant to stand for, and an
 * obligation nobody could fulfil would make the elder's coverage impossible. Null when no rule applies.
 * `because` names the rows that set the frequency (a group, a level as 'assessment:severe', or both).
 */
export function visitObligation(facts: VisitFacts, rules: readonly VisitPolicyRule[], day: string): VisitObligation | null {
  const subjects = new Set(visitSubjects(facts, day));
  const applicable = rules.filter((r) => applies(r, subjects, facts.assessmentLevel));
  if (applicable.length === 0) return null;
  const strictest = Math.min(...applicable.map((r) => strictness(r.frequency)));
  const winners = applicable.filter((r) => strictness(r.frequency) === strictest);
  const shared = VISIT_MODES.filter((m) => winners.every((r) => r.modes.includes(m)));
  const because = [...new Set(winners.map((r) => [r.group, r.assessmentLevel && `assessment:${r.assessmentLevel}`].filter(Boolean).join('+')))];
  return { frequency: VISIT_FREQUENCIES[strictest]!, modes: shared.length > 0 ? shared : (['door'] as VisitMode[]), because };
}

/** The shipped table; keeps the monthly visits of the legacy risk categories as they were (docs/care-workflow.md). */
export const DEFAULT_VISIT_POLICY: readonly VisitPolicyRule[] = [
  { group: 'living_alone', assessmentLevel: null, frequency: 'monthly', modes: ['door'] },
  { group: 'empty_nest', assessmentLevel: null, frequency: 'monthly', modes: ['door', 'phone'] },
  { group: 'left_behind', assessmentLevel: null, frequency: 'monthly', modes: ['door'] },
  { group: 'disabled', assessmentLevel: null, frequency: 'monthly', modes: ['door'] },
  { group: 'severely_disabled', assessmentLevel: null, frequency: 'monthly', modes: ['door'] },
  { group: 'dementia', assessmentLevel: null, frequency: 'monthly', modes: ['door'] },
  { group: 'extreme_hardship', assessmentLevel: null, frequency: 'monthly', modes: ['door', 'phone'] },
  { group: 'bereaved_only_child', assessmentLevel: null, frequency: 'monthly', modes: ['door'] },
  { group: 'minimum_living', assessmentLevel: null, frequency: 'quarterly', modes: ['door', 'phone'] },
  { group: 'very_old', assessmentLevel: null, frequency: 'monthly', modes: ['door', 'phone'] },
  { group: null, assessmentLevel: 'severe', frequency: 'weekly', modes: ['door', 'phone', 'video'] },
  { group: null, assessmentLevel: 'total', frequency: 'weekly', modes: ['door', 'phone', 'video'] },
];

/**
 * The obligation and its current period at `now`. An elder's age is judged on the first day of the period it would
 * apply to (80 on the 15th: very_old from the next period on), so each frequency is tried from the strictest, with
 * the subjects as of the start of that frequency's current period; the first that has a rule applying wins.
 */
export function obligationAt(
  facts: VisitFacts,
  rules: readonly VisitPolicyRule[],
  now: number,
  utcOffsetMinutes: number,
): { obligation: VisitObligation; period: VisitPeriod } | null {
  for (const frequency of VISIT_FREQUENCIES) {
    const ofFrequency = rules.filter((r) => r.frequency === frequency);
    if (ofFrequency.length === 0) continue;
    const period = periodAt(frequency, now, utcOffsetMinutes);
    const obligation = visitObligation(facts, ofFrequency, localDay(period.startAt, utcOffsetMinutes));
    if (obligation) return { obligation, period };
  }
  return null;
}
