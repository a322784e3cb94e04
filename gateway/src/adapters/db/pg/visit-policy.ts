import type { VisitPolicyRule } from '../../../../../schemas/index.js';
import type { VisitPolicyStore } from '../../../app/ports/store/visit-policy.port.js';
import { auditToRow } from '../rows/store-rows.js';
import { inTransaction, type PgContext } from './connection.js';
import { AUDIT_COLUMNS, insertAudit, named, valuesOf } from './statements.js';

// The visit policy in the shared store (app/ports/store/visit-policy.port.ts), as the embedded store keeps it: one
// row, the rules as JSON text.

interface PolicyRow {
  rules: string;
  updated_at: number | null;
  updated_by: string | null;
}

const q = {
  get: named('visit-policy', 'SELECT rules, updated_at, updated_by FROM visit_policy WHERE id = 1'),
  put: named('visit-policy-put', 'UPDATE visit_policy SET rules = $1, updated_at = $2, updated_by = $3 WHERE id = 1'),
};

export function createPgVisitPolicy({ pool, first }: PgContext): VisitPolicyStore {
  return {
    async getVisitPolicy() {
      const r = (await first<PolicyRow>(q.get()))!;
      return { rules: JSON.parse(r.rules) as VisitPolicyRule[], updatedAt: r.updated_at, updatedBy: r.updated_by };
    },
    async replaceVisitPolicy(change, audit) {
      await inTransaction(pool, 'BEGIN', async (client) => {
        await client.query(q.put(JSON.stringify(change.rules), change.at, change.by));
        await client.query(insertAudit(...valuesOf(auditToRow(audit), AUDIT_COLUMNS)));
      });
    },
  };
}
