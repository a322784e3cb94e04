import type { VisitPolicy, VisitPolicyRule } from '../../../../schemas/index.js';
import { VISIT_MODES } from '../../../../schemas/index.js';
import { actorOf, DESK_ROLES, requireRole, type Access } from '../access.js';
import { AppError } from '../errors.js';
import type { VisitPolicyStore } from '../ports/store/visit-policy.port.js';

// The visit policy (探访关爱, issue 21): every desk reads it, admins replace it whole. Tasks already made keep the
// modes and period they were made with (tasks carry them as data); a change applies from the next task made.

/** The table's own rules, beyond the schema: each refusal names the row (1-based), so the screen can point at it. */
export function checkVisitPolicyRules(rules: readonly VisitPolicyRule[]): VisitPolicyRule[] {
  const seen = new Set<string>();
  return rules.map((rule, i) => {
    const row = `rule ${i + 1}`;
    if (rule.group === null && rule.assessmentLevel === null) throw new AppError('VISIT_POLICY_RULE_EMPTY', `${row} has neither a group nor an assessment level`);
    if (rule.modes.length === 0) throw new AppError('VISIT_POLICY_NO_MODE', `${row} has no way of visiting that counts`);
    const key = `${rule.group ?? '*'}|${rule.assessmentLevel ?? '*'}`;
    if (seen.has(key)) throw new AppError('VISIT_POLICY_DUPLICATE_RULE', `${row} repeats the group ${rule.group ?? '(any)'} with the level ${rule.assessmentLevel ?? '(any)'}`);
    seen.add(key);
    // each mode once, in catalogue order, so that two equal tables read and compare the same
    return { ...rule, modes: VISIT_MODES.filter((m) => rule.modes.includes(m)) };
  });
}

export function createVisitPolicyService(deps: {
  store: VisitPolicyStore;
  clock: () => number;
  /** After a change: the care visits now owed that are missing are made (in the background; the schedule retries). */
  ensureAll: () => void;
}) {
  const { store, clock } = deps;
  return {
    async get(access: Access): Promise<VisitPolicy> {
      requireRole(access, DESK_ROLES);
      return store.getVisitPolicy();
    },
    async replace(access: Access, rules: readonly VisitPolicyRule[]): Promise<VisitPolicy> {
      requireRole(access, ['admin']);
      // one table for the whole county: an admin of a town may read it but not change it for the others
      if (access.regionPath.split('/').filter(Boolean).length !== 1) throw new AppError('FORBIDDEN_REGION', 'the visit policy is the whole county’s: only an admin of the county changes it');
      const checked = checkVisitPolicyRules(rules);
      const at = clock();
      const by = actorOf(access);
      const before = await store.getVisitPolicy();
      await store.replaceVisitPolicy(
        { rules: checked, at, by },
        { at, actor: by, action: 'replaced', entityType: 'visit_policy', entityId: 'visit_policy', detail: { rulesBefore: before.rules.length, rules: checked } },
      );
      deps.ensureAll();
      return { rules: checked, updatedAt: at, updatedBy: by };
    },
  };
}

export type VisitPolicyService = ReturnType<typeof createVisitPolicyService>;
