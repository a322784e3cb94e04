import type { RegionLevel } from '../../../../../schemas/index.js';

// The deployment's regions (county → town → community, or city → district → street → community) in the store. Every scope check reads a region's path
// (docs/decisions/0010-regions-scope-everything.md); the region directory keeps them in memory.

export interface RegionRecord {
  id: string;
  name: string;
  level: RegionLevel;
  parentId: string | null;
  /** `/countyId/townId/communityId/`: a region's subtree is every path that starts with its path. */
  path: string;
}

export interface RegionStore {
  /** The root (county) region; created by the first migration of a store, so it always exists. */
  rootRegion(): Promise<RegionRecord>;
  /** Fails with StoreConflictError when the id is taken. */
  createRegion(region: RegionRecord): Promise<void>;
  /** By path, so a parent comes before its children. */
  listRegions(): Promise<RegionRecord[]>;
  /**
   * Renames a region and sets its level; at startup only, for the root when the deployment's plan starts at another
   * level (region-plan-check.ts). Nothing else about a region changes once it exists.
   */
  relabelRegion(id: string, change: { name: string; level: RegionRecord['level'] }): Promise<void>;
}
