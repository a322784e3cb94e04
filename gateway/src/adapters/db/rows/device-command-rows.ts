import type { DeviceCommandStatus, DeviceCommandType } from '../../../../../schemas/index.js';
import type { DeviceCommandRecord, DeviceCommandTransition, NewDeviceCommand } from '../../../app/ports/store/device-commands.port.js';

// The rows of commands to devices (app/ports/store/device-commands.port.ts), the same in both engines: parameters
// and result data are JSON text the gateway wrote itself, so they are parsed back without checks.

export interface DeviceCommandRow {
  seq: number;
  id: string;
  device_id: string;
  elder_id: string;
  alert_id: string | null;
  type: string;
  parameters: string;
  status: string;
  created_by: string;
  created_at: number;
  expires_at: number;
  sent_at: number | null;
  delivered_at: number | null;
  finished_at: number | null;
  send_count: number;
  failure_reason: string | null;
  result_data: string | null;
}

/** Every column, in the order a SELECT or a RETURNING lists them. */
export const DEVICE_COMMAND_COLUMNS = [
  'seq', 'id', 'device_id', 'elder_id', 'alert_id', 'type', 'parameters', 'status', 'created_by', 'created_at',
  'expires_at', 'sent_at', 'delivered_at', 'finished_at', 'send_count', 'failure_reason', 'result_data',
] as const satisfies ReadonlyArray<keyof DeviceCommandRow>;

/** The columns a new command is inserted with (the rest take their defaults: no times yet, sent 0 times). */
export const NEW_DEVICE_COMMAND_COLUMNS = [
  'id', 'device_id', 'elder_id', 'alert_id', 'type', 'parameters', 'status', 'created_by', 'created_at', 'expires_at',
] as const satisfies ReadonlyArray<keyof DeviceCommandRow>;

/** The values of NEW_DEVICE_COMMAND_COLUMNS, in their order: a new command is queued. */
export const newDeviceCommandValues = (c: NewDeviceCommand): unknown[] => [
  c.id,
  c.deviceId,
  c.elderId,
  c.alertId,
  c.type,
  JSON.stringify(c.parameters),
  'queued' satisfies DeviceCommandStatus,
  c.createdBy,
  c.createdAt,
  c.expiresAt,
];

/** The statuses that end a command: the time they are reached is its finished_at. */
const FINISHING: readonly DeviceCommandStatus[] = ['done', 'failed', 'expired'];

/**
 * What a transition writes besides the status, as flags and values for one guarded UPDATE in either engine:
 * each `set_*` says whether its column takes the value beside it or keeps its own.
 */
export const transitionValues = (t: DeviceCommandTransition) => ({
  setDelivered: t.to === 'delivered',
  setFinished: FINISHING.includes(t.to),
  setFailure: t.failureReason !== undefined,
  failureReason: t.failureReason ?? null,
  setResult: t.resultData !== undefined,
  resultData: t.resultData == null ? null : JSON.stringify(t.resultData),
});

export const deviceCommandFromRow = (r: DeviceCommandRow): DeviceCommandRecord => ({
  id: r.id,
  deviceId: r.device_id,
  elderId: r.elder_id,
  alertId: r.alert_id,
  type: r.type as DeviceCommandType,
  parameters: JSON.parse(r.parameters) as Record<string, unknown>,
  status: r.status as DeviceCommandStatus,
  createdBy: r.created_by,
  createdAt: r.created_at,
  expiresAt: r.expires_at,
  sentAt: r.sent_at,
  deliveredAt: r.delivered_at,
  finishedAt: r.finished_at,
  sendCount: r.send_count,
  failureReason: r.failure_reason,
  resultData: r.result_data === null ? null : (JSON.parse(r.result_data) as Record<string, unknown>),
  seq: r.seq,
});

/** In the store's order of creation: RETURNING gives rows in no particular order. */
export const bySeq = (a: DeviceCommandRecord, b: DeviceCommandRecord): number => a.seq - b.seq;

/** Earliest deadline first, then the order of creation. */
export const byDeadline = (a: DeviceCommandRecord, b: DeviceCommandRecord): number => a.expiresAt - b.expiresAt || a.seq - b.seq;
