import type { AlarmReport, VisitCoverage } from '../../../../schemas/index.js';
import { alarmReport, alarmReportCsv, visitCoverage, visitCoverageCsv } from '../../core/reports.js';
import { DESK_ROLES, requireInScope, requireRole, type Access } from '../access.js';
import { AppError } from '../errors.js';
import type { RegionDirectory } from '../directories/region-directory.js';
import type { AlertStore } from '../ports/store/alerts.port.js';
import type { TaskStore } from '../ports/store/tasks.port.js';

// Reports for a period and a region, computed by the pure functions in core/reports.ts from the store's records.

const ALL = 1_000_000;

export function createReportService(deps: { store: AlertStore & TaskStore; regions: RegionDirectory; clock: () => number }) {
  const { store, regions, clock } = deps;

  function regionFor(access: Access, regionId: string | undefined) {
    const region = regions.get(regionId ?? access.regionId);
    if (!region) throw new AppError('REGION_NOT_FOUND');
    requireInScope(access, region.path);
    return region;
  }

  return {
    async alarms(access: Access, query: { from: string; to: string; regionId?: string | undefined }): Promise<AlarmReport> {
      requireRole(access, DESK_ROLES);
      const region = regionFor(access, query.regionId);
      const from = Date.parse(query.from);
      const to = Date.parse(query.to);
      if (!(from < to)) throw new AppError('REQUEST_INVALID', 'from must be before to');
      const alerts = await store.listAlerts({ statuses: 'all', limit: ALL, regionPath: region.path, raisedFrom: from, raisedTo: to });
      // now: an alert still waiting when the report is made counts in the time to acknowledge
      return alarmReport(alerts, { from, to }, region.id, clock());
    },
    alarmsCsv: (report: AlarmReport): string => alarmReportCsv(report),

    /** Per community in the region (or the community itself): visited x of y elders due. */
    async visitCoverage(access: Access, query: { month: string; regionId?: string | undefined }): Promise<VisitCoverage> {
      requireRole(access, DESK_ROLES);
      const region = regionFor(access, query.regionId);
      const communities = regions.all().filter((r) => r.path.startsWith(region.path) && r.level === 'community');
      const places = communities.length > 0 ? communities : [region];
      const rows = await Promise.all(
        places.map(async (r) => ({
          regionId: r.id,
          regionName: r.name,
          visits: await store.listTasks({ statuses: 'all', kind: 'monthly_visit', month: query.month, regionPath: r.path, limit: ALL }),
        })),
      );
      return visitCoverage(query.month, region.id, rows);
    },
    visitCoverageCsv: (coverage: VisitCoverage): string => visitCoverageCsv(coverage),
  };
}

export type ReportService = ReturnType<typeof createReportService>;
