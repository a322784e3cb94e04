import type {
  AlertContext,
  AlertStatus,
  AlertType,
  Priority,
  RegionLevel,
  ResolutionReason,
  ServiceType,
  TaskKind,
  TaskOutcome,
  TaskReason,
  TaskStatus,
  VisitMode,
} from '../../../../../schemas/index.js';
import type { Alert, TimelineAction, TimelineEntry } from '../../../core/alerts/alert.js';
import type { Deadline, DeadlineData, DeadlineKind } from '../../../core/deadline.js';
import type { RuleStateValue } from '../../../core/elder-state.js';
import type { Task } from '../../../core/tasks/task.js';
import type { AlertWithElder } from '../../../app/ports/store/alerts.port.js';
import type { AuditEntry } from '../../../app/ports/store/audit.port.js';
import type { RuleStateRecord } from '../../../app/ports/store/decisions.port.js';
import type { DeviceEventRecord } from '../../../app/ports/store/devices.port.js';
import type { RegionRecord } from '../../../app/ports/store/regions.port.js';
import type { TaskWithElder } from '../../../app/ports/store/tasks.port.js';

// Row shapes of both store engines, their mapping to records and back; the registry's rows (users, elders, devices)
// are in store-registry-rows.ts. The engines differ only in flag columns: SQLite returns 0 or 1, PostgreSQL a
// boolean, hence `Flag` and `flag()`; record→row writes a boolean, which sqlite/statements.ts turns into 0 or 1.
// JSON columns (context, overrides, deadline data, rule state) were written by the gateway itself from parsed
// values, so they are parsed back without checks.

/** A BOOLEAN column as the engines return it: SQLite 0 or 1, PostgreSQL a boolean. */
export type Flag = boolean | number;

export const flag = (v: Flag): boolean => v === true || v === 1;

export interface AlertRow {
  id: string;
  type: string;
  priority: number;
  status: string;
  test: Flag;
  elder_id: string;
  device_id: string | null;
  dedup_key: string;
  context: string;
  raised_at: number;
  last_seen_at: number;
  count: number;
  acknowledged_at: number | null;
  acknowledged_by: string | null;
  resolved_at: number | null;
  resolved_by: string | null;
  resolution_note: string | null;
  cancelled_at: number | null;
  raised_by: string;
  cancel_requested_at: number | null;
  cleared_at: number | null;
  assignee_id: string | null;
  assigned_at: number | null;
  accepted_at: number | null;
  arrived_at: number | null;
  escalation_level: number;
  late_arrival: Flag;
  hold_until: number | null;
  hold_reason: string | null;
  held_from: string | null;
  resolution_reason: string | null;
  declined_by: string;
}

export const alertFromRow = (r: AlertRow): Alert => ({
  id: r.id,
  type: r.type as AlertType,
  priority: r.priority as Priority,
  status: r.status as AlertStatus,
  test: flag(r.test),
  elderId: r.elder_id,
  deviceId: r.device_id,
  dedupKey: r.dedup_key,
  context: JSON.parse(r.context) as AlertContext,
  raisedAt: r.raised_at,
  lastSeenAt: r.last_seen_at,
  count: r.count,
  acknowledgedAt: r.acknowledged_at,
  acknowledgedBy: r.acknowledged_by,
  resolvedAt: r.resolved_at,
  resolvedBy: r.resolved_by,
  resolutionNote: r.resolution_note,
  cancelledAt: r.cancelled_at,
  raisedBy: JSON.parse(r.raised_by) as string[],
  cancelRequestedAt: r.cancel_requested_at,
  clearedAt: r.cleared_at,
  assigneeId: r.assignee_id,
  assignedAt: r.assigned_at,
  acceptedAt: r.accepted_at,
  arrivedAt: r.arrived_at,
  escalationLevel: r.escalation_level as Alert['escalationLevel'],
  lateArrival: flag(r.late_arrival),
  holdUntil: r.hold_until,
  holdReason: r.hold_reason,
  heldFrom: r.held_from as AlertStatus | null,
  resolutionReason: r.resolution_reason as ResolutionReason | null,
  declinedBy: JSON.parse(r.declined_by) as string[],
});

export const alertToRow = (a: Alert): AlertRow => ({
  id: a.id,
  type: a.type,
  priority: a.priority,
  status: a.status,
  test: a.test,
  elder_id: a.elderId,
  device_id: a.deviceId,
  dedup_key: a.dedupKey,
  context: JSON.stringify(a.context),
  raised_at: a.raisedAt,
  last_seen_at: a.lastSeenAt,
  count: a.count,
  acknowledged_at: a.acknowledgedAt,
  acknowledged_by: a.acknowledgedBy,
  resolved_at: a.resolvedAt,
  resolved_by: a.resolvedBy,
  resolution_note: a.resolutionNote,
  cancelled_at: a.cancelledAt,
  raised_by: JSON.stringify(a.raisedBy),
  cancel_requested_at: a.cancelRequestedAt,
  cleared_at: a.clearedAt,
  assignee_id: a.assigneeId,
  assigned_at: a.assignedAt,
  accepted_at: a.acceptedAt,
  arrived_at: a.arrivedAt,
  escalation_level: a.escalationLevel,
  late_arrival: a.lateArrival,
  hold_until: a.holdUntil,
  hold_reason: a.holdReason,
  held_from: a.heldFrom,
  resolution_reason: a.resolutionReason,
  declined_by: JSON.stringify(a.declinedBy),
});

/** Columns the list and read queries join in: the elder's summary and the assignee's name. */
export interface WithElderColumns {
  elder_name: string;
  elder_address: string;
  elder_region_id: string;
  assignee_name: string | null;
}

const elderSummary = (r: { elder_id: string } & WithElderColumns) => ({ id: r.elder_id, name: r.elder_name, address: r.elder_address, regionId: r.elder_region_id });

const assigneeOf = (r: { assignee_id: string | null } & WithElderColumns) =>
  r.assignee_id === null ? null : { id: r.assignee_id, displayName: r.assignee_name ?? r.assignee_id };

export const alertWithElderFromRow = (r: AlertRow & WithElderColumns): AlertWithElder => ({ ...alertFromRow(r), elder: elderSummary(r), assignee: assigneeOf(r) });

export interface TimelineRow {
  alert_id: string;
  at: number;
  action: string;
  actor: string;
  note: string | null;
}

export const timelineFromRow = (r: TimelineRow): TimelineEntry => ({ alertId: r.alert_id, at: r.at, action: r.action as TimelineAction, actor: r.actor, note: r.note });

export const timelineToRow = (e: TimelineEntry): TimelineRow => ({ alert_id: e.alertId, at: e.at, action: e.action, actor: e.actor, note: e.note });

export interface TaskRow {
  id: string;
  kind: string;
  reason: string;
  status: string;
  test: Flag;
  elder_id: string;
  device_id: string | null;
  alert_id: string | null;
  service: string | null;
  dedup_key: string;
  period: string | null;
  period_ends_at: number | null;
  attempt: number | null;
  /** JSON text, an array of modes. */
  visit_modes: string | null;
  visit_mode: string | null;
  assignee_id: string | null;
  due_at: number | null;
  created_at: number;
  assigned_at: number | null;
  accepted_at: number | null;
  completed_at: number | null;
  completed_by: string | null;
  outcome: string | null;
  note: string | null;
  cause_cleared_at: number | null;
  cause_cleared_note: string | null;
}

export const taskFromRow = (r: TaskRow): Task => ({
  id: r.id,
  kind: r.kind as TaskKind,
  reason: r.reason as TaskReason,
  status: r.status as TaskStatus,
  test: flag(r.test),
  elderId: r.elder_id,
  deviceId: r.device_id,
  alertId: r.alert_id,
  service: r.service as ServiceType | null,
  dedupKey: r.dedup_key,
  period: r.period,
  periodEndsAt: r.period_ends_at === null ? null : Number(r.period_ends_at),
  attempt: r.attempt === null ? null : Number(r.attempt),
  visitModes: r.visit_modes === null ? null : (JSON.parse(r.visit_modes) as VisitMode[]),
  visitMode: r.visit_mode as VisitMode | null,
  assigneeId: r.assignee_id,
  dueAt: r.due_at,
  createdAt: r.created_at,
  assignedAt: r.assigned_at,
  acceptedAt: r.accepted_at,
  completedAt: r.completed_at,
  completedBy: r.completed_by,
  outcome: r.outcome as TaskOutcome | null,
  note: r.note,
  causeClearedAt: r.cause_cleared_at,
  causeClearedNote: r.cause_cleared_note,
});

export const taskToRow = (t: Task): TaskRow => ({
  id: t.id,
  kind: t.kind,
  reason: t.reason,
  status: t.status,
  test: t.test,
  elder_id: t.elderId,
  device_id: t.deviceId,
  alert_id: t.alertId,
  service: t.service,
  dedup_key: t.dedupKey,
  period: t.period,
  period_ends_at: t.periodEndsAt,
  attempt: t.attempt,
  visit_modes: t.visitModes === null ? null : JSON.stringify(t.visitModes),
  visit_mode: t.visitMode,
  assignee_id: t.assigneeId,
  due_at: t.dueAt,
  created_at: t.createdAt,
  assigned_at: t.assignedAt,
  accepted_at: t.acceptedAt,
  completed_at: t.completedAt,
  completed_by: t.completedBy,
  outcome: t.outcome,
  note: t.note,
  cause_cleared_at: t.causeClearedAt,
  cause_cleared_note: t.causeClearedNote,
});

export const taskWithElderFromRow = (r: TaskRow & WithElderColumns): TaskWithElder => ({ ...taskFromRow(r), elder: elderSummary(r), assignee: assigneeOf(r) });

export interface DeadlineRow {
  key: string;
  kind: string;
  elder_id: string;
  device_id: string | null;
  due_at: number;
  data: string;
}

export const deadlineFromRow = (r: DeadlineRow): Deadline => ({
  key: r.key,
  kind: r.kind as DeadlineKind,
  elderId: r.elder_id,
  deviceId: r.device_id,
  dueAt: r.due_at,
  data: JSON.parse(r.data) as DeadlineData,
});

export interface RuleStateRow {
  elder_id: string;
  key: string;
  value: string;
}

export const ruleStateFromRow = (r: RuleStateRow): RuleStateRecord => ({ elderId: r.elder_id, key: r.key, value: JSON.parse(r.value) as RuleStateValue });

export const deadlineToRow = (d: Deadline): DeadlineRow => ({ key: d.key, kind: d.kind, elder_id: d.elderId, device_id: d.deviceId, due_at: d.dueAt, data: JSON.stringify(d.data) });

export interface DeviceEventRow {
  device_id: string;
  elder_id: string;
  msg_id: string;
  type: string;
  device_ts: number;
  received_at: number;
  payload: string;
}

export const deviceEventFromRow = (r: DeviceEventRow): DeviceEventRecord => ({
  deviceId: r.device_id,
  elderId: r.elder_id,
  msgId: r.msg_id,
  type: r.type,
  deviceTs: r.device_ts,
  receivedAt: r.received_at,
  payload: r.payload,
});

export const deviceEventToRow = (e: DeviceEventRecord): DeviceEventRow => ({
  device_id: e.deviceId,
  elder_id: e.elderId,
  msg_id: e.msgId,
  type: e.type,
  device_ts: e.deviceTs,
  received_at: e.receivedAt,
  payload: e.payload,
});

export interface AuditRow {
  at: number;
  actor: string;
  action: string;
  entity_type: string;
  entity_id: string;
  detail: string;
}

export const auditFromRow = (r: AuditRow): AuditEntry => ({
  at: r.at,
  actor: r.actor,
  action: r.action,
  entityType: r.entity_type as AuditEntry['entityType'],
  entityId: r.entity_id,
  detail: JSON.parse(r.detail) as Record<string, unknown>,
});

export const auditToRow = (a: AuditEntry): AuditRow => ({ at: a.at, actor: a.actor, action: a.action, entity_type: a.entityType, entity_id: a.entityId, detail: JSON.stringify(a.detail) });

export interface RegionRow {
  id: string;
  name: string;
  level: string;
  parent_id: string | null;
  path: string;
}

export const regionFromRow = (r: RegionRow): RegionRecord => ({ id: r.id, name: r.name, level: r.level as RegionLevel, parentId: r.parent_id, path: r.path });

export const regionToRow = (r: RegionRecord): RegionRow => ({ id: r.id, name: r.name, level: r.level, parent_id: r.parentId, path: r.path });
