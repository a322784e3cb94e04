import type {
  AlertContext,
  AlertStatus,
  AlertType,
  DeviceKind,
  Priority,
  RiskCategory,
  ServiceType,
  TaskKind,
  TaskReason,
  TaskStatus,
  ThresholdOverrides,
} from '../../../../schemas/index.js';
import type { Alert, TimelineAction, TimelineEntry } from '../../core/alert.js';
import type { Deadline, DeadlineData, DeadlineKind } from '../../core/deadline.js';
import type { Task } from '../../core/task.js';
import type { AlertWithElder, DeviceEventRecord, DeviceRecord, ElderRecord, TaskWithElder } from '../../app/store.port.js';

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
}

export interface WithElderColumns {
  elder_name: string;
  elder_address: string;
}

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
});

export const alertWithElderFromRow = (r: AlertRow & WithElderColumns): AlertWithElder => ({
  ...alertFromRow(r),
  elder: { id: r.elder_id, name: r.elder_name, address: r.elder_address },
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
  created_at: number;
  completed_at: number | null;
  completed_by: string | null;
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
  createdAt: r.created_at,
  completedAt: r.completed_at,
  completedBy: r.completed_by,
  note: r.note,
});

export const taskWithElderFromRow = (r: TaskRow & WithElderColumns): TaskWithElder => ({
  ...taskFromRow(r),
  elder: { id: r.elder_id, name: r.elder_name, address: r.elder_address },
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
  created_at: t.createdAt,
  completed_at: t.completedAt,
  completed_by: t.completedBy,
  note: t.note,
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
