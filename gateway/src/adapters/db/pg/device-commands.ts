import { PENDING_COMMAND_STATUSES } from '../../../../../schemas/index.js';
import type { DeviceCommandStore } from '../../../app/ports/store/device-commands.port.js';
import { StoreConflictError } from '../../../app/ports/store/store.port.js';
import {
  byDeadline,
  bySeq,
  DEVICE_COMMAND_COLUMNS,
  deviceCommandFromRow,
  NEW_DEVICE_COMMAND_COLUMNS,
  newDeviceCommandValues,
  transitionValues,
  type DeviceCommandRow,
} from '../rows/device-command-rows.js';
import { isUniqueViolation, type PgContext } from './connection.js';
import { columnList, inList, insertInto, named } from './statements.js';

// Commands to devices on the shared database (app/ports/store/device-commands.port.ts). Several instances may send:
// the one a device is connected to claims its queue when it connects, the one an operator asked sends at once when
// the device is its own. Every move is one guarded statement, so a command is sent, finished or expired once.
//
// A claim locks the device's queued commands FOR UPDATE in seq order and marks them sent in the same statement. A
// second claimant of the same device waits for the first to commit, then finds the rows no longer queued and takes
// none: the first takes the whole queue and publishes it in order. (SKIP LOCKED would let the second take the rows
// the first had not locked yet, and two instances would publish one device's commands interleaved.) The expiry
// sweep does skip locked rows: a row locked is being moved by someone else, and the next sweep sees what it became.

const COLUMNS = columnList(DEVICE_COMMAND_COLUMNS);
const RETURNING = `RETURNING ${columnList(DEVICE_COMMAND_COLUMNS, 'c')}`;
const PENDING = inList(PENDING_COMMAND_STATUSES);

const q = {
  insert: named('insert-device-command', `${insertInto('device_commands', NEW_DEVICE_COMMAND_COLUMNS)} RETURNING ${COLUMNS}`),
  byId: named('device-command-by-id', `SELECT ${COLUMNS} FROM device_commands WHERE id = $1`),
  claim: named(
    'claim-device-commands',
    `UPDATE device_commands c SET status = 'sent', sent_at = $2, send_count = c.send_count + 1
     FROM (SELECT seq FROM device_commands WHERE device_id = $1 AND status = 'queued' AND expires_at > $2
           ORDER BY seq FOR UPDATE) AS queued
     WHERE c.seq = queued.seq AND c.status = 'queued'
     ${RETURNING}`,
  ),
  transition: named(
    'transition-device-command',
    `UPDATE device_commands c SET status = $2,
       delivered_at = CASE WHEN $3::boolean THEN $4::bigint ELSE c.delivered_at END,
       finished_at = CASE WHEN $5::boolean THEN $4::bigint ELSE c.finished_at END,
       failure_reason = CASE WHEN $6::boolean THEN $7::text ELSE c.failure_reason END,
       result_data = CASE WHEN $8::boolean THEN $9::text ELSE c.result_data END
     WHERE c.id = $1 AND c.status = ANY($10::text[])
     ${RETURNING}`,
  ),
  requeue: named('requeue-sent-device-commands', `UPDATE device_commands SET status = 'queued' WHERE device_id = $1 AND status = 'sent'`),
  expire: named(
    'expire-device-commands',
    `UPDATE device_commands c SET status = 'expired', finished_at = $1
     FROM (SELECT seq FROM device_commands WHERE status IN ${PENDING} AND expires_at <= $1
           ORDER BY expires_at, seq LIMIT $2 FOR UPDATE SKIP LOCKED) AS due
     WHERE c.seq = due.seq AND c.status IN ${PENDING}
     ${RETURNING}`,
  ),
  nextDeadline: named('next-device-command-deadline', `SELECT min(expires_at) AS at FROM device_commands WHERE status IN ${PENDING}`),
};

export function createPgDeviceCommands({ pool, rows, first, changes }: PgContext): DeviceCommandStore {
  return {
    async createDeviceCommand(command) {
      try {
        return deviceCommandFromRow((await pool.query<DeviceCommandRow>(q.insert(...newDeviceCommandValues(command)))).rows[0]!);
      } catch (err) {
        if (isUniqueViolation(err)) throw new StoreConflictError(`device command ${command.id} exists`);
        throw err;
      }
    },
    async getDeviceCommand(id) {
      const r = await first<DeviceCommandRow>(q.byId(id));
      return r ? deviceCommandFromRow(r) : null;
    },
    async listDeviceCommands(filter) {
      const given = ([['device_id', filter.deviceId], ['alert_id', filter.alertId]] as const).filter(([, value]) => value !== undefined);
      const values: unknown[] = given.map(([, value]) => value);
      const clauses = given.map(([column], i) => `${column} = $${i + 1}`);
      if (filter.beforeSeq !== undefined) clauses.push(`seq < $${values.push(filter.beforeSeq)}::bigint`);
      const where = clauses.length ? `WHERE ${clauses.join(' AND ')}` : '';
      const text = `SELECT ${COLUMNS} FROM device_commands ${where} ORDER BY seq DESC LIMIT $${values.push(filter.limit)}`;
      return (await pool.query<DeviceCommandRow>(text, values)).rows.map(deviceCommandFromRow);
    },
    async claimQueuedDeviceCommands(deviceId, now) {
      return (await rows<DeviceCommandRow>(q.claim(deviceId, now))).map(deviceCommandFromRow).sort(bySeq);
    },
    async transitionDeviceCommand(t) {
      if (t.from.length === 0) return null;
      const v = transitionValues(t);
      const r = await first<DeviceCommandRow>(
        q.transition(t.id, t.to, v.setDelivered, t.at, v.setFinished, v.setFailure, v.failureReason, v.setResult, v.resultData, [...t.from]),
      );
      return r ? deviceCommandFromRow(r) : null;
    },
    requeueSentDeviceCommands: (deviceId) => changes(q.requeue(deviceId)),
    async expireDueDeviceCommands(now, limit) {
      return (await rows<DeviceCommandRow>(q.expire(now, limit))).map(deviceCommandFromRow).sort(byDeadline);
    },
    async nextDeviceCommandDeadline() {
      return (await first<{ at: number | null }>(q.nextDeadline()))?.at ?? null;
    },
  };
}
