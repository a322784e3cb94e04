import type { VisitCoverage } from '../../../../schemas/index.js';
import type { Task } from '../tasks/task.js';

// Whether every elder due a monthly visit (探访) got one, per place.

type CoverageRow = VisitCoverage['total'];

function coverageRow(regionId: string, regionName: string, due: number, visited: number): CoverageRow {
  return { regionId, regionName, due, visited, rate: due === 0 ? null : visited / due };
}

/** The name of the total row; its regionId is the region the report was asked for. */
export const COVERAGE_TOTAL_NAME = 'total';

/**
 * Monthly visit coverage, one row per place (the communities of the region, as the caller lists them) and a total.
 * Due: distinct elders with a monthly visit for the month that was not cancelled (a cancelled visit means the
 * elder is no longer due, e.g. moved away). Visited: distinct elders with such a visit done with outcome
 * 'visited'; done with 'not_home' or 'refused' is due but not visited. Counting elders, not tasks, keeps the rate at
 * most 1 whatever the store holds. The total sums the rows, which the caller gives as disjoint places.
 */
export function visitCoverage(
  month: string,
  regionId: string,
  rows: ReadonlyArray<{ regionId: string; regionName: string; visits: ReadonlyArray<Task> }>,
): VisitCoverage {
  const out = rows.map((row) => {
    const counted = row.visits.filter((t) => t.kind === 'monthly_visit' && t.month === month && !t.test && t.status !== 'cancelled');
    const due = new Set(counted.map((t) => t.elderId)).size;
    const visited = new Set(counted.filter((t) => t.status === 'done' && t.outcome === 'visited').map((t) => t.elderId)).size;
    return coverageRow(row.regionId, row.regionName, due, visited);
  });
  const due = out.reduce((sum, r) => sum + r.due, 0);
  const visited = out.reduce((sum, r) => sum + r.visited, 0);
  return { month, regionId, rows: out, total: coverageRow(regionId, COVERAGE_TOTAL_NAME, due, visited) };
}
