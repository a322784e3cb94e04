import { PENDING_COMMAND_STATUSES } from '../../../../../schemas/index.js';
import type { DeviceCommandStore } from '../../../app/ports/store/device-commands.port.js';
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
import { insertOrConflict, type SqliteContext } from './connection.js';
import { inList } from './statements.js';

// Commands to devices in the embedded store (app/ports/store/device-commands.port.ts), on the alarms connection as
// the devices are: a command is an operator's act (often part of an alarm), and there are few of them. One gateway
// process owns the file, so each claim or move is one transaction nobody interleaves with; every move is still
// guarded by the status it comes from, as in PostgreSQL, so that the two engines answer alike.

const RETURNING = `RETURNING ${DEVICE_COMMAND_COLUMNS.join(', ')}`;
const PENDING = inList(PENDING_COMMAND_STATUSES);

export function createSqliteDeviceCommands({ alarms: db }: SqliteContext): DeviceCommandStore {
  const q = {
    insert: db.prepare(
      `INSERT INTO device_commands (${NEW_DEVICE_COMMAND_COLUMNS.join(', ')})
       VALUES (${NEW_DEVICE_COMMAND_COLUMNS.map(() => '?').join(', ')}) ${RETURNING}`,
    ),
    byId: db.prepare('SELECT * FROM device_commands WHERE id = ?'),
    claim: db.prepare(
      `UPDATE device_commands SET status = 'sent', sent_at = @now, send_count = send_count + 1
       WHERE device_id = @deviceId AND status = 'queued' AND expires_at > @now ${RETURNING}`,
    ),
    requeue: db.prepare(`UPDATE device_commands SET status = 'queued' WHERE device_id = ? AND status = 'sent'`),
    anyQueued: db.prepare(`SELECT 1 FROM device_commands WHERE device_id = ? AND status = 'queued' AND expires_at > ? LIMIT 1`),
    anySent: db.prepare(`SELECT 1 FROM device_commands WHERE device_id = ? AND status = 'sent' LIMIT 1`),
    due: db.prepare(`SELECT seq FROM device_commands WHERE status IN ${PENDING} AND expires_at <= ? ORDER BY expires_at, seq LIMIT ?`),
    expire: db.prepare(`UPDATE device_commands SET status = 'expired', finished_at = ? WHERE seq = ? AND status IN ${PENDING} ${RETURNING}`),
    nextDeadline: db.prepare(`SELECT min(expires_at) AS at FROM device_commands WHERE status IN ${PENDING}`),
  };

  // Each reads first and writes only what it found, as the outbox does: a device connecting or leaving while another
  // connection holds the write lock must not hold the event loop for busy_timeout when it has no commands at all.
  const claim = db.transaction((deviceId: string, now: number) =>
    q.anyQueued.get(deviceId, now) ? (q.claim.all({ deviceId, now }) as DeviceCommandRow[]) : [],
  );
  const expire = db.transaction((now: number, limit: number) =>
    (q.due.all(now, limit) as Array<{ seq: number }>).flatMap(({ seq }) => (q.expire.all(now, seq) as DeviceCommandRow[])),
  );

  return {
    async createDeviceCommand(command) {
      let row: DeviceCommandRow | undefined;
      insertOrConflict(() => (row = q.insert.get(...newDeviceCommandValues(command)) as DeviceCommandRow), `device command ${command.id} exists`);
      return deviceCommandFromRow(row!);
    },
    async getDeviceCommand(id) {
      const r = q.byId.get(id) as DeviceCommandRow | undefined;
      return r ? deviceCommandFromRow(r) : null;
    },
    async listDeviceCommands(filter) {
      const given = ([['device_id = ?', filter.deviceId], ['alert_id = ?', filter.alertId], ['seq < ?', filter.beforeSeq]] as const).filter(
        ([, value]) => value !== undefined,
      );
      const where = given.length ? `WHERE ${given.map(([clause]) => clause).join(' AND ')}` : '';
      const rows = db
        .prepare(`SELECT * FROM device_commands ${where} ORDER BY seq DESC LIMIT ?`)
        .all(...given.map(([, value]) => value), filter.limit) as DeviceCommandRow[];
      return rows.map(deviceCommandFromRow);
    },
    async claimQueuedDeviceCommands(deviceId, now) {
      return claim(deviceId, now).map(deviceCommandFromRow).sort(bySeq);
    },
    async transitionDeviceCommand(t) {
      if (t.from.length === 0) return null;
      const v = transitionValues(t);
      const row = db
        .prepare(
          `UPDATE device_commands SET status = ?,
             delivered_at = CASE WHEN ? THEN ? ELSE delivered_at END,
             finished_at = CASE WHEN ? THEN ? ELSE finished_at END,
             failure_reason = CASE WHEN ? THEN ? ELSE failure_reason END,
             result_data = CASE WHEN ? THEN ? ELSE result_data END
           WHERE id = ? AND status IN (${t.from.map(() => '?').join(', ')}) ${RETURNING}`,
        )
        .get(
          t.to,
          ...[v.setDelivered ? 1 : 0, t.at, v.setFinished ? 1 : 0, t.at, v.setFailure ? 1 : 0, v.failureReason, v.setResult ? 1 : 0, v.resultData],
          t.id,
          ...t.from,
        ) as DeviceCommandRow | undefined;
      return row ? deviceCommandFromRow(row) : null;
    },
    async requeueSentDeviceCommands(deviceId) {
      return q.anySent.get(deviceId) ? q.requeue.run(deviceId).changes : 0;
    },
    async expireDueDeviceCommands(now, limit) {
      return expire(now, limit).map(deviceCommandFromRow).sort(byDeadline);
    },
    async nextDeviceCommandDeadline() {
      return (q.nextDeadline.get() as { at: number | null }).at;
    },
  };
}
