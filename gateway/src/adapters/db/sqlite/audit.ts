import type { AuditStore } from '../../../app/ports/store/audit.port.js';
import { auditFromRow, type AuditRow } from '../rows/store-rows.js';
import type { SqliteContext } from './connection.js';
import { auditFilter } from './list-filter.js';
import { INSERT_AUDIT } from './statements.js';

// The audit log in the embedded store (app/ports/store/audit.port.ts), on the alarms connection. The entries of a
// decision are written by its commit (decisions.ts); these are the ones written on their own.

export function createSqliteAudit({ alarms }: SqliteContext): AuditStore {
  const insert = alarms.prepare(INSERT_AUDIT);
  return {
    async appendAudit(a) {
      insert.run(a.at, a.actor, a.action, a.entityType, a.entityId, JSON.stringify(a.detail));
    },
    async listAudit(filter) {
      const { where, params } = auditFilter(filter);
      const rows = alarms.prepare(`SELECT * FROM audit_log ${where} ORDER BY seq DESC LIMIT ?`).all(...params, filter.limit) as AuditRow[];
      return rows.map(auditFromRow);
    },
  };
}
