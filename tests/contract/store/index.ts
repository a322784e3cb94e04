import { accountStoreContract } from './accounts.contract.js';
import { activityStoreContract } from './activity.contract.js';
import { alertStoreContract } from './alerts.contract.js';
import { auditStoreContract } from './audit.contract.js';
import { callStoreContract } from './calls.contract.js';
import { careVisitStoreContract } from './care-visits.contract.js';
import { complaintStoreContract } from './complaints.contract.js';
import { deadLetterStoreContract } from './dead-letters.contract.js';
import { deadlineStoreContract } from './deadlines.contract.js';
import { decisionStoreContract } from './decisions.contract.js';
import { deviceCommandStoreContract } from './device-commands.contract.js';
import { deviceFilterStoreContract } from './device-filters.contract.js';
import { deviceStoreContract } from './devices.contract.js';
import { elderStoreContract } from './elders.contract.js';
import { elderImportStoreContract } from './elder-import.contract.js';
import { elderFilterStoreContract } from './elder-filters.contract.js';
import { handoverStoreContract } from './handover.contract.js';
import { integrationTokenStoreContract } from './integration-tokens.contract.js';
import { lifecycleStoreContract } from './lifecycle.contract.js';
import { listPagingStoreContract } from './list-paging.contract.js';
import { outboxStoreContract } from './outbox.contract.js';
import { regionStoreContract } from './regions.contract.js';
import { reportReadStoreContract } from './report-reads.contract.js';
import { taskStoreContract } from './tasks.contract.js';
import { userStoreContract } from './users.contract.js';
import type { OpenStore } from './setup.js';

// The one store contract (docs/decisions/0006-one-store-contract-two-engines.md), as a suite every engine must pass:
// one part per port of gateway/src/app/ports/store/ (the lifecycle part: StoreLifecycle in store.port.ts), each on a
// freshly opened and seeded store (setup.ts). Only the ports are used here, never an engine's internals. An engine's
// test file runs every part through storeContract, so a part added here runs on SQLite and on PostgreSQL alike.

export type { OpenStore };

export function storeContract(name: string, open: OpenStore): void {
  regionStoreContract(name, open);
  userStoreContract(name, open);
  accountStoreContract(name, open);
  auditStoreContract(name, open);
  elderStoreContract(name, open);
  elderImportStoreContract(name, open);
  elderFilterStoreContract(name, open);
  deviceStoreContract(name, open);
  deviceFilterStoreContract(name, open);
  deviceCommandStoreContract(name, open);
  alertStoreContract(name, open);
  taskStoreContract(name, open);
  listPagingStoreContract(name, open);
  deadlineStoreContract(name, open);
  decisionStoreContract(name, open);
  outboxStoreContract(name, open);
  deadLetterStoreContract(name, open);
  activityStoreContract(name, open);
  callStoreContract(name, open);
  complaintStoreContract(name, open);
  integrationTokenStoreContract(name, open);
  handoverStoreContract(name, open);
  reportReadStoreContract(name, open);
  careVisitStoreContract(name, open);
  lifecycleStoreContract(name, open);
}
