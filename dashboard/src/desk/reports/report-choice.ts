// What the reports screen shows: the period (a preset or a range of days) and the region, kept while the operator
// switches tabs, and the regions they may choose from — their own region and every town and community below it,
// never a region above or beside it (GET /regions also lists the regions above, for names).

import { effect, signal } from '@preact/signals';
import type { RegionView } from '../../../../schemas/index.js';
import { token } from '../state/desk-state.js';
import { initialChoice, type PeriodChoice } from './report-period.js';

export const periodChoice = signal<PeriodChoice>(initialChoice(Date.now()));
/** null: the user's own region (the gateway's default). */
export const regionChoice = signal<string | null>(null);

// The next person at this desk starts from today in their own region: a region chosen by the last one may lie
// outside theirs.
effect(() => {
  if (token.value !== null) return;
  periodChoice.value = initialChoice(Date.now());
  regionChoice.value = null;
});

export interface RegionOption {
  region: RegionView;
  /** 0 for the user's own region, 1 for a region below it, 2 below that. */
  depth: number;
}

const byName = (a: RegionView, b: RegionView) => a.name.localeCompare(b.name, 'zh-CN');

/** `rootId`'s region and its subtree, each region followed by the regions below it, by name. */
export function regionSubtree(regions: ReadonlyMap<string, RegionView>, rootId: string): RegionOption[] {
  const root = regions.get(rootId);
  if (!root) return [];
  const children = new Map<string, RegionView[]>();
  for (const region of regions.values()) {
    if (region.parentId === null) continue;
    children.set(region.parentId, [...(children.get(region.parentId) ?? []), region]);
  }
  const out: RegionOption[] = [];
  const walk = (region: RegionView, depth: number) => {
    out.push({ region, depth });
    for (const child of (children.get(region.id) ?? []).sort(byName)) walk(child, depth + 1);
  };
  walk(root, 0);
  return out;
}
