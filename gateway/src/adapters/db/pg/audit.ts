import type { AuditStore } from '../../../app/ports/store/audit.port.js';
import { auditFromRow, auditToRow, type AuditRow } from '../rows/store-rows.js';
import type { PgContext } from './connection.js';
import { auditFilter } from './list-filter.js';
import { AUDIT_COLUMNS, columnList, insertAudit, valuesOf } from './statements.js';

// The audit log in the shared store (app/ports/store/audit.port.ts). The entries of a decision are written by its
// commit (decisions.ts); these are the ones written on their own.

export function createPgAudit({ pool }: PgContext): AuditStore {
  return {
    async appendAudit(a) {
      await pool.query(insertAudit(...valuesOf(auditToRow(a), AUDIT_COLUMNS)));
    },
    async listAudit(filter) {
      const { where, values } = auditFilter(filter);
      const text = `SELECT ${columnList(AUDIT_COLUMNS)} FROM audit_log ${where} ORDER BY seq DESC LIMIT $${values.length + 1}`;
      return (await pool.query<AuditRow>(text, [...values, filter.limit])).rows.map(auditFromRow);
    },
  };
}
