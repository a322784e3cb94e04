// The coverage's places as a tree table: the gateway sends every place below the report's region, at every depth,
// depth-first with siblings by name, each with its parent; the table shows a place when every place above it is
// open. And the drill-down: which uncovered visits lie in a place (or below it) and have a given reason. Pure.

import type { VisitCoverage, VisitGapReason } from '../../../../../schemas/index.js';
import type { GapFilter } from '../visits-choice.js';

export type CoverageRow = VisitCoverage['rows'][number];
export type CoverageGap = VisitCoverage['gaps'][number];

/** The reasons in the order the screen lists them: what can still be done first, then what was tried, then missed. */
export const GAP_REASONS: readonly VisitGapReason[] = ['in_progress', 'not_home', 'refused', 'mode_not_counted', 'not_attempted'];

/** Reasons of a visit tried without success, or of a period that ended untried (in_progress is still waiting). */
export const MISSED_REASONS: readonly VisitGapReason[] = ['not_home', 'refused', 'mode_not_counted', 'not_attempted'];

/** Ids of the places that have places below them. */
export const withChildren = (rows: readonly CoverageRow[]): ReadonlySet<string> => new Set(rows.flatMap((row) => (row.parentId === null ? [] : [row.parentId])));

/** The rows to draw: those whose every ancestor (within the report) is open, in the gateway's order. */
export function visibleRows(rows: readonly CoverageRow[], expanded: ReadonlySet<string>): CoverageRow[] {
  const byId = new Map(rows.map((row) => [row.regionId, row]));
  return rows.filter((row) => {
    for (let parent = row.parentId; parent !== null && byId.has(parent); parent = byId.get(parent)!.parentId) {
      if (!expanded.has(parent)) return false;
    }
    return true;
  });
}

/** At first the places just below the report's region are open when that keeps the table short; else none is. */
export function initiallyExpanded(rows: readonly CoverageRow[]): Set<string> {
  const twoLevels = rows.filter((row) => row.depth <= 2).length;
  return twoLevels <= 40 ? new Set(rows.filter((row) => row.depth === 1).map((row) => row.regionId)) : new Set();
}

/** True when `regionId` is `rootId` or lies below it, by the parents the report names. */
function within(regionId: string, rootId: string, parentOf: ReadonlyMap<string, string | null>): boolean {
  for (let at: string | null | undefined = regionId; at; at = parentOf.get(at)) if (at === rootId) return true;
  return false;
}

/** The uncovered visits the drill-down lists, in the gateway's order (by place, then elder, then period). */
export function gapsIn(coverage: VisitCoverage, filter: GapFilter): CoverageGap[] {
  const parentOf = new Map(coverage.rows.map((row) => [row.regionId, row.parentId]));
  return coverage.gaps.filter(
    (gap) =>
      (filter.reason === null || gap.reason === filter.reason || (filter.reason === 'missed' && gap.reason !== 'in_progress')) && (filter.regionId === null || filter.regionId === coverage.regionId || within(gap.regionId, filter.regionId, parentOf)),
  );
}

/** Periods not covered for a reason other than still waiting. */
export const missedOf = (gaps: Record<VisitGapReason, number>): number => MISSED_REASONS.reduce((sum, reason) => sum + gaps[reason], 0);
