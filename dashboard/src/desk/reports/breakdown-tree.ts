// The breakdown's rows as the table shows them: the regions right below the report's region (towns under a county,
// districts under a city), each with the regions below it at every depth, sorted by name (the gateway's order) or by
// what the supervisor looks for first — most alarms, or most still open. Pure.

import type { RegionBreakdownRow } from '../../../../schemas/index.js';

export type BreakdownSort = 'name' | 'raised' | 'open';

export interface BreakdownNode {
  row: RegionBreakdownRow;
  /** 0 right below the report's region, 1 below that, ... */
  depth: number;
  children: BreakdownNode[];
}

const figure = (row: RegionBreakdownRow, sort: BreakdownSort): number => (sort === 'open' ? row.outcomes.open : sort === 'raised' ? row.raised : 0);

/** Rows sorted by `sort`, largest first; equal ones (and all, for 'name') stay in the gateway's order. */
function sorted(rows: readonly RegionBreakdownRow[], sort: BreakdownSort, order: ReadonlyMap<string, number>): RegionBreakdownRow[] {
  return [...rows].sort((a, b) => figure(b, sort) - figure(a, sort) || (order.get(a.regionId) ?? 0) - (order.get(b.regionId) ?? 0));
}

export function breakdownTree(rows: readonly RegionBreakdownRow[], sort: BreakdownSort): BreakdownNode[] {
  const order = new Map(rows.map((row, i) => [row.regionId, i]));
  const ids = new Set(rows.map((row) => row.regionId));
  const childrenOf = new Map<string, RegionBreakdownRow[]>();
  for (const row of rows) if (row.parentId !== null && ids.has(row.parentId)) childrenOf.set(row.parentId, [...(childrenOf.get(row.parentId) ?? []), row]);
  const node = (row: RegionBreakdownRow, depth: number): BreakdownNode => ({
    row,
    depth,
    children: sorted(childrenOf.get(row.regionId) ?? [], sort, order).map((child) => node(child, depth + 1)),
  });
  // a row whose parent is not in the breakdown is right below the report's region
  const top = rows.filter((row) => row.parentId === null || !ids.has(row.parentId));
  return sorted(top, sort, order).map((row) => node(row, 0));
}

/** The nodes a reader sees: each top node, and below an expanded node its children (and theirs, when expanded). */
export function visibleNodes(tree: readonly BreakdownNode[], expanded: ReadonlySet<string>): BreakdownNode[] {
  return tree.flatMap((n) => [n, ...(expanded.has(n.row.regionId) ? visibleNodes(n.children, expanded) : [])]);
}
