import { describe, expect, it } from 'vitest';
import type { RegionRecord, RegionStore } from '../../../gateway/src/app/ports/store/regions.port.js';
import { seededStore, type OpenStore } from './setup.js';

// Regions (regions.port.ts, docs/decisions/0010-regions-scope-everything.md): a root county that every store has from
// its first migration, and regions created under it that read back whole, each path under its parent's.

const byId = (regions: readonly RegionRecord[]) => [...regions].sort((a, b) => a.id.localeCompare(b.id));

export function regionStoreContract(name: string, open: OpenStore): void {
  describe(`region store contract: ${name}`, () => {
    it('when a store is new, then its root region is a county with no parent, its path is its own id, and it is the only region', async () => {
      // Opened here rather than through seededStore: seeding creates regions, and this case is about a store before any.
      const { store: fresh, dispose } = await open();
      try {
        const store: RegionStore = fresh;
        const root = await store.rootRegion();
        expect(root).toMatchObject({ level: 'county', parentId: null, path: `/${root.id}/` });
        expect(await store.listRegions()).toEqual([root]);
      } finally {
        await dispose();
      }
    });

    it('when the root is relabelled (a city plan), then it reads back with its new name and level and keeps its id and path', async () => {
      const { store: fresh, dispose } = await open();
      try {
        const store: RegionStore = fresh;
        const root = await store.rootRegion();
        await store.relabelRegion(root.id, { name: '本市', level: 'city' });
        const relabelled = { ...root, name: '本市', level: 'city' as const };
        expect(await store.rootRegion()).toEqual(relabelled);
        expect(await store.listRegions()).toEqual([relabelled]);
      } finally {
        await dispose();
      }
    });

    describe('with a town and its community', () => {
      const seeded = seededStore(open);

      it('when regions are created under the root, then each reads back whole, its path starts with its parent\'s, and the root is still the county', async () => {
        const store: RegionStore = seeded.store;
        const root = await store.rootRegion();
        const town2: RegionRecord = { id: 'town-2', name: '河口镇', level: 'town', parentId: root.id, path: `${root.path}town-2/` };
        const community2: RegionRecord = { id: 'community-2', name: '河边社区', level: 'community', parentId: 'town-2', path: `${town2.path}community-2/` };
        await store.createRegion(town2);
        await store.createRegion(community2);
        const town1: RegionRecord = { id: 'town-1', name: '城关镇', level: 'town', parentId: root.id, path: `${root.path}town-1/` };

        const regions = await store.listRegions();
        expect(byId(regions)).toEqual(byId([root, town1, seeded.community, town2, community2]));
        for (const region of regions) {
          if (region.parentId === null) continue;
          const parent = regions.find((r) => r.id === region.parentId);
          expect(region.path).toBe(`${parent!.path}${region.id}/`);
        }
        // A region's subtree is every path that starts with its path: the town's community, never the other town's.
        expect(byId(regions.filter((r) => r.path.startsWith(town2.path)))).toEqual(byId([town2, community2]));
        expect(await store.rootRegion()).toEqual(root);
      });
    });
  });
}
