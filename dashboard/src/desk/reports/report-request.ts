// The alarm report of a period and a region from GET /api/v1/reports/alarms, as JSON for the screen or as the CSV
// and XLSX files a supervisor hands on. The gateway authenticates by the bearer header only (no cookie), so a file
// is fetched with the header and saved from a blob, not linked to. A 401 ends the session as everywhere on the desk.

import type { AlarmReport } from '../../../../schemas/index.js';
import { saveDownload, sendWithBearer } from '../../shared/authorized-request.js';
import { withSession } from '../phone/phone-request.js';

/**
 * The reply as the screen reads it: the fields every gateway since the KPI strip sends are required; those added in
 * issue 20 (outcomes, the per-stage times, responders, follow-ups, visits, breakdown, regionName) may be missing
 * from an older gateway, and the screen then says so where they would be, rather than showing a zero it never got.
 */
export type ReportReply = Pick<
  AlarmReport,
  'from' | 'to' | 'regionId' | 'total' | 'testAlerts' | 'byType' | 'byPriority' | 'timeToAcknowledge' | 'timeToArrive' | 'falseAlarms' | 'falseAlarmRate'
> &
  Partial<AlarmReport>;

export type ExportFormat = 'csv' | 'xlsx';

export interface ReportAsk {
  from: Date;
  to: Date;
  /** Absent: the caller's own region. */
  regionId: string | null;
}

function reportUrl(ask: ReportAsk, format: 'json' | ExportFormat): string {
  const params = new URLSearchParams({ from: ask.from.toISOString(), to: ask.to.toISOString(), format });
  if (ask.regionId) params.set('regionId', ask.regionId);
  return `/api/v1/reports/alarms?${params.toString()}`;
}

export const fetchAlarmReport = (ask: ReportAsk): Promise<ReportReply> =>
  withSession(async (session) => (await (await sendWithBearer(session, 'GET', reportUrl(ask, 'json'))).json()) as ReportReply);

/** Downloads the report as a file: the browser saves it as if a link had been clicked. */
export async function downloadAlarmReport(ask: ReportAsk, format: ExportFormat, fallbackName: string): Promise<void> {
  const res = await withSession((session) => sendWithBearer(session, 'GET', reportUrl(ask, format)));
  await saveDownload(res, `${fallbackName}.${format}`);
}
