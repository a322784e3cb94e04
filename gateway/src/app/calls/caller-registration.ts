import type { CareDirectory } from '../directories/care-directory.js';
import type { ElderLookupIndex } from '../directories/elder-lookup-index.js';
import type { ClusterLink } from '../ports/cluster.port.js';
import type { AuditStore } from '../ports/store/audit.port.js';
import type { ElderRecord, ElderStore } from '../ports/store/elders.port.js';

// A caller nobody knew, registered from what the call recorded: the quick registration the desk makes while the
// caller is still on the line. The rest of the record (contacts, care profile, devices) is filled in later through
// the registry. Stored, audited and mirrored in the care directory as registration.service.ts does for any new
// elder (care directory, lookup index), so the rules and the desks know the elder at once, and find them by number
// the next time they ring, on every instance.

export interface NewCaller {
  name: string;
  address: string;
  phone: string | null;
  regionId: string;
}

export async function registerCaller(
  deps: { store: ElderStore & AuditStore; directory: CareDirectory; lookup: ElderLookupIndex; cluster: ClusterLink; clock: () => number; newId: () => string },
  caller: NewCaller,
  audit: { actor: string; callId: string },
): Promise<ElderRecord> {
  const record: ElderRecord = {
    id: deps.newId(),
    name: caller.name,
    address: caller.address,
    phone: caller.phone,
    idNumber: null,
    regionId: caller.regionId,
    contacts: [],
    medicalNotes: '',
    accessNotes: '',
    assignedResponderIds: [],
    riskCategory: 'general',
    thresholdOverrides: {},
    away: null,
    createdAt: deps.clock(),
  };
  await deps.store.createElder(record);
  await deps.store.appendAudit({ at: record.createdAt, actor: audit.actor, action: 'created', entityType: 'elder', entityId: record.id, detail: { regionId: record.regionId, fromCall: audit.callId } });
  deps.directory.putElder(record);
  deps.lookup.put(record);
  deps.cluster.publish({ kind: 'reload', entity: 'elder', id: record.id });
  return record;
}
