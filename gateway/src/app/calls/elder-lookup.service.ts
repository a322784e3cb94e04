import type { ElderLookupItem } from '../../../../schemas/index.js';
import { DESK_ROLES, inScope, requireRole, type Access } from '../access.js';
import type { ElderLookupIndex } from '../directories/elder-lookup-index.js';
import type { RegionDirectory } from '../directories/region-directory.js';

// Finding the caller: the desk types a number, a name, an address or the end of an ID number while the phone rings,
// and sees the elders it can mean, best first, only in the operator's own region. Answered from memory
// (elder-lookup-index.ts): the store is not read while somebody waits on the line.

export function createElderLookupService(deps: { index: ElderLookupIndex; regions: RegionDirectory }) {
  const { index, regions } = deps;
  return {
    lookup(access: Access, query: { q: string; limit: number }): ElderLookupItem[] {
      requireRole(access, DESK_ROLES);
      return index.lookup(query.q, { limit: query.limit, visible: (regionId) => inScope(access, regions.pathOf(regionId) ?? '') });
    },
  };
}

export type ElderLookupService = ReturnType<typeof createElderLookupService>;
