// The policy table while an admin edits it: the rows as typed (each with a key of its own, so a removed row takes
// its inputs with it), the problems the gateway would refuse — checked here first so they are said next to the row
// before anything is sent — and whether anything differs from the saved table. Pure.

import type { VisitPolicyRule } from '../../../../../schemas/index.js';

export interface DraftRule extends VisitPolicyRule {
  key: number;
}

/** The gateway's codes for a table it refuses (400), one per row here. */
export type RuleProblem = 'VISIT_POLICY_RULE_EMPTY' | 'VISIT_POLICY_NO_MODE' | 'VISIT_POLICY_DUPLICATE_RULE';

let nextKey = 1;
export const withKey = (rule: VisitPolicyRule): DraftRule => ({ ...rule, modes: [...rule.modes], key: nextKey++ });

/** The rule sent: without the key. */
export const toRule = ({ group, assessmentLevel, frequency, modes }: DraftRule): VisitPolicyRule => ({ group, assessmentLevel, frequency, modes });

/** A new row: monthly at the door, for the admin to say whom it is for. */
export const blankRule = (): DraftRule => withKey({ group: null, assessmentLevel: null, frequency: 'monthly', modes: ['door'] });

/**
 * Each row's problem, or null. A row for nobody in particular (any group and any level) would apply to every elder
 * and is refused; a row with no way that counts can never be covered; two rows for the same group and level
 * contradict each other (the later one is marked).
 */
export function ruleProblems(rules: readonly VisitPolicyRule[]): (RuleProblem | null)[] {
  const seen = new Set<string>();
  return rules.map((rule) => {
    if (rule.group === null && rule.assessmentLevel === null) return 'VISIT_POLICY_RULE_EMPTY';
    if (rule.modes.length === 0) return 'VISIT_POLICY_NO_MODE';
    const subject = `${rule.group ?? '*'}|${rule.assessmentLevel ?? '*'}`;
    if (seen.has(subject)) return 'VISIT_POLICY_DUPLICATE_RULE';
    seen.add(subject);
    return null;
  });
}

const sameModes = (a: readonly string[], b: readonly string[]) => a.length === b.length && [...a].sort().join() === [...b].sort().join();

/** True when the two tables say the same, row by row (the order of a row's modes does not matter). */
export function sameRules(a: readonly VisitPolicyRule[], b: readonly VisitPolicyRule[]): boolean {
  return (
    a.length === b.length &&
    a.every((rule, i) => {
      const other = b[i]!;
      return rule.group === other.group && rule.assessmentLevel === other.assessmentLevel && rule.frequency === other.frequency && sameModes(rule.modes, other.modes);
    })
  );
}
