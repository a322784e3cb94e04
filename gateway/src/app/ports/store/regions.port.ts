import type { RegionLevel } from '../../../../../schemas/index.js';

// The county's regions (county → town → community) in the store. Every scope check reads a region's path
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
}
