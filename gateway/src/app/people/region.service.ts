import type { RegionLevel, RegionView } from '../../../../schemas/index.js';
import { actorOf, requireInScope, requireRole, type Access } from '../access.js';
import type { ClusterLink } from '../ports/cluster.port.js';
import { AppError } from '../errors.js';
import type { RegionDirectory } from '../directories/region-directory.js';
import { toRegionView } from '../views.js';
import type { AuditStore } from '../ports/store/audit.port.js';
import type { RegionStore } from '../ports/store/regions.port.js';

// The county → town → community tree. Admins build it; everybody reads the part they work in.

const PARENT_LEVEL: Record<RegionLevel, RegionLevel | null> = { county: null, town: 'county', community: 'town' };

export function createRegionService(deps: { store: AuditStore & RegionStore; regions: RegionDirectory; cluster: ClusterLink; clock: () => number; newId: () => string }) {
  const { store, regions } = deps;
  return {
    /** The person's region, what lies below it, and the regions above it (so a page can show where they are). */
    list(access: Access): RegionView[] {
      return regions
        .all()
        .filter((r) => r.path.startsWith(access.regionPath) || access.regionPath.startsWith(r.path))
        .sort((a, b) => a.path.localeCompare(b.path))
        .map(toRegionView);
    },

    async create(access: Access, input: { name: string; level: RegionLevel; parentId?: string | undefined }): Promise<RegionView> {
      requireRole(access, ['admin']);
      const expectedParent = PARENT_LEVEL[input.level];
      const parent = input.parentId ? regions.get(input.parentId) : undefined;
      if (input.parentId && !parent) throw new AppError('REGION_NOT_FOUND');
      if ((parent?.level ?? null) !== expectedParent) throw new AppError('REGION_PARENT_INVALID');
      if (parent) requireInScope(access, parent.path);
      const id = deps.newId();
      const record = { id, name: input.name, level: input.level, parentId: parent?.id ?? null, path: `${parent?.path ?? '/'}${id}/` };
      await store.createRegion(record);
      await store.appendAudit({ at: deps.clock(), actor: actorOf(access), action: 'created', entityType: 'region', entityId: id, detail: { level: input.level, parentId: record.parentId } });
      regions.add(record);
      deps.cluster.publish({ kind: 'reload', entity: 'region', id });
      return toRegionView(record);
    },
  };
}

export type RegionService = ReturnType<typeof createRegionService>;
