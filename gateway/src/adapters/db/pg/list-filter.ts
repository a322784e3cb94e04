import type { AlertFilter } from '../../../app/ports/store/alerts.port.js';
import type { DeadLetterFilter } from '../../../app/ports/store/dead-letters.port.js';
import type { TaskFilter } from '../../../app/ports/store/tasks.port.js';
import type { UserRole } from '../../../app/ports/store/users.port.js';

// WHERE clauses for the shared store's lists whose filters are optional: alerts and tasks, users, the audit log and
// dead letters. Their text varies with the filters given, so they run as unnamed statements; the values are always
// parameters. sqlite/list-filter.ts builds the same clauses for SQLite.

export interface Where {
  where: string;
  values: unknown[];
}

/** Collects `column op $n` clauses, numbering the parameters as they come. */
function whereBuilder() {
  const clauses: string[] = [];
  const values: unknown[] = [];
  return {
    add(clause: (param: string) => string, value: unknown): void {
      values.push(value);
      clauses.push(clause(`$${values.length}`));
    },
    build: (): Where => ({ where: clauses.length ? `WHERE ${clauses.join(' AND ')}` : '', values }),
  };
}

/** Alerts or tasks (alias x) joined to their elder's region (alias r). */
export function listFilter(f: AlertFilter | TaskFilter): Where {
  const w = whereBuilder();
  if (f.statuses !== 'all') w.add((p) => `x.status = ANY(${p}::text[])`, [...f.statuses]);
  // starts_with rather than LIKE: a path holds ids, and ids may hold LIKE's wildcards.
  if (f.regionPath !== undefined) w.add((p) => `starts_with(r.path, ${p})`, f.regionPath);
  if (f.assigneeId !== undefined) w.add((p) => `x.assignee_id = ${p}`, f.assigneeId);
  if ('raisedFrom' in f && f.raisedFrom !== undefined) w.add((p) => `x.raised_at >= ${p}`, f.raisedFrom);
  if ('raisedTo' in f && f.raisedTo !== undefined) w.add((p) => `x.raised_at < ${p}`, f.raisedTo);
  if ('kind' in f && f.kind !== undefined) w.add((p) => `x.kind = ${p}`, f.kind);
  if ('month' in f && f.month !== undefined) w.add((p) => `x.month = ${p}`, f.month);
  return w.build();
}

/** Users (alias u) joined to their region (alias r). */
export function userFilter(f: { regionPath?: string; role?: UserRole }): Where {
  const w = whereBuilder();
  if (f.regionPath !== undefined) w.add((p) => `starts_with(r.path, ${p})`, f.regionPath);
  if (f.role !== undefined) w.add((p) => `u.role = ${p}`, f.role);
  return w.build();
}

export function auditFilter(f: { entityType?: string; entityId?: string }): Where {
  const w = whereBuilder();
  if (f.entityType !== undefined) w.add((p) => `entity_type = ${p}`, f.entityType);
  if (f.entityId !== undefined) w.add((p) => `entity_id = ${p}`, f.entityId);
  return w.build();
}

/** Dead letters (alias l) joined to their device's elder's region (alias r). */
export function deadLetterFilter(f: DeadLetterFilter): Where {
  const w = whereBuilder();
  // starts_with rather than LIKE: a path holds ids, and ids may hold LIKE's wildcards.
  if (f.regionPath !== undefined) w.add((p) => `starts_with(r.path, ${p})`, f.regionPath);
  if (f.deviceId !== undefined) w.add((p) => `l.device_id = ${p}`, f.deviceId);
  if (f.reason !== undefined) w.add((p) => `l.reason = ${p}`, f.reason);
  if (f.receivedFrom !== undefined) w.add((p) => `l.received_at >= ${p}`, f.receivedFrom);
  if (f.receivedTo !== undefined) w.add((p) => `l.received_at < ${p}`, f.receivedTo);
  return w.build();
}
