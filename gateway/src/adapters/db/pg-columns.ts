import type { DeviceRow, ElderRow, UserRow } from './store-registry-rows.js';
import type { AlertRow, AuditRow, DeadlineRow, DeviceEventRow, RegionRow, TaskRow, TimelineRow } from './store-rows.js';

// The PostgreSQL store's column lists over the rows both engines share (store-rows.ts, store-registry-rows.ts).
// Each `*_COLUMNS` list is the order of an INSERT's positional values, and what a named statement selects.

/** A row's values in the order of a column list, for a positional INSERT. */
export const valuesOf = <R>(row: R, columns: ReadonlyArray<keyof R>): unknown[] => columns.map((c) => row[c]);

/** The columns of an alert that never change after it is raised; every other one an update may set. */
const ALERT_FIXED = ['id', 'type', 'priority', 'test', 'elder_id', 'device_id', 'dedup_key', 'raised_at'] as const;

export const ALERT_MUTABLE_COLUMNS = [
  'status', 'last_seen_at', 'count', 'context', 'acknowledged_at', 'acknowledged_by', 'resolved_at', 'resolved_by',
  'resolution_note', 'cancelled_at', 'cleared_at', 'assignee_id', 'assigned_at', 'accepted_at', 'arrived_at',
  'escalation_level', 'late_arrival', 'hold_until', 'hold_reason', 'held_from', 'resolution_reason', 'declined_by',
  'raised_by', 'cancel_requested_at',
] as const satisfies ReadonlyArray<keyof AlertRow>;

export const ALERT_COLUMNS = [...ALERT_FIXED, ...ALERT_MUTABLE_COLUMNS] as const satisfies ReadonlyArray<keyof AlertRow>;

export const TIMELINE_COLUMNS = ['alert_id', 'at', 'action', 'actor', 'note'] as const satisfies ReadonlyArray<keyof TimelineRow>;

const TASK_FIXED = ['id', 'kind', 'reason', 'test', 'elder_id', 'device_id', 'alert_id', 'service', 'dedup_key', 'month', 'created_at'] as const;

export const TASK_MUTABLE_COLUMNS = [
  'status', 'assignee_id', 'due_at', 'assigned_at', 'accepted_at', 'completed_at', 'completed_by', 'outcome', 'note',
  'cause_cleared_at', 'cause_cleared_note',
] as const satisfies ReadonlyArray<keyof TaskRow>;

export const TASK_COLUMNS = [...TASK_FIXED, ...TASK_MUTABLE_COLUMNS] as const satisfies ReadonlyArray<keyof TaskRow>;

export const DEADLINE_COLUMNS = ['key', 'kind', 'elder_id', 'device_id', 'due_at', 'data'] as const satisfies ReadonlyArray<keyof DeadlineRow>;

export const DEVICE_EVENT_COLUMNS = [
  'device_id', 'elder_id', 'msg_id', 'type', 'device_ts', 'received_at', 'payload',
] as const satisfies ReadonlyArray<keyof DeviceEventRow>;

export const AUDIT_COLUMNS = ['at', 'actor', 'action', 'entity_type', 'entity_id', 'detail'] as const satisfies ReadonlyArray<keyof AuditRow>;

export const REGION_COLUMNS = ['id', 'name', 'level', 'parent_id', 'path'] as const satisfies ReadonlyArray<keyof RegionRow>;

export const USER_COLUMNS = [
  'id', 'username', 'display_name', 'password_hash', 'role', 'region_id', 'responder_kind', 'phone', 'on_duty',
  'disabled_at', 'created_at',
] as const satisfies ReadonlyArray<keyof UserRow>;

export const ELDER_COLUMNS = [
  'id', 'name', 'address', 'phone', 'region_id', 'contacts', 'medical_notes', 'access_notes', 'assigned_responder_ids',
  'risk_category', 'threshold_overrides', 'away_since', 'away_until', 'away_reason', 'created_at',
] as const satisfies ReadonlyArray<keyof ElderRow>;

export const DEVICE_COLUMNS = [
  'id', 'elder_id', 'kind', 'room', 'secret_hash', 'broker_password_hash', 'test_mode_until', 'online', 'battery',
  'last_seen_at', 'created_at',
] as const satisfies ReadonlyArray<keyof DeviceRow>;
