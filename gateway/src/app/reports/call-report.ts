import type { CallReport } from '../../../../schemas/index.js';
import { toCsv, type CsvValue } from '../../core/reports.js';
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

const CALL_COLUMNS = [
  { key: 'section', header: '分类 section' },
  { key: 'item', header: '项目 item' },
  { key: 'name', header: '名称 name' },
  { key: 'line', header: '线路 line' },
  { key: 'category', header: '类别 category' },
  { key: 'value', header: '数值 value' },
];

/**
 * The call report as one table a supervisor filters in Excel, read top to bottom:
 *   summary     region, from, to, complaints_opened, complaints_closed, complaints_closed_in_time, complaints_overdue
 *   day         one line per local day, line and category: the day in `item`, e.g. 2026-03-02, 12349, emergency, 4
 *   town, community  one line per place: its id in `item`, its name, the calls of its subtree
 */
export function callReportCsv(report: CallReport): string {
  const summary = (item: string, value: CsvValue): Record<string, CsvValue> => ({ section: 'summary', item, value });
  return toCsv(CALL_COLUMNS, [
    summary('region', report.regionId),
    summary('from', report.from),
    summary('to', report.to),
    summary('complaints_opened', report.complaints.opened),
    summary('complaints_closed', report.complaints.closed),
    summary('complaints_closed_in_time', report.complaints.closedInTime),
    summary('complaints_overdue', report.complaints.overdue),
    ...report.byDay.map((d) => ({ section: 'day', item: d.day, line: d.line, category: d.category, value: d.count })),
    ...report.byRegion.map((r) => ({ section: r.level, item: r.regionId, name: r.name, value: r.count })),
  ]);
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
    csv: callReportCsv,
  };
}

export type CallReports = ReturnType<typeof createCallReports>;
