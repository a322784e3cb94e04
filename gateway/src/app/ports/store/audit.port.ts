// The audit log in the store: every state change with its actor and time. Append-only; read by admins and the
// supervisor's reports.

export interface AuditEntry {
  at: number;
  actor: string;
  action: string;
  entityType: 'alert' | 'task' | 'elder' | 'device' | 'user' | 'region' | 'session' | 'call' | 'complaint' | 'integration_token' | 'visit_policy';
  entityId: string;
  detail: Record<string, unknown>;
}

export interface AuditStore {
  appendAudit(entry: AuditEntry): Promise<void>;
  /** Newest first: the limit keeps the latest entries. */
  listAudit(filter: { entityType?: AuditEntry['entityType']; entityId?: string; limit: number }): Promise<AuditEntry[]>;
}
