import { requireInScope, type Access } from '../access.js';
import type { RegionDirectory } from './region-directory.js';
import { AppError } from '../errors.js';
import type { ElderRecord, ElderStore } from '../ports/store/elders.port.js';

// The one check of "may this person see this elder by region", for the registry and for managing devices: the
// elder exists (ELDER_NOT_FOUND) and the person's region contains the elder's (FORBIDDEN_REGION otherwise).

export function elderInScope(deps: { store: Pick<ElderStore, 'getElder'>; regions: RegionDirectory }) {
  const { store, regions } = deps;
  return async function elder(access: Access, id: string): Promise<ElderRecord> {
    const record = await store.getElder(id);
    if (!record) throw new AppError('ELDER_NOT_FOUND');
    requireInScope(access, regions.pathOf(record.regionId) ?? '');
    return record;
  };
}
