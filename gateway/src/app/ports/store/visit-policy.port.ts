import type { VisitPolicy, VisitPolicyRule } from '../../../../../schemas/index.js';
import type { AuditEntry } from './audit.port.js';

// The visit policy table (探访关爱, issue 21) in the store: one table, replaced whole, seeded by the migration with
// the shipped default (core/visits/obligation.ts DEFAULT_VISIT_POLICY).

export interface VisitPolicyStore {
  getVisitPolicy(): Promise<VisitPolicy>;
  /** Replaces every rule and writes the audit entry in the same transaction: never half-written, never unaudited. */
  replaceVisitPolicy(change: { rules: readonly VisitPolicyRule[]; at: number; by: string }, audit: AuditEntry): Promise<void>;
}
