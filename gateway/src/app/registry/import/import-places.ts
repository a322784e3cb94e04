import type { Access } from '../../access.js';
import { inScope } from '../../access.js';
import type { RegionDirectory } from '../../directories/region-directory.js';
import type { RegionRecord } from '../../ports/store/regions.port.js';

// Where a listed elder lives: the list names the community (社区/村) and often the town (镇/街道); the import places
// the elder in the lowest-level region of that name within the importer's region. Regions may be of any depth, so
// "lowest-level" is a region without regions below it. Two communities of one name (a 新村 in two towns) are told
// apart by the town column, matched against any region above them.

export type PlaceFound = { region: RegionRecord } | { problem: 'IMPORT_REGION_UNKNOWN' | 'IMPORT_REGION_AMBIGUOUS'; message: string };

const key = (name: string): string => name.normalize('NFKC').replace(/\s+/g, '');

export function createPlaceFinder(regions: RegionDirectory, access: Access) {
  const all = regions.all();
  const parents = new Set(all.map((r) => r.parentId).filter((id) => id !== null));
  const byName = new Map<string, RegionRecord[]>();
  for (const r of all) {
    if (parents.has(r.id) || !inScope(access, r.path)) continue;
    const list = byName.get(key(r.name)) ?? [];
    list.push(r);
    byName.set(key(r.name), list);
  }
  const ancestorNames = (r: RegionRecord): string[] => {
    const names: string[] = [];
    for (let at = r.parentId === null ? undefined : regions.get(r.parentId); at; at = at.parentId === null ? undefined : regions.get(at.parentId)) {
      names.push(key(at.name));
    }
    return names;
  };

  return function find(community: string, town: string | undefined): PlaceFound {
    const candidates = byName.get(key(community)) ?? [];
    const matching = town === undefined ? candidates : candidates.filter((r) => ancestorNames(r).includes(key(town)));
    if (matching.length === 1) return { region: matching[0]! };
    if (matching.length === 0) {
      const where = town === undefined ? '' : ` in ${town}`;
      return { problem: 'IMPORT_REGION_UNKNOWN', message: `no community "${community}"${where} in your region` };
    }
    return { problem: 'IMPORT_REGION_AMBIGUOUS', message: `${matching.length} communities are named "${community}": add the town (镇/街道) column` };
  };
}
