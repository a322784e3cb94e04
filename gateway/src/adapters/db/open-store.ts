import { join } from 'node:path';
import type { Store } from '../../app/ports/store/store.port.js';
import type { GatewayConfig } from '../../config.js';
import { createPgStore } from './pg/store.js';
import { createSqliteStore } from './sqlite/store.js';

// The one place that picks the store engine: PostgreSQL when DATABASE_URL is set, else the embedded SQLite file.

export async function openStore(config: GatewayConfig): Promise<Store> {
  if (config.DATABASE_URL) return createPgStore(config.DATABASE_URL, { poolSize: config.DATABASE_POOL_SIZE, applicationName: 'eldercare-gateway' });
  return createSqliteStore(join(config.DATA_DIR, 'gateway.sqlite'));
}
