// The breakdown's rows as the table shows them: the regions right below the report's region (towns under a county,
// communities under a town), each with the regions below it, sorted by name (the gateway's order) or by what the
// supervisor looks for first — most alarms, or most still open. Pure.

import type { RegionBreakdownRow } from '../../../../schemas/index.js';

export type BreakdownSort = 'name' | 'raised' | 'open';

export interface BreakdownNode {
  row: RegionBreakdownRow;
  children: RegionBreakdownRow[];
}

const figure = (row: RegionBreakdownRow, sort: BreakdownSort): number => (sort === 'open' ? row.outcomes.open : sort === 'raised' ? row.raised : 0);

/** Rows sorted by `sort`, largest first; equal ones (and all, for 'name') stay in the gateway's order. */
function sorted(rows: readonly RegionBreakdownRow[], sort: BreakdownSort, order: ReadonlyMap<string, number>): RegionBreakdownRow[] {
  return [...rows].sort((a, b) => figure(b, sort) - figure(a, sort) || (order.get(a.regionId) ?? 0) - (order.get(b.regionId) ?? 0));
}

export function breakdownTree(rows: readonly RegionBreakdownRow[], sort: BreakdownSort): BreakdownNode[] {
  const order = new Map(rows.map((row, i) => [row.regionId, i]));
  const ids = new Set(rows.map((row) => row.regionId));
  // a row whose parent is not in the breakdown is right below the report's region
  const top = rows.filter((row) => row.parentId === null || !ids.has(row.parentId));
  return sorted(top, sort, order).map((row) => ({
    row,
    children: sorted(
      rows.filter((child) => child.parentId === row.regionId),
      sort,
      order,
    ),
  }));
}
