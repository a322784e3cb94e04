// The regions a desk sees, as a tree in reading order: depth first, siblings by name as a Chinese reader sorts them
// (the gateway's reports use the same order). Works at any depth (county → town → community, or city → district →
// street → community). Pure.

import type { RegionLevelInfo, RegionView } from '../../../schemas/index.js';

export interface RegionTreeEntry {
  region: RegionView;
  /** 0 for a region whose parent is not listed, 1 below it, ... */
  indent: number;
}

/** Every region but the root (the county or the city: "all" already means it), in tree order with its indent. */
export function regionTree(regions: ReadonlyMap<string, RegionView>): RegionTreeEntry[] {
  const listed = [...regions.values()].filter((r) => r.parentId !== null);
  const ids = new Set(listed.map((r) => r.id));
  const byName = (a: RegionView, b: RegionView) => a.name.localeCompare(b.name, 'zh-CN') || a.id.localeCompare(b.id);
  const childrenOf = new Map<string | null, RegionView[]>();
  for (const region of listed) {
    const key = region.parentId !== null && ids.has(region.parentId) ? region.parentId : null;
    childrenOf.set(key, [...(childrenOf.get(key) ?? []), region]);
  }
  const out: RegionTreeEntry[] = [];
  const walk = (parentId: string | null, indent: number) => {
    for (const region of (childrenOf.get(parentId) ?? []).sort(byName)) {
      out.push({ region, indent });
      walk(region.id, indent + 1);
    }
  };
  walk(null, 0);
  return out;
}

/** The lowest level of the deployment's plan (where elders live); 'community' before the levels are known. */
export const lowestLevelOf = (levels: readonly RegionLevelInfo[]): string => levels[levels.length - 1]?.key ?? 'community';

export interface Community {
  id: string;
  /** "城关镇 · 幸福社区": two towns may each have a 幸福社区. */
  label: string;
}

/**
 * The places of the plan's lowest level (`lowest`: a community in both plans) at or below `scopeId` (GET /regions also
 * lists the regions above it), by parent and name: where the register-elder dialog places a new elder.
 */
export function communitiesIn(regions: readonly RegionView[], scopeId: string, lowest = 'community'): Community[] {
  const byId = new Map(regions.map((r) => [r.id, r]));
  const inScope = (region: RegionView | undefined): boolean => (region === undefined ? false : region.id === scopeId || inScope(byId.get(region.parentId ?? '')));
  return regions
    .filter((r) => r.level === lowest && inScope(r))
    .map((r) => ({ id: r.id, label: [byId.get(r.parentId ?? '')?.name, r.name].filter(Boolean).join(' · ') }))
    .sort((a, b) => a.label.localeCompare(b.label, 'zh-CN'));
}

/** "城关镇 · 幸福社区": the region's name after its parent's, since a community's name alone may repeat. */
export function nameWithParent(regions: ReadonlyMap<string, RegionView>, region: RegionView): string {
  const parent = region.parentId ? regions.get(region.parentId) : undefined;
  return parent && parent.parentId !== null ? `${parent.name} · ${region.name}` : region.name;
}
