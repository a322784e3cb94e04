import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSqliteStore } from '../../gateway/src/adapters/db/sqlite/store.js';
import { storeContract } from './store/index.js';

// The SQLite store against every part of the store contract (store/index.ts), on a real file.

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
