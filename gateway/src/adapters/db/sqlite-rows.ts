import type { AlertStatus, AlertType, DeviceKind, Priority } from '../../../../schemas/index.js';
import type { Alert, TimelineAction, TimelineEntry } from '../../core/alert.js';
import type { AlertWithElder, DeviceRecord, ElderRecord } from '../../app/store.port.js';

// Row shapes as SQLite returns them, and their mapping to records. Kept apart from the queries.

export interface AlertRow {
  id: string;
  type: string;
  priority: number;
  status: string;
  elder_id: string;
  device_id: string;
  raised_at: number;
  last_seen_at: number;
  count: number;
  acknowledged_at: number | null;
  acknowledged_by: string | null;
  resolved_at: number | null;
  resolved_by: string | null;
  resolution_note: string | null;
  cancelled_at: number | null;
}

export interface AlertWithElderRow extends AlertRow {
  elder_name: string;
  elder_address: string;
}

export const alertFromRow = (r: AlertRow): Alert => ({
  id: r.id,
  type: r.type as AlertType,
  priority: r.priority as Priority,
  status: r.status as AlertStatus,
  elderId: r.elder_id,
  deviceId: r.device_id,
  raisedAt: r.raised_at,
  lastSeenAt: r.last_seen_at,
  count: r.count,
  acknowledgedAt: r.acknowledged_at,
  acknowledgedBy: r.acknowledged_by,
  resolvedAt: r.resolved_at,
  resolvedBy: r.resolved_by,
  resolutionNote: r.resolution_note,
  cancelledAt: r.cancelled_at,
});

export const alertWithElderFromRow = (r: AlertWithElderRow): AlertWithElder => ({
  ...alertFromRow(r),
  elder: { id: r.elder_id, name: r.elder_name, address: r.elder_address },
});

/** Named parameters for inserting or updating an alert row. */
export const alertParams = (a: Alert) => ({
  id: a.id,
  type: a.type,
  priority: a.priority,
  status: a.status,
  elder_id: a.elderId,
  device_id: a.deviceId,
  raised_at: a.raisedAt,
  last_seen_at: a.lastSeenAt,
  count: a.count,
  acknowledged_at: a.acknowledgedAt,
  acknowledged_by: a.acknowledgedBy,
  resolved_at: a.resolvedAt,
  resolved_by: a.resolvedBy,
  resolution_note: a.resolutionNote,
  cancelled_at: a.cancelledAt,
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
  secret_hash: string;
  online: number;
  battery: number | null;
  last_seen_at: number | null;
  created_at: number;
}

export const deviceFromRow = (r: DeviceRow): DeviceRecord => ({
  id: r.id,
  elderId: r.elder_id,
  kind: r.kind as DeviceKind,
  secretHash: r.secret_hash,
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
  created_at: number;
}

export const elderFromRow = (r: ElderRow): ElderRecord => ({
  id: r.id,
  name: r.name,
  address: r.address,
  phone: r.phone,
  createdAt: r.created_at,
});
