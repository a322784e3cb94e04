import type { CallReport } from '../../../../schemas/index.js';
import { levelNameZh } from '../../core/regions/region-plan.js';
import { inTreeOrder } from '../../core/regions/region-order.js';
import { callReportCsv } from '../../core/reports/call-report-csv.js';
import { requireInScope, requireRole, type Access } from '../access.js';
import type { RegionDirectory } from '../directories/region-directory.js';
import { AppError } from '../errors.js';
import type { RegionRecord } from '../ports/store/regions.port.js';
import type { CallStore } from '../ports/store/phone/calls.port.js';
import type { ComplaintStore } from '../ports/store/phone/complaints.port.js';

// The telephone's report for a period and a region: calls per local day by line and category, calls per region below
// it at every depth (each call counted in its own region and every region above it), and the complaints opened, closed,
// closed within their deadline, and overdue now. The store counts; this rolls the counts up and names the places.

/**
 * One row per region within `region` at every depth (the region itself included unless it is the root), in tree order
 * (core/regions/region-order.ts: a town, then its communities; siblings by name), each with the calls of its whole
 * subtree. Places without calls are listed with 0: a community that never rang is worth seeing too.
 */
export function rollUpByRegion(region: RegionRecord, places: readonly RegionRecord[], counts: ReadonlyArray<{ regionId: string; count: number }>, pathOf: (regionId: string) => string | undefined): CallReport['byRegion'] {
  const counted = counts.map((c) => ({ path: pathOf(c.regionId), count: c.count }));
  const fromPath = region.parentId === null ? region.path : (places.find((p) => p.id === region.parentId)?.path ?? region.path);
  return inTreeOrder(
    places.filter((p) => p.parentId !== null && p.path.startsWith(region.path)),
    fromPath,
    places,
  ).map((p) => ({
      regionId: p.id,
      name: p.name,
      level: p.level,
      count: counted.reduce((sum, c) => (c.path?.startsWith(p.path) ? sum + c.count : sum), 0),
    }));
}

export function createCallReports(deps: { store: CallStore & ComplaintStore; regions: RegionDirectory; clock: () => number; utcOffsetMinutes: number }) {
  const { store, regions, clock } = deps;

  return {
    async report(access: Access, query: { from: string; to: string; regionId?: string | undefined }): Promise<CallReport> {
      requireRole(access, ['admin', 'supervisor']);
      const region = regions.get(query.regionId ?? access.regionId);
      if (!region) throw new AppError('REGION_NOT_FOUND');
      requireInScope(access, region.path);
      const from = Date.parse(query.from);
      const to = Date.parse(query.to);
      if (!(from < to)) throw new AppError('REQUEST_INVALID', 'from must be before to');
      const [calls, complaints] = await Promise.all([
        store.countCalls({ regionPath: region.path, from, to, utcOffsetMinutes: deps.utcOffsetMinutes }),
        store.countComplaints({ regionPath: region.path, from, to, now: clock() }),
      ]);
      return {
        from: new Date(from).toISOString(),
        to: new Date(to).toISOString(),
        regionId: region.id,
        byDay: calls.byDay,
        byRegion: rollUpByRegion(region, regions.all(), calls.byRegion, (id) => regions.pathOf(id)),
        complaints,
      };
    },
    /** The CSV file (core/reports/call-report-csv.ts): the region by name, times on the gateway's local clock. */
    csv: (report: CallReport): string =>
      callReportCsv(report, regions.get(report.regionId)?.name ?? report.regionId, deps.utcOffsetMinutes, (level) => levelNameZh(regions.plan, level)),
  };
}

export type CallReports = ReturnType<typeof createCallReports>;
