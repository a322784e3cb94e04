import type { CallReport } from '../../../../schemas/index.js';
import { callReportCsv } from '../../core/reports/call-report-csv.js';
import { requireInScope, requireRole, type Access } from '../access.js';
import type { RegionDirectory } from '../directories/region-directory.js';
import { AppError } from '../errors.js';
import type { RegionRecord } from '../ports/store/regions.port.js';
import type { CallStore } from '../ports/store/phone/calls.port.js';
import type { ComplaintStore } from '../ports/store/phone/complaints.port.js';

// The telephone's report for a period and a region: calls per local day by line and category, calls per town and
// community (each call counted in its own region and every region above it), and the complaints opened, closed,
// closed within their deadline, and overdue now. The store counts; this rolls the counts up and names the places.

/**
 * One row per town and community within `region` (the region itself included when it is one), in tree order (a town,
 * then its communities), each with the calls of its whole subtree. Places without calls are listed with 0: a
 * community that never rang is worth seeing too.
 */
export function rollUpByRegion(region: RegionRecord, places: readonly RegionRecord[], counts: ReadonlyArray<{ regionId: string; count: number }>, pathOf: (regionId: string) => string | undefined): CallReport['byRegion'] {
  const counted = counts.map((c) => ({ path: pathOf(c.regionId), count: c.count }));
  return places
    .filter((p) => p.path.startsWith(region.path) && (p.level === 'town' || p.level === 'community'))
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
    .map((p) => ({
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
    csv: (report: CallReport): string => callReportCsv(report, regions.get(report.regionId)?.name ?? report.regionId, deps.utcOffsetMinutes),
  };
}

export type CallReports = ReturnType<typeof createCallReports>;
