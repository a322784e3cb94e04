import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { PG_MIGRATIONS } from '../../gateway/src/adapters/db/pg/schema.js';
import { createPgStore } from '../../gateway/src/adapters/db/pg/store.js';
import { expectDevicesKeptAndCommandable, oldDeviceRows } from './device-commands-migration.contract.js';
import { postgresMissing, startPostgres, type PostgresCluster } from '../support/postgres.js';

// A database of a gateway from before commands to devices (issue 22), opened by this one
// (device-commands-migration.contract.ts says what both engines promise).

const DEVICE_COMMANDS = PG_MIGRATIONS.findIndex((m) => m.includes('CREATE TABLE device_commands'));

describe.skipIf(postgresMissing())('the PostgreSQL migration to commands to devices', () => {
  let cluster: PostgresCluster;
  beforeAll(async () => {
    cluster = await startPostgres();
  });
  afterAll(async () => {
    await cluster?.stop();
  });

  it('when a database with devices is opened, then each device is kept, in service and with no identity yet, and commands can be stored', async () => {
    expect(DEVICE_COMMANDS).toBeGreaterThan(0);
    const url = await cluster.newDatabase();
    const old = new pg.Client({ connectionString: url });
    await old.connect();
    await old.query('CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, applied_at BIGINT NOT NULL)');
    for (const [i, migration] of PG_MIGRATIONS.slice(0, DEVICE_COMMANDS).entries()) {
      await old.query(migration);
      await old.query('INSERT INTO schema_migrations (version, applied_at) VALUES ($1, 0)', [i + 1]);
    }
    await old.query(oldDeviceRows('true'));
    await old.end();

    const store = await createPgStore(url, { poolSize: 2 });
    onTestFinished(() => store.close());
    await expectDevicesKeptAndCommandable(store);
  });
});
