import type { AlertFilter } from '../../../app/ports/store/alerts.port.js';
import type { AuditEntry } from '../../../app/ports/store/audit.port.js';
import type { CallFilter } from '../../../app/ports/store/phone/calls.port.js';
import type { ComplaintStore } from '../../../app/ports/store/phone/complaints.port.js';
import type { DeadLetterFilter } from '../../../app/ports/store/dead-letters.port.js';
import type { DeviceFilter } from '../../../app/ports/store/devices.port.js';
import type { ElderFilter } from '../../../app/ports/store/elders.port.js';
import type { TaskFilter } from '../../../app/ports/store/tasks.port.js';
import type { UserRole } from '../../../app/ports/store/users.port.js';
import { containsPattern } from '../rows/store-registry-rows.js';

// WHERE clauses for the embedded store's lists whose filters are optional: alerts and tasks, elders and devices, users, the audit log,
// dead letters, calls and complaints. Their text varies with the filters given, so they are prepared per call; the values are always
// parameters. pg/list-filter.ts builds the same clauses for PostgreSQL.

export interface Where {
  where: string;
  params: unknown[];
}

/** Collects `column op ?` clauses with their parameters, in order. */
function whereBuilder() {
  const clauses: string[] = [];
  const params: unknown[] = [];
  return {
    add(clause: string, ...values: unknown[]): void {
      clauses.push(clause);
      params.push(...values);
    },
    build: (): Where => ({ where: clauses.length ? `WHERE ${clauses.join(' AND ')}` : '', params }),
  };
}

/** Region path (alias r) within the subtree of the path given twice. substr instead of LIKE: a path holds ids, and ids may hold LIKE's wildcards. */
const IN_SUBTREE = 'substr(r.path, 1, length(?)) = ?';

/**
 * Alerts or tasks (alias x) joined to their elder's region (alias r). `keyTime` is the column the list pages on,
 * newest first: an alert's raised_at, a task's created_at.
 */
export function listFilter(f: AlertFilter | TaskFilter, keyTime: 'raised_at' | 'created_at'): Where {
  const w = whereBuilder();
  if (f.statuses !== 'all') w.add(`x.status IN (${f.statuses.map(() => '?').join(', ')})`, ...f.statuses);
  if (f.regionPath !== undefined && 'orAssigneeId' in f && f.orAssigneeId !== undefined) {
    w.add(`(${IN_SUBTREE} OR x.assignee_id = ?)`, f.regionPath, f.regionPath, f.orAssigneeId);
  } else if (f.regionPath !== undefined) w.add(IN_SUBTREE, f.regionPath, f.regionPath);
  if (f.assigneeId !== undefined) w.add('x.assignee_id = ?', f.assigneeId);
  if ('elderId' in f && f.elderId !== undefined) w.add('x.elder_id = ?', f.elderId);
  if ('type' in f && f.type !== undefined) w.add('x.type = ?', f.type);
  if ('raisedFrom' in f && f.raisedFrom !== undefined) w.add('x.raised_at >= ?', f.raisedFrom);
  if ('raisedTo' in f && f.raisedTo !== undefined) w.add('x.raised_at < ?', f.raisedTo);
  if ('kind' in f && f.kind !== undefined) w.add('x.kind = ?', f.kind);
  if ('period' in f && f.period !== undefined) w.add('x.period = ?', f.period);
  // Keyset paging, newest first: alerts by the time raised, tasks by the time created, then the id.
  if (f.before !== undefined) w.add(`(x.${keyTime}, x.id) < (?, ?)`, f.before.at, f.before.id);
  return w.build();
}

/** Elders (alias e) joined to their region (alias r), by id. */
export function elderFilter(f: ElderFilter): Where {
  const w = whereBuilder();
  if (f.regionPath !== undefined) w.add(IN_SUBTREE, f.regionPath, f.regionPath);
  // care_groups is a JSON array of catalogue codes: the quoted code matches one whole tag, never a part of another.
  if (f.group !== undefined) w.add('instr(e.care_groups, ?) > 0', JSON.stringify(f.group));
  if (f.bornOnOrBefore !== undefined) w.add('e.birth_date <= ?', f.bornOnOrBefore);
  if (f.notBornOnOrBefore !== undefined) w.add('(e.birth_date IS NULL OR e.birth_date > ?)', f.notBornOnOrBefore);
  if (f.assessmentLevel === null) w.add('e.assessment_level IS NULL');
  else if (f.assessmentLevel !== undefined) w.add('e.assessment_level = ?', f.assessmentLevel);
  if (f.nameContains !== undefined) w.add('instr(lower(e.name), lower(?)) > 0', f.nameContains);
  if (f.idNumberEndsWith !== undefined) w.add('substr(e.id_number, -length(?)) = ?', f.idNumberEndsWith, f.idNumberEndsWith);
  if (f.afterId !== undefined) w.add('e.id > ?', f.afterId);
  return w.build();
}

/** A device's state (DEVICE_STATES) as a condition on alias d; no state: every device but the retired ones. */
const DEVICE_STATE_CLAUSES: Record<NonNullable<DeviceFilter['state']> | 'in_service', string> = {
  online: 'd.online = 1 AND d.retired_at IS NULL',
  offline: 'd.online = 0 AND d.last_seen_at IS NOT NULL AND d.retired_at IS NULL',
  never_seen: 'd.last_seen_at IS NULL AND d.retired_at IS NULL',
  retired: 'd.retired_at IS NOT NULL',
  in_service: 'd.retired_at IS NULL',
};

/** Devices (alias d) joined to their elder (alias e) and the elder's region (alias r), by id. */
export function deviceFilter(f: DeviceFilter): Where {
  const w = whereBuilder();
  w.add(DEVICE_STATE_CLAUSES[f.state ?? 'in_service']);
  if (f.regionPath !== undefined) w.add(IN_SUBTREE, f.regionPath, f.regionPath);
  if (f.elderId !== undefined) w.add('d.elder_id = ?', f.elderId);
  if (f.kind !== undefined) w.add('d.kind = ?', f.kind);
  if (f.online !== undefined) w.add('d.online = ?', f.online ? 1 : 0);
  if (f.firmware !== undefined) w.add('d.firmware = ?', f.firmware);
  if (f.batteryBelow !== undefined) w.add('d.battery < ?', f.batteryBelow);
  if (f.lastSeenBefore !== undefined) w.add('(d.last_seen_at IS NULL OR d.last_seen_at < ?)', f.lastSeenBefore);
  // SQLite's LIKE ignores the case of ASCII letters; PostgreSQL's ILIKE does the same (pg/list-filter.ts).
  if (f.idContains !== undefined) w.add("d.id LIKE ? ESCAPE '\\'", containsPattern(f.idContains));
  if (f.afterId !== undefined) w.add('d.id > ?', f.afterId);
  return w.build();
}

/** Users (alias u) joined to their region (alias r). */
export function userFilter(f: { regionPath?: string; role?: UserRole }): Where {
  const w = whereBuilder();
  if (f.regionPath !== undefined) w.add(IN_SUBTREE, f.regionPath, f.regionPath);
  if (f.role !== undefined) w.add('u.role = ?', f.role);
  return w.build();
}

export function auditFilter(f: { entityType?: AuditEntry['entityType']; entityId?: string }): Where {
  const w = whereBuilder();
  if (f.entityType !== undefined) w.add('entity_type = ?', f.entityType);
  if (f.entityId !== undefined) w.add('entity_id = ?', f.entityId);
  return w.build();
}

/** Dead letters (alias l) joined to their device's elder's region (alias r). */
export function deadLetterFilter(f: DeadLetterFilter): Where {
  const w = whereBuilder();
  if (f.regionPath !== undefined) w.add(IN_SUBTREE, f.regionPath, f.regionPath);
  if (f.deviceId !== undefined) w.add('l.device_id = ?', f.deviceId);
  if (f.reason !== undefined) w.add('l.reason = ?', f.reason);
  if (f.receivedFrom !== undefined) w.add('l.received_at >= ?', f.receivedFrom);
  if (f.receivedTo !== undefined) w.add('l.received_at < ?', f.receivedTo);
  return w.build();
}

const CALL_TEXT_COLUMNS = ['c.caller_name', 'e.name', 'c.address', 'e.address', 'c.note'];

/**
 * Calls (alias c) joined to their region (alias r) and their elder (alias e, left join). `text` is a case-insensitive
 * substring of the caller's name, the elder's name, the call's or the elder's address or the note; `digits` a
 * substring of the normalised number; given both, either may match. instr rather than LIKE, for the wildcards.
 */
export function callFilter(f: CallFilter): Where {
  const w = whereBuilder();
  w.add(IN_SUBTREE, f.regionPath, f.regionPath);
  const text = f.text === undefined ? [] : CALL_TEXT_COLUMNS.map((col) => `instr(lower(${col}), lower(?)) > 0`);
  const digits = f.digits === undefined ? [] : ['instr(c.caller_number, ?) > 0'];
  if (text.length + digits.length > 0) w.add(`(${[...text, ...digits].join(' OR ')})`, ...text.map(() => f.text), ...digits.map(() => f.digits));
  if (f.direction !== undefined) w.add('c.direction = ?', f.direction);
  if (f.line !== undefined) w.add('c.line = ?', f.line);
  if (f.category !== undefined) w.add('c.category = ?', f.category);
  if (f.elderId !== undefined) w.add('c.elder_id = ?', f.elderId);
  if (f.alertId !== undefined) w.add('c.alert_id = ?', f.alertId);
  if (f.unlinked !== undefined) w.add(f.unlinked ? 'c.elder_id IS NULL' : 'c.elder_id IS NOT NULL');
  if (f.from !== undefined) w.add('c.started_at >= ?', f.from);
  if (f.to !== undefined) w.add('c.started_at < ?', f.to);
  if (f.before !== undefined) w.add('(c.started_at, c.id) < (?, ?)', f.before.startedAt, f.before.id);
  return w.build();
}

/** Complaints (alias k) joined to their region (alias r). */
export function complaintFilter(f: Parameters<ComplaintStore['listComplaints']>[0]): Where {
  const w = whereBuilder();
  w.add(IN_SUBTREE, f.regionPath, f.regionPath);
  if (f.status === 'overdue') w.add("k.status <> 'closed' AND k.due_at <= ?", f.now);
  else if (f.status === 'unclosed') w.add("k.status <> 'closed'");
  else if (f.status !== 'all') w.add('k.status = ?', f.status);
  return w.build();
}
