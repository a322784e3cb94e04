import type { AlertFilter } from '../../../app/ports/store/alerts.port.js';
import type { CallFilter } from '../../../app/ports/store/phone/calls.port.js';
import type { ComplaintStore } from '../../../app/ports/store/phone/complaints.port.js';
import type { DeadLetterFilter } from '../../../app/ports/store/dead-letters.port.js';
import type { DeviceFilter } from '../../../app/ports/store/devices.port.js';
import type { ElderFilter } from '../../../app/ports/store/elders.port.js';
import type { TaskFilter } from '../../../app/ports/store/tasks.port.js';
import type { UserRole } from '../../../app/ports/store/users.port.js';
import { containsPattern } from '../rows/store-registry-rows.js';

// WHERE clauses for the shared store's lists whose filters are optional: alerts and tasks, elders and devices, users, the audit log,
// dead letters, calls and complaints. Their text varies with the filters given, so they run as unnamed statements; the values are always
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
    /** Numbers a value as the next parameter, for a clause that uses several (then given to `fixed`). */
    param(value: unknown): string {
      return `$${values.push(value)}`;
    },
    /** A clause whose parameters, if any, `param` numbered. */
    fixed(clause: string): void {
      clauses.push(clause);
    },
    build: (): Where => ({ where: clauses.length ? `WHERE ${clauses.join(' AND ')}` : '', values }),
  };
}

/**
 * Alerts or tasks (alias x) joined to their elder's region (alias r). `keyTime` is the column the list pages on,
 * newest first: an alert's raised_at, a task's created_at.
 */
export function listFilter(f: AlertFilter | TaskFilter, keyTime: 'raised_at' | 'created_at'): Where {
  const w = whereBuilder();
  if (f.statuses !== 'all') w.add((p) => `x.status = ANY(${p}::text[])`, [...f.statuses]);
  // starts_with rather than LIKE: a path holds ids, and ids may hold LIKE's wildcards.
  if (f.regionPath !== undefined && 'orAssigneeId' in f && f.orAssigneeId !== undefined) {
    w.fixed(`(starts_with(r.path, ${w.param(f.regionPath)}) OR x.assignee_id = ${w.param(f.orAssigneeId)})`);
  } else if (f.regionPath !== undefined) w.add((p) => `starts_with(r.path, ${p})`, f.regionPath);
  if (f.assigneeId !== undefined) w.add((p) => `x.assignee_id = ${p}`, f.assigneeId);
  if ('elderId' in f && f.elderId !== undefined) w.add((p) => `x.elder_id = ${p}`, f.elderId);
  if ('type' in f && f.type !== undefined) w.add((p) => `x.type = ${p}`, f.type);
  if ('raisedFrom' in f && f.raisedFrom !== undefined) w.add((p) => `x.raised_at >= ${p}`, f.raisedFrom);
  if ('raisedTo' in f && f.raisedTo !== undefined) w.add((p) => `x.raised_at < ${p}`, f.raisedTo);
  if ('kind' in f && f.kind !== undefined) w.add((p) => `x.kind = ${p}`, f.kind);
  if ('period' in f && f.period !== undefined) w.add((p) => `x.period = ${p}`, f.period);
  if (f.before !== undefined) w.fixed(`(x.${keyTime}, x.id) < (${w.param(f.before.at)}::bigint, ${w.param(f.before.id)}::text)`);
  return w.build();
}

/** Elders (alias e) joined to their region (alias r), by id. */
export function elderFilter(f: ElderFilter): Where {
  const w = whereBuilder();
  if (f.regionPath !== undefined) w.add((p) => `starts_with(r.path, ${p})`, f.regionPath);
  // care_groups is a JSON array of catalogue codes: the quoted code matches one whole tag, never a part of another.
  if (f.group !== undefined) w.add((p) => `strpos(e.care_groups, ${p}::text) > 0`, JSON.stringify(f.group));
  if (f.bornOnOrBefore !== undefined) w.add((p) => `e.birth_date <= ${p}::text`, f.bornOnOrBefore);
  if (f.notBornOnOrBefore !== undefined) w.add((p) => `(e.birth_date IS NULL OR e.birth_date > ${p}::text)`, f.notBornOnOrBefore);
  if (f.assessmentLevel === null) w.fixed('e.assessment_level IS NULL');
  else if (f.assessmentLevel !== undefined) w.add((p) => `e.assessment_level = ${p}::text`, f.assessmentLevel);
  if (f.nameContains !== undefined) w.add((p) => `strpos(lower(e.name), lower(${p}::text)) > 0`, f.nameContains);
  if (f.idNumberEndsWith !== undefined) w.add((p) => `right(e.id_number, length(${p}::text)) = ${p}::text`, f.idNumberEndsWith);
  if (f.afterId !== undefined) w.add((p) => `e.id > ${p}::text`, f.afterId);
  return w.build();
}

/** A device's state (DEVICE_STATES) as a condition on alias d; no state: every device but the retired ones. */
const DEVICE_STATE_CLAUSES: Record<NonNullable<DeviceFilter['state']> | 'in_service', string> = {
  online: 'd.online AND d.retired_at IS NULL',
  offline: 'NOT d.online AND d.last_seen_at IS NOT NULL AND d.retired_at IS NULL',
  never_seen: 'd.last_seen_at IS NULL AND d.retired_at IS NULL',
  retired: 'd.retired_at IS NOT NULL',
  in_service: 'd.retired_at IS NULL',
};

/** Devices (alias d) joined to their elder (alias e) and the elder's region (alias r), by id. */
export function deviceFilter(f: DeviceFilter): Where {
  const w = whereBuilder();
  w.fixed(DEVICE_STATE_CLAUSES[f.state ?? 'in_service']);
  if (f.regionPath !== undefined) w.add((p) => `starts_with(r.path, ${p})`, f.regionPath);
  if (f.elderId !== undefined) w.add((p) => `d.elder_id = ${p}`, f.elderId);
  if (f.kind !== undefined) w.add((p) => `d.kind = ${p}`, f.kind);
  if (f.online !== undefined) w.add((p) => `d.online = ${p}::boolean`, f.online);
  if (f.firmware !== undefined) w.add((p) => `d.firmware = ${p}::text`, f.firmware);
  if (f.batteryBelow !== undefined) w.add((p) => `d.battery < ${p}`, f.batteryBelow);
  if (f.lastSeenBefore !== undefined) w.add((p) => `(d.last_seen_at IS NULL OR d.last_seen_at < ${p}::bigint)`, f.lastSeenBefore);
  // ILIKE: letters in any case, as SQLite's LIKE does for the ASCII that device ids are made of (sqlite/list-filter.ts).
  if (f.idContains !== undefined) w.add((p) => `d.id ILIKE ${p}::text ESCAPE '\\'`, containsPattern(f.idContains));
  if (f.afterId !== undefined) w.add((p) => `d.id > ${p}::text`, f.afterId);
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

const CALL_TEXT_COLUMNS = ['c.caller_name', 'e.name', 'c.address', 'e.address', 'c.note'];

/**
 * Calls (alias c) joined to their region (alias r) and their elder (alias e, left join), as sqlite/list-filter.ts:
 * `text` a case-insensitive substring of the caller's name, the elder's name, the call's or the elder's address or the
 * note; `digits` a substring of the normalised number; given both, either may match. strpos rather than LIKE.
 */
export function callFilter(f: CallFilter): Where {
  const w = whereBuilder();
  w.add((p) => `starts_with(r.path, ${p})`, f.regionPath);
  const either: string[] = [];
  if (f.text !== undefined) {
    const t = w.param(f.text);
    either.push(...CALL_TEXT_COLUMNS.map((col) => `strpos(lower(${col}), lower(${t})) > 0`));
  }
  if (f.digits !== undefined) either.push(`strpos(c.caller_number, ${w.param(f.digits)}) > 0`);
  if (either.length > 0) w.fixed(`(${either.join(' OR ')})`);
  if (f.direction !== undefined) w.add((p) => `c.direction = ${p}`, f.direction);
  if (f.line !== undefined) w.add((p) => `c.line = ${p}`, f.line);
  if (f.category !== undefined) w.add((p) => `c.category = ${p}`, f.category);
  if (f.elderId !== undefined) w.add((p) => `c.elder_id = ${p}`, f.elderId);
  if (f.alertId !== undefined) w.add((p) => `c.alert_id = ${p}`, f.alertId);
  if (f.unlinked !== undefined) w.fixed(f.unlinked ? 'c.elder_id IS NULL' : 'c.elder_id IS NOT NULL');
  if (f.from !== undefined) w.add((p) => `c.started_at >= ${p}`, f.from);
  if (f.to !== undefined) w.add((p) => `c.started_at < ${p}`, f.to);
  if (f.before !== undefined) w.fixed(`(c.started_at, c.id) < (${w.param(f.before.startedAt)}::bigint, ${w.param(f.before.id)}::text)`);
  return w.build();
}

/** Complaints (alias k) joined to their region (alias r). */
export function complaintFilter(f: Parameters<ComplaintStore['listComplaints']>[0]): Where {
  const w = whereBuilder();
  w.add((p) => `starts_with(r.path, ${p})`, f.regionPath);
  if (f.status === 'overdue') w.add((p) => `k.status <> 'closed' AND k.due_at <= ${p}`, f.now);
  else if (f.status === 'unclosed') w.fixed("k.status <> 'closed'");
  else if (f.status !== 'all') w.add((p) => `k.status = ${p}`, f.status);
  return w.build();
}
