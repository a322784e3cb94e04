// The alarm report of a period and a region from GET /api/v1/reports/alarms, as JSON for the screen or as the CSV
// and XLSX files a supervisor hands on. The gateway authenticates by the bearer header only (no cookie), so a file
// is fetched with the header and saved from a blob, not linked to. A 401 ends the session as everywhere on the desk.

import type { AlarmReport } from '../../../../schemas/index.js';
import { ApiError } from '../../shared/api.js';
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

async function send(session: string, url: string): Promise<Response> {
  let res: Response;
  try {
    res = await fetch(url, { headers: { authorization: `Bearer ${session}` } });
  } catch (err) {
    throw new ApiError(0, 'NETWORK', err instanceof Error ? err.message : String(err));
  }
  if (res.ok) return res;
  const data: unknown = await res.json().catch(() => null);
  const error = data && typeof data === 'object' && 'error' in data && data.error && typeof data.error === 'object' ? (data.error as { code?: unknown }) : {};
  throw new ApiError(res.status, typeof error.code === 'string' ? error.code : `HTTP_${res.status}`);
}

export const fetchAlarmReport = (ask: ReportAsk): Promise<ReportReply> =>
  withSession(async (session) => (await (await send(session, reportUrl(ask, 'json'))).json()) as ReportReply);

/** The file name the gateway gives (content-disposition), else one of ours. */
function fileName(res: Response, fallback: string): string {
  const header = res.headers.get('content-disposition') ?? '';
  const encoded = /filename\*=UTF-8''([^;]+)/i.exec(header)?.[1];
  if (encoded) {
    try {
      return decodeURIComponent(encoded);
    } catch {
      // a malformed name: ours instead
    }
  }
  return /filename="([^"]+)"/i.exec(header)?.[1] ?? fallback;
}

/** Downloads the report as a file: the browser saves it as if a link had been clicked. */
export async function downloadAlarmReport(ask: ReportAsk, format: ExportFormat, fallbackName: string): Promise<void> {
  const res = await withSession((session) => send(session, reportUrl(ask, format)));
  const blob = await res.blob();
  const href = URL.createObjectURL(blob);
  const anchor = document.createElement('a');
  anchor.href = href;
  anchor.download = fileName(res, `${fallbackName}.${format}`);
  anchor.hidden = true;
  document.body.append(anchor);
  anchor.click();
  anchor.remove();
  // the download has its own copy once started; a minute covers a slow disk
  setTimeout(() => URL.revokeObjectURL(href), 60_000);
}
