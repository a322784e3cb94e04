import type { RegionRecord } from '../ports/store/regions.port.js';

// The regions, held in memory: there are tens of them, and scoping asks for paths on every request and event.

export class RegionDirectory {
  private readonly regions = new Map<string, RegionRecord>();

  static load(records: RegionRecord[]): RegionDirectory {
    const directory = new RegionDirectory();
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

  /** Where to look for responders of a community: its town (the neighbouring communities), or the region itself. */
  searchRootOf(id: string): RegionRecord | undefined {
    const region = this.regions.get(id);
    if (region?.level === 'community' && region.parentId) return this.regions.get(region.parentId) ?? region;
    return region;
  }

  all(): RegionRecord[] {
    return [...this.regions.values()];
  }
}
