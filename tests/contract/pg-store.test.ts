import { afterAll, beforeAll, describe } from 'vitest';
import { createPgStore } from '../../gateway/src/adapters/db/pg/store.js';
import { postgresMissing, startPostgres, type PostgresCluster } from '../support/postgres.js';
import { storeContract } from './store/index.js';

// The PostgreSQL store against every part of the store contract (store/index.ts): one throwaway cluster for the file, a fresh database per test.

describe.skipIf(postgresMissing())('PostgreSQL store', () => {
  let cluster: PostgresCluster;
  beforeAll(async () => {
    cluster = await startPostgres();
  });
  afterAll(async () => {
    await cluster?.stop();
  });

  storeContract('PostgreSQL', async () => {
    const store = await createPgStore(await cluster.newDatabase(), { poolSize: 2, applicationName: 'store-contract' });
    return { store, dispose: () => store.close() };
  });
});
