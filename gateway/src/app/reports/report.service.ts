import type { AlarmReport, VisitCoverage } from '../../../../schemas/index.js';
import { levelNameZh } from '../../core/regions/region-plan.js';
import { alarmReport } from '../../core/reports/alarm-report.js';
import { alarmReportSheets } from '../../core/reports/alarm-report-sheets.js';
import { OFFER_ACTIONS } from '../../core/reports/dispatch-offers.js';
import { localDateStamp } from '../../core/reports/local-format.js';
import { alarmReportCsv, visitCoverageCsv } from '../../core/reports/report-csv.js';
import { visitCoverageSheets } from '../../core/reports/visit-coverage-sheet.js';
import { DESK_ROLES, requireInScope, requireRole, type Access } from '../access.js';
import { AppError } from '../errors.js';
import type { RegionDirectory } from '../directories/region-directory.js';
import type { AlertStore } from '../ports/store/alerts.port.js';
import type { ElderStore } from '../ports/store/elders.port.js';
import type { ReportReadStore } from '../ports/store/report-reads.port.js';
import type { TaskStore } from '../ports/store/tasks.port.js';
import type { UserStore } from '../ports/store/users.port.js';
import { reportWorkbook } from './report-xlsx.js';
import { loadVisitCoverage } from './visit-coverage-report.js';

// Reports for a period and a region, computed by the pure functions in core/reports/ from the store's records, each
// loaded in one query whatever the size of the period (no query per alert or per place).

const ALL = 1_000_000;

export function createReportService(deps: {
  store: AlertStore & TaskStore & ReportReadStore & UserStore & ElderStore;
  regions: RegionDirectory;
  clock: () => number;
  /** The gateway's local clock (config UTC_OFFSET_MINUTES), for the times in the downloaded files. */
  utcOffsetMinutes: number;
}) {
  const { store, regions, clock, utcOffsetMinutes } = deps;
  // the downloads name a region's level as the deployment does (REGION_LEVEL_NAMES)
  const levelName = (level: string): string => levelNameZh(regions.plan, level);

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
      const period = { regionPath: region.path, from, to };
      const [alerts, timelines, followUps, monthlyVisits, users] = await Promise.all([
        store.listAlerts({ statuses: 'all', limit: ALL, regionPath: region.path, raisedFrom: from, raisedTo: to }),
        store.listPeriodTimelines({ ...period, actions: OFFER_ACTIONS }),
        store.listTasksOfPeriodAlerts({ ...period, kind: 'follow_up' }),
        store.listTasksDue({ ...period, kind: 'care_visit' }),
        // Everyone, not only the region's: a responder of a neighbouring community may have been sent.
        store.listUsers({}),
      ]);
      const regionOfElder = new Map(alerts.map((a) => [a.id, a.elder.regionId]));
      return alarmReport(
        {
          region,
          alerts,
          pathOfAlert: (a) => regions.pathOf(regionOfElder.get(a.id) ?? ''),
          timelines,
          followUps,
          monthlyVisits,
          users,
          places: regions.all(),
        },
        { from, to },
        // now: an alert still waiting when the report is made counts in the time to acknowledge
        clock(),
      );
    },
    alarmsCsv: (report: AlarmReport): string => alarmReportCsv(report, utcOffsetMinutes, levelName),
    alarmsXlsx: (report: AlarmReport): Promise<Buffer> =>
      reportWorkbook(alarmReportSheets(report, utcOffsetMinutes, levelName), { title: `告警报表 ${report.regionName}`, created: new Date(clock()) }),
    /** `alarm-report-20261101-20261130`: the period in local dates, the last day included (to is exclusive). */
    alarmsFileName(report: AlarmReport): string {
      const from = Date.parse(report.from);
      const lastMoment = Math.max(from, Date.parse(report.to) - 1);
      return `alarm-report-${localDateStamp(from, utcOffsetMinutes)}-${localDateStamp(lastMoment, utcOffsetMinutes)}`;
    },

    /** Visit coverage (探访覆盖) of a month or quarter: every place below the region at every depth (visit-coverage-report.ts). */
    async visitCoverage(access: Access, query: { month?: string | undefined; quarter?: string | undefined; regionId?: string | undefined }): Promise<VisitCoverage> {
      requireRole(access, DESK_ROLES);
      const region = regionFor(access, query.regionId);
      const range = query.month ?? query.quarter;
      if (range === undefined) throw new AppError('REQUEST_INVALID', 'give exactly one of month and quarter');
      return loadVisitCoverage({ store, places: regions.all(), utcOffsetMinutes, now: clock() }, region, range);
    },
    visitCoverageCsv: (coverage: VisitCoverage): string => visitCoverageCsv(coverage, utcOffsetMinutes),
    visitCoverageXlsx: (coverage: VisitCoverage): Promise<Buffer> =>
      reportWorkbook(visitCoverageSheets(coverage, utcOffsetMinutes), { title: `探访覆盖 ${coverage.range} ${coverage.regionName}`, created: new Date(clock()) }),
  };
}

export type ReportService = ReturnType<typeof createReportService>;
