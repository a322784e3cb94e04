import type { VisitPolicyRule } from '../../../../../schemas/index.js';
import type { VisitPolicyStore } from '../../../app/ports/store/visit-policy.port.js';
import type { SqliteContext } from './connection.js';
import { INSERT_AUDIT } from './statements.js';

// The visit policy in the embedded store (app/ports/store/visit-policy.port.ts): one row, the rules as JSON text
// (written by the gateway from parsed rules, so read back without checks), on the alarms connection.

interface PolicyRow {
  rules: string;
  updated_at: number | null;
  updated_by: string | null;
}

export function createSqliteVisitPolicy({ alarms }: SqliteContext): VisitPolicyStore {
  const q = {
    get: alarms.prepare('SELECT rules, updated_at, updated_by FROM visit_policy WHERE id = 1'),
    put: alarms.prepare('UPDATE visit_policy SET rules = ?, updated_at = ?, updated_by = ? WHERE id = 1'),
    audit: alarms.prepare(INSERT_AUDIT),
  };
  const replace = alarms.transaction((rules: string, at: number, by: string, audit: Parameters<VisitPolicyStore['replaceVisitPolicy']>[1]) => {
    q.put.run(rules, at, by);
    q.audit.run(audit.at, audit.actor, audit.action, audit.entityType, audit.entityId, JSON.stringify(audit.detail));
  });
  return {
    async getVisitPolicy() {
      const r = q.get.get() as PolicyRow;
      return { rules: JSON.parse(r.rules) as VisitPolicyRule[], updatedAt: r.updated_at, updatedBy: r.updated_by };
    },
    async replaceVisitPolicy(change, audit) {
      replace(JSON.stringify(change.rules), change.at, change.by, audit);
    },
  };
}
