import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSqliteStore } from '../../gateway/src/adapters/db/sqlite-store.js';
import { storeContract } from './store.contract.js';

// The SQLite store against the store contract, on a real file.

storeContract('SQLite', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'store-contract-'));
  const store = createSqliteStore(join(dir, 'gateway.sqlite'));
  return {
    store,
    async dispose() {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});
