import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { migrateSqlite, openSqlite } from '../../gateway/src/adapters/db/sqlite/connection.js';
import { SQLITE_MIGRATIONS } from '../../gateway/src/adapters/db/sqlite/schema.js';

// A file made by an older gateway, taken through the migration that rebuilds the alerts table (an alert raised
// from a telephone call has no device): its alerts, their timelines and the constraints around them survive.

const REBUILD_INDEX = SQLITE_MIGRATIONS.findIndex((m) => typeof m !== 'string' && m.rebuild.includes('alerts_rebuilt'));

let dir: string;
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function fileBeforeTheRebuild(): Database.Database {
  dir = mkdtempSync(join(tmpdir(), 'sqlite-migration-'));
  const db = openSqlite(join(dir, 'gateway.db'), 'FULL');
  SQLITE_MIGRATIONS.slice(0, REBUILD_INDEX).forEach((m, i) => {
    db.exec(m as string);
    db.pragma(`user_version = ${i + 1}`);
  });
  db.exec(`
    INSERT INTO regions (id, name, level, parent_id, path) VALUES ('county', '县', 'county', NULL, '/county/')
      ON CONFLICT DO NOTHING;
    INSERT INTO elders (id, name, address, created_at) VALUES ('e1', '王奶奶', '幸福路 1 号', 0);
    INSERT INTO alerts (id, type, priority, status, elder_id, device_id, raised_at, last_seen_at, count, dedup_key, raised_by)
      VALUES ('a1', 'sos', 1, 'raised', 'e1', 'btn-1', 10, 10, 1, 'sos', '["btn-1"]');
    INSERT INTO alert_timeline (alert_id, at, action, actor, note) VALUES ('a1', 10, 'raised', 'device:btn-1', NULL);
  `);
  return db;
}

describe('the SQLite migration that lets an alert have no device', () => {
  it('when a file from before it is migrated, then its alerts and timelines are kept and device_id may be null', () => {
    expect(REBUILD_INDEX).toBeGreaterThan(0);
    const db = fileBeforeTheRebuild();

    migrateSqlite(db);

    expect(db.pragma('user_version', { simple: true })).toBe(SQLITE_MIGRATIONS.length);
    expect(db.prepare('SELECT id, device_id, raised_by FROM alerts').all()).toEqual([{ id: 'a1', device_id: 'btn-1', raised_by: '["btn-1"]' }]);
    expect(db.prepare('SELECT alert_id, action FROM alert_timeline').all()).toEqual([{ alert_id: 'a1', action: 'raised' }]);
    db.prepare(
      `INSERT INTO alerts (id, type, priority, status, elder_id, device_id, raised_at, last_seen_at, count, dedup_key)
       VALUES ('a2', 'phone_emergency', 1, 'raised', 'e1', NULL, 20, 20, 1, 'phone_emergency')`,
    ).run();
    expect(db.prepare("SELECT device_id FROM alerts WHERE id = 'a2'").get()).toEqual({ device_id: null });
    db.close();
  });

  it('when the migration has run, then foreign keys, the one-open-alert index and the append-only timeline still hold', () => {
    const db = fileBeforeTheRebuild();
    migrateSqlite(db);

    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(() => db.prepare("INSERT INTO alert_timeline (alert_id, at, action, actor) VALUES ('nobody', 1, 'noted', 'x')").run()).toThrow(/FOREIGN KEY/);
    expect(() =>
      db
        .prepare(
          `INSERT INTO alerts (id, type, priority, status, elder_id, device_id, raised_at, last_seen_at, count, dedup_key)
           VALUES ('a3', 'sos', 1, 'raised', 'e1', 'btn-2', 30, 30, 1, 'sos')`,
        )
        .run(),
    ).toThrow(/UNIQUE/);
    expect(() => db.prepare("DELETE FROM alert_timeline WHERE alert_id = 'a1'").run()).toThrow(/append-only/);
    const indexes = db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'alerts' AND sql IS NOT NULL ORDER BY name").all();
    expect(indexes).toEqual([{ name: 'alerts_by_assignee' }, { name: 'alerts_by_raised_at' }, { name: 'alerts_by_status' }, { name: 'alerts_one_open_per_elder_key_v3' }]);
    db.close();
  });
});
