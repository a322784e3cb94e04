import type { Store } from '../../../app/ports/store/store.port.js';
import { createSqliteActivity } from './activity.js';
import { createSqliteAlerts } from './alerts.js';
import { createSqliteAudit } from './audit.js';
import { createSqliteCalls } from './phone/calls.js';
import { createSqliteComplaints } from './phone/complaints.js';
import { migrateSqlite, openSqlite, type SqliteContext } from './connection.js';
import { createSqliteDeadLetters } from './dead-letters.js';
import { createSqliteDeadlines, createSqliteDecisions } from './decisions.js';
import { createSqliteDeviceCommands } from './device-commands.js';
import { createSqliteDevices } from './devices.js';
import { createSqliteElders } from './elders.js';
import { createSqliteElderImport } from './elder-import.js';
import { createSqliteHandover } from './handover.js';
import { createSqliteIntegrationTokens } from './phone/integration-tokens.js';
import { createSqliteOutbox } from './outbox.js';
import { createSqliteAccounts, createSqliteRegions, createSqliteUsers } from './people.js';
import { createSqliteReportReads } from './report-reads.js';
import { createSqliteTasks } from './tasks.js';
import { createSqliteVisitPolicy } from './visit-policy.js';

// The embedded store (docs/decisions/0006-one-store-contract-two-engines.md), assembled from one part per port of
// app/ports/store/, each in the file of its concern (the same files as pg/). Two connections to one WAL file:
// - `alarms` uses synchronous=FULL: a committed alert survives power loss before its PUBACK goes out;
// - `routine` uses synchronous=NORMAL for heartbeats, deadline moves and dead letters, which may lose the last
//   moments on power loss but are restated by the device's next message, so they need not pay an fsync each; and
//   for the notification outbox's claims and marks, whose loss only makes a notification due again.
// Notifications themselves are written by the commit, on the connection of their cause.
//
// better-sqlite3 is synchronous; the contract is async so that PostgreSQL fits behind it. async functions turn a
// thrown error into a rejection, which is what callers of the contract expect.

export function createSqliteStore(path: string): Store {
  const alarms = openSqlite(path, 'FULL');
  migrateSqlite(alarms);
  const routine = openSqlite(path, 'NORMAL');
  const ctx: SqliteContext = { alarms, routine };
  return {
    ...createSqliteRegions(ctx),
    ...createSqliteUsers(ctx),
    ...createSqliteAccounts(ctx),
    ...createSqliteAudit(ctx),
    ...createSqliteElders(ctx),
    ...createSqliteElderImport(ctx),
    ...createSqliteDevices(ctx),
    ...createSqliteDeviceCommands(ctx),
    ...createSqliteAlerts(ctx),
    ...createSqliteTasks(ctx),
    ...createSqliteDeadlines(ctx),
    ...createSqliteDecisions(ctx),
    ...createSqliteOutbox(ctx),
    ...createSqliteDeadLetters(ctx),
    ...createSqliteActivity(ctx),
    ...createSqliteCalls(ctx),
    ...createSqliteComplaints(ctx),
    ...createSqliteIntegrationTokens(ctx),
    ...createSqliteReportReads(ctx),
    ...createSqliteHandover(ctx),
    ...createSqliteVisitPolicy(ctx),
    async ping() {
      alarms.prepare('SELECT 1').get();
    },
    async close() {
      routine.close();
      alarms.close();
    },
  };
}
