import type { Store } from '../../../app/ports/store/store.port.js';
import { createPgActivity } from './activity.js';
import { createPgAlerts } from './alerts.js';
import { createPgAudit } from './audit.js';
import { createPgCalls } from './phone/calls.js';
import { createPgComplaints } from './phone/complaints.js';
import { migratePg, openPgPool, pgContext } from './connection.js';
import { createPgDeadLetters } from './dead-letters.js';
import { createPgDeadlines, createPgDecisions } from './decisions.js';
import { createPgDeviceCommands } from './device-commands.js';
import { createPgDevices } from './devices.js';
import { createPgElders } from './elders.js';
import { createPgElderImport } from './elder-import.js';
import { createPgHandover } from './handover.js';
import { createPgIntegrationTokens } from './phone/integration-tokens.js';
import { createPgOutbox } from './outbox.js';
import { createPgAccounts, createPgRegions, createPgUsers } from './people.js';
import { createPgReportReads } from './report-reads.js';
import { createPgTasks } from './tasks.js';
import { createPgVisitPolicy } from './visit-policy.js';

// The shared store (docs/decisions/0006-one-store-contract-two-engines.md): one PostgreSQL database behind several
// gateway instances, assembled from one part per port of app/ports/store/, each in the file of its concern (the same
// files as sqlite/). Each instance has its own pool; whatever two instances may do at once is settled in the database
// (decisions.ts), never in memory.

export async function createPgStore(url: string, options: { poolSize?: number; applicationName?: string } = {}): Promise<Store> {
  const pool = openPgPool(url, { max: options.poolSize ?? 10, ...(options.applicationName ? { applicationName: options.applicationName } : {}) });
  try {
    await migratePg(pool);
  } catch (err) {
    await pool.end();
    throw err;
  }
  const ctx = pgContext(pool);
  return {
    ...createPgRegions(ctx),
    ...createPgUsers(ctx),
    ...createPgAccounts(ctx),
    ...createPgAudit(ctx),
    ...createPgElders(ctx),
    ...createPgElderImport(ctx),
    ...createPgDevices(ctx),
    ...createPgDeviceCommands(ctx),
    ...createPgAlerts(ctx),
    ...createPgTasks(ctx),
    ...createPgDeadlines(ctx),
    ...createPgDecisions(ctx),
    ...createPgOutbox(ctx),
    ...createPgDeadLetters(ctx),
    ...createPgActivity(ctx),
    ...createPgCalls(ctx),
    ...createPgComplaints(ctx),
    ...createPgIntegrationTokens(ctx),
    ...createPgReportReads(ctx),
    ...createPgHandover(ctx),
    ...createPgVisitPolicy(ctx),
    async ping() {
      await pool.query('SELECT 1');
    },
    async close() {
      // Idempotent, as closing the SQLite store is: pg refuses a second end().
      if (!pool.ending) await pool.end();
    },
  };
}
