import { depthOfPath, levelAtDepth, type RegionPlan } from '../../core/regions/region-plan.js';
import { REGION_PLANS } from '../../../../schemas/index.js';
import type { RegionStore } from '../ports/store/regions.port.js';

// At startup, the store's regions against the deployment's plan (config REGION_PLAN). The root takes the plan's first
// level (a fresh store's root is the county of the first migration; a city deployment's root becomes the city, and
// its name 本县 becomes 本市 when nobody renamed it). Every other region must already be of the plan's level at its
// depth: people filter, dispatch and report by those regions, so a plan that does not fit them stops the gateway
// with a message saying which region, instead of relabelling data people use.

export class RegionPlanMismatchError extends Error {
  readonly code = 'REGION_PLAN_MISMATCH';
}

/** Checks every region against `plan` and puts the root on the plan's first level; throws RegionPlanMismatchError. */
export async function applyRegionPlan(store: RegionStore, plan: RegionPlan): Promise<void> {
  const regions = await store.listRegions();
  const levels = plan.levels.map((l) => `${l.key} ${l.name['zh-CN']}`).join(' → ');
  for (const region of regions) {
    if (region.parentId === null) continue;
    const depth = depthOfPath(region.path);
    const expected = levelAtDepth(plan, depth);
    if (expected === undefined) {
      throw new RegionPlanMismatchError(
        `region ${region.id} (${region.name}) lies ${depth} levels below the root, deeper than REGION_PLAN=${plan.key} allows (${levels}); ` +
          'start with the plan the regions were made for',
      );
    }
    if (region.level !== expected) {
      throw new RegionPlanMismatchError(
        `region ${region.id} (${region.name}) is a ${region.level} at depth ${depth}, where REGION_PLAN=${plan.key} has a ${expected} (${levels}); ` +
          'start with the plan the regions were made for',
      );
    }
  }
  const root = await store.rootRegion();
  const rootLevel = plan.levels[0]?.key ?? root.level;
  if (root.level === rootLevel) return;
  // The name a plan gives its root, never typed by anybody: the root follows the plan's own.
  const untouched = Object.values(REGION_PLANS).some((p) => p.rootName === root.name);
  await store.relabelRegion(root.id, { name: untouched ? plan.rootName : root.name, level: rootLevel });
}
