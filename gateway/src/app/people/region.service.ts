import type { RegionLevel, RegionLevelInfo, RegionView } from '../../../../schemas/index.js';
import { childLevel } from '../../core/regions/region-plan.js';
import { actorOf, requireInScope, requireRole, type Access } from '../access.js';
import type { ClusterLink } from '../ports/cluster.port.js';
import { AppError } from '../errors.js';
import type { RegionDirectory } from '../directories/region-directory.js';
import { toRegionView } from '../views.js';
import type { AuditStore } from '../ports/store/audit.port.js';
import type { RegionStore } from '../ports/store/regions.port.js';

// The region tree, as deep as the deployment's plan (county → town → community, or city → district → street →
// community). Admins build it below the root; a new region's level is the one below its parent's. Everybody reads the
// part they work in, with the plan's levels and their names.

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

    /** The deployment's levels, top down, each with its Chinese and English name. */
    levels(): RegionLevelInfo[] {
      return [...regions.plan.levels];
    },

    async create(access: Access, input: { name: string; level?: RegionLevel | undefined; parentId?: string | undefined }): Promise<RegionView> {
      requireRole(access, ['admin']);
      if (!input.parentId) {
        // The root is made when the gateway is installed. A second one would lie outside every region, its creator's
        // included (and could take the place of the real one as the store's root).
        if (input.level === undefined || input.level === regions.plan.levels[0]?.key) {
          throw new AppError('FORBIDDEN_REGION', 'the root region cannot be added; add regions under yours');
        }
        throw new AppError('REGION_PARENT_INVALID');
      }
      const parent = regions.get(input.parentId);
      if (!parent) throw new AppError('REGION_NOT_FOUND');
      requireInScope(access, parent.path);
      const level = childLevel(regions.plan, parent.level);
      if (level === undefined) throw new AppError('REGION_LEVEL_INVALID', `nothing lies below a ${parent.level}, the plan's lowest level`);
      if (input.level !== undefined && input.level !== level) throw new AppError('REGION_LEVEL_INVALID', `a region under a ${parent.level} is a ${level}`);
      const id = deps.newId();
      const record = { id, name: input.name, level, parentId: parent.id, path: `${parent.path}${id}/` };
      await store.createRegion(record);
      await store.appendAudit({ at: deps.clock(), actor: actorOf(access), action: 'created', entityType: 'region', entityId: id, detail: { level, parentId: record.parentId } });
      regions.add(record);
      deps.cluster.publish({ kind: 'reload', entity: 'region', id });
      return toRegionView(record);
    },
  };
}

export type RegionService = ReturnType<typeof createRegionService>;
