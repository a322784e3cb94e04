import type { DeviceRecord, DeviceStore } from '../../../app/ports/store/devices.port.js';
import { StoreConflictError } from '../../../app/ports/store/store.port.js';
import { deviceFromRow, type DeviceRow } from '../rows/store-registry-rows.js';
import { deviceEventFromRow, type DeviceEventRow } from '../rows/store-rows.js';
import { insertOrConflict, type SqliteContext } from './connection.js';
import { deviceFilter } from './list-filter.js';

// The devices and the events they sent in the embedded store (app/ports/store/devices.port.ts), on the alarms
// connection. Presence and new events are written by the decision commit (decisions.ts).

export function createSqliteDevices({ alarms }: SqliteContext): DeviceStore {
  const q = {
    insert: alarms.prepare(
      `INSERT INTO devices (id, elder_id, kind, room, secret_hash, broker_password_hash, test_mode_until, online, battery,
         last_seen_at, created_at, firmware, model, retired_at, replaced_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    byId: alarms.prepare('SELECT * FROM devices WHERE id = ?'),
    all: alarms.prepare('SELECT * FROM devices ORDER BY id'),
    setTestMode: alarms.prepare('UPDATE devices SET test_mode_until = ? WHERE id = ?'),
    setSecret: alarms.prepare('UPDATE devices SET secret_hash = ?, broker_password_hash = ? WHERE id = ?'),
    // A device retired once stays retired from then: retiring it again changes nothing.
    retire: alarms.prepare('UPDATE devices SET retired_at = ?, replaced_by = ? WHERE id = ? AND retired_at IS NULL'),
    move: alarms.prepare('UPDATE devices SET elder_id = ?, room = ? WHERE id = ?'),
    setIdentity: alarms.prepare('UPDATE devices SET firmware = coalesce(?, firmware), model = coalesce(?, model) WHERE id = ?'),
    events: alarms.prepare('SELECT * FROM device_events WHERE device_id = ? ORDER BY seq DESC LIMIT ?'),
  };
  const insert = (d: DeviceRecord) =>
    insertOrConflict(
      () =>
        q.insert.run(
          d.id, d.elderId, d.kind, d.room, d.secretHash, d.brokerPasswordHash, d.testModeUntil, d.online ? 1 : 0, d.battery,
          d.lastSeenAt, d.createdAt, d.firmware, d.model, d.retiredAt, d.replacedBy,
        ),
      `device ${d.id} exists`,
    );
  // A thrown error rolls the whole transaction back: all the devices or none.
  const setIdentities = alarms.transaction((identities: ReadonlyArray<{ id: string; firmware: string | null; model: string | null }>) =>
    identities.forEach((i) => q.setIdentity.run(i.firmware, i.model, i.id)),
  );
  const insertAll = alarms.transaction((devices: DeviceRecord[]) => devices.forEach(insert));
  const replace = alarms.transaction((oldId: string, replacement: DeviceRecord, at: number) => {
    insert(replacement);
    if (q.retire.run(at, replacement.id, oldId).changes === 0) throw new StoreConflictError(`device ${oldId} is not in service`);
  });

  return {
    async createDevice(d) {
      insert(d);
    },
    async createDevices(devices) {
      insertAll(devices);
    },
    async getDevice(id) {
      const r = q.byId.get(id) as DeviceRow | undefined;
      return r ? deviceFromRow(r) : null;
    },
    async listDevices(filter) {
      // No filter at all is the registry loading every device, the retired ones too (they must be refused by name).
      if (filter === undefined) return (q.all.all() as DeviceRow[]).map(deviceFromRow);
      const { where, params } = deviceFilter(filter);
      const rows = alarms
        .prepare(`SELECT d.* FROM devices d JOIN elders e ON e.id = d.elder_id JOIN regions r ON r.id = e.region_id ${where} ORDER BY d.id LIMIT ?`)
        .all(...params, filter.limit ?? -1) as DeviceRow[];
      return rows.map(deviceFromRow);
    },
    async setDeviceTestMode(id, until) {
      q.setTestMode.run(until, id);
    },
    async setDeviceSecret(id, hashes) {
      q.setSecret.run(hashes.secretHash, hashes.brokerPasswordHash, id);
    },
    async retireDevice(id, at, replacedBy) {
      q.retire.run(at, replacedBy, id);
    },
    async replaceDevice(oldId, replacement, at) {
      replace(oldId, replacement, at);
    },
    async moveDevice(id, to) {
      q.move.run(to.elderId, to.room, id);
    },
    async setDeviceIdentities(identities) {
      setIdentities(identities);
    },
    async listDeviceEvents(deviceId, limit) {
      return (q.events.all(deviceId, limit) as DeviceEventRow[]).map(deviceEventFromRow);
    },
  };
}
