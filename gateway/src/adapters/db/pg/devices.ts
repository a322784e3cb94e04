import type pg from 'pg';
import type { DeviceRecord, DeviceStore } from '../../../app/ports/store/devices.port.js';
import { StoreConflictError } from '../../../app/ports/store/store.port.js';
import { deviceFromRow, deviceToRow, type DeviceRow } from '../rows/store-registry-rows.js';
import { deviceEventFromRow, type DeviceEventRow } from '../rows/store-rows.js';
import { inTransaction, insertOrConflict, isUniqueViolation, type PgContext } from './connection.js';
import { deviceFilter } from './list-filter.js';
import { columnList, DEVICE_COLUMNS, DEVICE_EVENT_COLUMNS, insertInto, named, valuesOf } from './statements.js';

// The devices and the events they sent in the shared store (app/ports/store/devices.port.ts). Presence and new events
// are written by the decision commit (decisions.ts).

const q = {
  insert: named('insert-device', insertInto('devices', DEVICE_COLUMNS)),
  byId: named('device-by-id', `SELECT ${columnList(DEVICE_COLUMNS)} FROM devices WHERE id = $1`),
  all: named('all-devices', `SELECT ${columnList(DEVICE_COLUMNS)} FROM devices ORDER BY id`),
  setTestMode: named('set-test-mode', 'UPDATE devices SET test_mode_until = $1 WHERE id = $2'),
  setSecret: named('set-device-secret', 'UPDATE devices SET secret_hash = $1, broker_password_hash = $2 WHERE id = $3'),
  // A device retired once stays retired from then: retiring it again changes nothing.
  retire: named('retire-device', 'UPDATE devices SET retired_at = $1, replaced_by = $2 WHERE id = $3 AND retired_at IS NULL'),
  move: named('move-device', 'UPDATE devices SET elder_id = $1, room = $2 WHERE id = $3'),
  setIdentity: named('set-device-identity', 'UPDATE devices SET firmware = coalesce($1, firmware), model = coalesce($2, model) WHERE id = $3'),
  events: named('device-events', `SELECT ${columnList(DEVICE_EVENT_COLUMNS)} FROM device_events WHERE device_id = $1 ORDER BY seq DESC LIMIT $2`),
};

/** Inserts on a transaction's connection; a unique violation becomes the contract's conflict (and rolls it all back). */
async function insertIn(client: pg.PoolClient, d: DeviceRecord): Promise<void> {
  try {
    await client.query(q.insert(...valuesOf(deviceToRow(d), DEVICE_COLUMNS)));
  } catch (err) {
    if (isUniqueViolation(err)) throw new StoreConflictError(`device ${d.id} exists`);
    throw err;
  }
}

export function createPgDevices({ pool, rows, first }: PgContext): DeviceStore {
  return {
    async createDevice(d) {
      await insertOrConflict(pool, q.insert(...valuesOf(deviceToRow(d), DEVICE_COLUMNS)), `device ${d.id} exists`);
    },
    async createDevices(devices) {
      await inTransaction(pool, 'BEGIN', async (client) => {
        for (const d of devices) await insertIn(client, d);
      });
    },
    async getDevice(id) {
      const r = await first<DeviceRow>(q.byId(id));
      return r ? deviceFromRow(r) : null;
    },
    async listDevices(filter) {
      // No filter at all is the registry loading every device, the retired ones too (they must be refused by name).
      if (filter === undefined) return (await rows<DeviceRow>(q.all())).map(deviceFromRow);
      const { where, values } = deviceFilter(filter);
      const text = `SELECT ${columnList(DEVICE_COLUMNS, 'd')} FROM devices d JOIN elders e ON e.id = d.elder_id
        JOIN regions r ON r.id = e.region_id ${where} ORDER BY d.id LIMIT $${values.length + 1}`;
      return (await pool.query<DeviceRow>(text, [...values, filter.limit ?? null])).rows.map(deviceFromRow);
    },
    async setDeviceTestMode(id, until) {
      await pool.query(q.setTestMode(until, id));
    },
    async setDeviceSecret(id, hashes) {
      await pool.query(q.setSecret(hashes.secretHash, hashes.brokerPasswordHash, id));
    },
    async retireDevice(id, at, replacedBy) {
      await pool.query(q.retire(at, replacedBy, id));
    },
    async replaceDevice(oldId, replacement, at) {
      await inTransaction(pool, 'BEGIN', async (client) => {
        await insertIn(client, replacement);
        // The guard holds against a concurrent retirement too: the second writer waits, then finds it retired.
        if (((await client.query(q.retire(at, replacement.id, oldId))).rowCount ?? 0) === 0) throw new StoreConflictError(`device ${oldId} is not in service`);
      });
    },
    async moveDevice(id, to) {
      await pool.query(q.move(to.elderId, to.room, id));
    },
    async setDeviceIdentities(identities) {
      if (identities.length === 0) return;
      await inTransaction(pool, 'BEGIN', async (client) => {
        for (const i of identities) await client.query(q.setIdentity(i.firmware, i.model, i.id));
      });
    },
    async listDeviceEvents(deviceId, limit) {
      return (await rows<DeviceEventRow>(q.events(deviceId, limit))).map(deviceEventFromRow);
    },
  };
}
