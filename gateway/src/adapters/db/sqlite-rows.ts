import type {
  AlertContext,
  AlertStatus,
  AlertType,
  DeviceKind,
  EmergencyContact,
  Priority,
  RegionLevel,
  ResolutionReason,
  ResponderKind,
  RiskCategory,
  ServiceType,
  TaskKind,
  TaskOutcome,
  TaskReason,
  TaskStatus,
  ThresholdOverrides,
  UserRole,
} from '../../../../schemas/index.js';
import type { Alert, TimelineAction, TimelineEntry } from '../../core/alert.js';
import type { Deadline, DeadlineData, DeadlineKind } from '../../core/deadline.js';
import type { Task } from '../../core/task.js';
import type {
  AlertWithElder,
  AuditEntry,
  DeviceEventRecord,
  DeviceRecord,
  ElderRecord,
  RegionRecord,
  TaskWithElder,
  UserRecord,
} from '../../app/store.port.js';

// Row shapes as SQLite returns them, and their mapping to records. Kept apart from the queries.
// JSON columns (context, overrides, deadline data, rule state) were written by the gateway itself from parsed values.

export interface AlertRow {
  id: string;
  type: string;
  priority: number;
  status: string;
  test: number;
  elder_id: string;
  device_id: string;
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
  cleared_at: number | null;
  assignee_id: string | null;
  assigned_at: number | null;
  accepted_at: number | null;
  arrived_at: number | null;
  escalation_level: number;
  late_arrival: number;
  hold_until: number | null;
  hold_reason: string | null;
  held_from: string | null;
  resolution_reason: string | null;
  declined_by: string;
}

/** Columns the list and read queries join in: the elder's summary and the assignee's name. */
export interface WithElderColumns {
  elder_name: string;
  elder_address: string;
  elder_region_id: string;
  assignee_name: string | null;
}

const elderSummary = (r: { elder_id: string } & WithElderColumns) => ({
  id: r.elder_id,
  name: r.elder_name,
  address: r.elder_address,
  regionId: r.elder_region_id,
});

const assigneeOf = (r: { assignee_id: string | null } & WithElderColumns) =>
  r.assignee_id === null ? null : { id: r.assignee_id, displayName: r.assignee_name ?? r.assignee_id };

export const alertFromRow = (r: AlertRow): Alert => ({
  id: r.id,
  type: r.type as AlertType,
  priority: r.priority as Priority,
  status: r.status as AlertStatus,
  test: r.test === 1,
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
  clearedAt: r.cleared_at,
  assigneeId: r.assignee_id,
  assignedAt: r.assigned_at,
  acceptedAt: r.accepted_at,
  arrivedAt: r.arrived_at,
  escalationLevel: r.escalation_level as Alert['escalationLevel'],
  lateArrival: r.late_arrival === 1,
  holdUntil: r.hold_until,
  holdReason: r.hold_reason,
  heldFrom: r.held_from as AlertStatus | null,
  resolutionReason: r.resolution_reason as ResolutionReason | null,
  declinedBy: JSON.parse(r.declined_by) as string[],
});

export const alertWithElderFromRow = (r: AlertRow & WithElderColumns): AlertWithElder => ({
  ...alertFromRow(r),
  elder: elderSummary(r),
  assignee: assigneeOf(r),
});

/** Named parameters for inserting or updating an alert row. */
export const alertParams = (a: Alert) => ({
  id: a.id,
  type: a.type,
  priority: a.priority,
  status: a.status,
  test: a.test ? 1 : 0,
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
  cleared_at: a.clearedAt,
  assignee_id: a.assigneeId,
  assigned_at: a.assignedAt,
  accepted_at: a.acceptedAt,
  arrived_at: a.arrivedAt,
  escalation_level: a.escalationLevel,
  late_arrival: a.lateArrival ? 1 : 0,
  hold_until: a.holdUntil,
  hold_reason: a.holdReason,
  held_from: a.heldFrom,
  resolution_reason: a.resolutionReason,
  declined_by: JSON.stringify(a.declinedBy),
});

export interface TimelineRow {
  alert_id: string;
  at: number;
  action: string;
  actor: string;
  note: string | null;
}

export const timelineFromRow = (r: TimelineRow): TimelineEntry => ({
  alertId: r.alert_id,
  at: r.at,
  action: r.action as TimelineAction,
  actor: r.actor,
  note: r.note,
});

export interface DeviceRow {
  id: string;
  elder_id: string;
  kind: string;
  room: string | null;
  secret_hash: string;
  broker_password_hash: string | null;
  test_mode_until: number | null;
  online: number;
  battery: number | null;
  last_seen_at: number | null;
  created_at: number;
}

export const deviceFromRow = (r: DeviceRow): DeviceRecord => ({
  id: r.id,
  elderId: r.elder_id,
  kind: r.kind as DeviceKind,
  room: r.room,
  secretHash: r.secret_hash,
  brokerPasswordHash: r.broker_password_hash,
  testModeUntil: r.test_mode_until,
  online: r.online === 1,
  battery: r.battery,
  lastSeenAt: r.last_seen_at,
  createdAt: r.created_at,
});

export interface ElderRow {
  id: string;
  name: string;
  address: string;
  phone: string | null;
  region_id: string;
  contacts: string;
  medical_notes: string;
  access_notes: string;
  assigned_responder_ids: string;
  risk_category: string;
  threshold_overrides: string;
  away_since: number | null;
  away_until: number | null;
  away_reason: string | null;
  created_at: number;
}

export const elderFromRow = (r: ElderRow): ElderRecord => ({
  id: r.id,
  name: r.name,
  address: r.address,
  phone: r.phone,
  regionId: r.region_id,
  contacts: JSON.parse(r.contacts) as EmergencyContact[],
  medicalNotes: r.medical_notes,
  accessNotes: r.access_notes,
  assignedResponderIds: JSON.parse(r.assigned_responder_ids) as string[],
  riskCategory: r.risk_category as RiskCategory,
  thresholdOverrides: JSON.parse(r.threshold_overrides) as ThresholdOverrides,
  away: r.away_since === null ? null : { since: r.away_since, until: r.away_until, reason: r.away_reason ?? '' },
  createdAt: r.created_at,
});

export interface TaskRow {
  id: string;
  kind: string;
  reason: string;
  status: string;
  test: number;
  elder_id: string;
  device_id: string | null;
  alert_id: string | null;
  service: string | null;
  dedup_key: string;
  month: string | null;
  assignee_id: string | null;
  due_at: number | null;
  created_at: number;
  assigned_at: number | null;
  accepted_at: number | null;
  completed_at: number | null;
  completed_by: string | null;
  outcome: string | null;
  note: string | null;
}

export const taskFromRow = (r: TaskRow): Task => ({
  id: r.id,
  kind: r.kind as TaskKind,
  reason: r.reason as TaskReason,
  status: r.status as TaskStatus,
  test: r.test === 1,
  elderId: r.elder_id,
  deviceId: r.device_id,
  alertId: r.alert_id,
  service: r.service as ServiceType | null,
  dedupKey: r.dedup_key,
  month: r.month,
  assigneeId: r.assignee_id,
  dueAt: r.due_at,
  createdAt: r.created_at,
  assignedAt: r.assigned_at,
  acceptedAt: r.accepted_at,
  completedAt: r.completed_at,
  completedBy: r.completed_by,
  outcome: r.outcome as TaskOutcome | null,
  note: r.note,
});

export const taskWithElderFromRow = (r: TaskRow & WithElderColumns): TaskWithElder => ({
  ...taskFromRow(r),
  elder: elderSummary(r),
  assignee: assigneeOf(r),
});

export const taskParams = (t: Task) => ({
  id: t.id,
  kind: t.kind,
  reason: t.reason,
  status: t.status,
  test: t.test ? 1 : 0,
  elder_id: t.elderId,
  device_id: t.deviceId,
  alert_id: t.alertId,
  service: t.service,
  dedup_key: t.dedupKey,
  month: t.month,
  assignee_id: t.assigneeId,
  due_at: t.dueAt,
  created_at: t.createdAt,
  assigned_at: t.assignedAt,
  accepted_at: t.acceptedAt,
  completed_at: t.completedAt,
  completed_by: t.completedBy,
  outcome: t.outcome,
  note: t.note,
});

export interface UserRow {
  id: string;
  username: string;
  display_name: string;
  password_hash: string;
  role: string;
  region_id: string;
  responder_kind: string | null;
  phone: string | null;
  on_duty: number;
  failed_logins: number;
  locked_until: number | null;
  created_at: number;
}

export const userFromRow = (r: UserRow): UserRecord => ({
  id: r.id,
  username: r.username,
  displayName: r.display_name,
  passwordHash: r.password_hash,
  role: r.role as UserRole,
  regionId: r.region_id,
  responderKind: r.responder_kind as ResponderKind | null,
  phone: r.phone,
  onDuty: r.on_duty === 1,
  failedLogins: r.failed_logins,
  lockedUntil: r.locked_until,
  createdAt: r.created_at,
});

export interface RegionRow {
  id: string;
  name: string;
  level: string;
  parent_id: string | null;
  path: string;
}

export const regionFromRow = (r: RegionRow): RegionRecord => ({
  id: r.id,
  name: r.name,
  level: r.level as RegionLevel,
  parentId: r.parent_id,
  path: r.path,
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
