import { lowestLevel, regionPlan, type RegionPlan } from '../../core/regions/region-plan.js';
import type { RegionRecord } from '../ports/store/regions.port.js';

// The regions, held in memory: there are tens of them, and scoping asks for paths on every request and event. The
// deployment's plan (config REGION_PLAN) says which level each depth is; startup has checked the regions against it
// (people/region-plan-check.ts).

export class RegionDirectory {
  private readonly regions = new Map<string, RegionRecord>();

  private constructor(readonly plan: RegionPlan) {}

  static load(records: RegionRecord[], plan: RegionPlan = regionPlan('county')): RegionDirectory {
    const directory = new RegionDirectory(plan);
    for (const r of records) directory.add(r);
    return directory;
  }

  add(r: RegionRecord): void {
    this.regions.set(r.id, r);
  }

  get(id: string): RegionRecord | undefined {
    return this.regions.get(id);
  }

  /** The region's path; a region the directory does not know has no path, so nothing is in its scope. */
  pathOf(id: string): string | undefined {
    return this.regions.get(id)?.path;
  }

  /**
   * Where to look for responders of a place of the lowest level (a community): its parent (a town, a street), whose
   * other communities are the neighbouring ones; for any other region, the region itself.
   */
  searchRootOf(id: string): RegionRecord | undefined {
    const region = this.regions.get(id);
    if (region?.level === lowestLevel(this.plan) && region.parentId) return this.regions.get(region.parentId) ?? region;
    return region;
  }

  all(): RegionRecord[] {
    return [...this.regions.values()];
  }
}
