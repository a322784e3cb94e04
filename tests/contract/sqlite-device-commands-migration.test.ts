import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openSqlite } from '../../gateway/src/adapters/db/sqlite/connection.js';
import { SQLITE_MIGRATIONS } from '../../gateway/src/adapters/db/sqlite/schema.js';
import { createSqliteStore } from '../../gateway/src/adapters/db/sqlite/store.js';
import { expectDevicesKeptAndCommandable, oldDeviceRows } from './device-commands-migration.contract.js';

// A file of a gateway from before commands to devices (issue 22), opened by this one
// (device-commands-migration.contract.ts says what both engines promise).

const DEVICE_COMMANDS = SQLITE_MIGRATIONS.findIndex((m) => typeof m === 'string' && m.includes('CREATE TABLE device_commands'));

let dir: string;
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function fileBeforeDeviceCommands(): string {
  dir = mkdtempSync(join(tmpdir(), 'sqlite-device-commands-'));
  const path = join(dir, 'gateway.db');
  const old = openSqlite(path, 'FULL');
  SQLITE_MIGRATIONS.slice(0, DEVICE_COMMANDS).forEach((m, i) => {
    old.exec(typeof m === 'string' ? m : m.rebuild);
    old.pragma(`user_version = ${i + 1}`);
  });
  old.exec(oldDeviceRows('1'));
  old.close();
  return path;
}

describe('the SQLite migration to commands to devices', () => {
  it('when a file with devices is opened, then each device is kept, in service and with no identity yet, and commands can be stored', async () => {
    expect(DEVICE_COMMANDS).toBeGreaterThan(0);
    const store = createSqliteStore(fileBeforeDeviceCommands());
    try {
      await expectDevicesKeptAndCommandable(store);
    } finally {
      await store.close();
    }
  });
});
