// The visits tab's requests: the coverage of a month or quarter (GET /api/v1/reports/visit-coverage) as JSON for the
// screen or as the CSV and XLSX files a supervisor hands on, and the visit policy (GET and PUT /api/v1/visit-policy).
// The gateway authenticates by the bearer header only, so a file is fetched with the header and saved from a blob.
// A 401 ends the session, as everywhere on the desk.

import type { VisitCoverage, VisitPolicy, VisitPolicyRule } from '../../../../schemas/index.js';
import { saveDownload, sendWithBearer } from '../../shared/authorized-request.js';
import { withSession } from '../phone/phone-request.js';
import type { RangeChoice } from './visits-choice.js';

export type ExportFormat = 'csv' | 'xlsx';

export interface CoverageAsk {
  range: RangeChoice;
  /** null: the caller's own region. */
  regionId: string | null;
}

function coverageUrl(ask: CoverageAsk, format: 'json' | ExportFormat): string {
  const params = new URLSearchParams();
  if (ask.range.kind === 'month') params.set('month', ask.range.month);
  else params.set('quarter', ask.range.quarter);
  if (ask.regionId) params.set('regionId', ask.regionId);
  params.set('format', format);
  return `/api/v1/reports/visit-coverage?${params.toString()}`;
}

export const fetchCoverage = (ask: CoverageAsk): Promise<VisitCoverage> =>
  withSession(async (session) => (await (await sendWithBearer(session, 'GET', coverageUrl(ask, 'json'))).json()) as VisitCoverage);

export const fetchVisitPolicy = (): Promise<VisitPolicy> => withSession(async (session) => (await (await sendWithBearer(session, 'GET', '/api/v1/visit-policy')).json()) as VisitPolicy);

export const saveVisitPolicy = (rules: readonly VisitPolicyRule[]): Promise<VisitPolicy> =>
  withSession(async (session) => (await (await sendWithBearer(session, 'PUT', '/api/v1/visit-policy', { rules })).json()) as VisitPolicy);

/** Downloads the coverage as a file: the browser saves it as if a link had been clicked. */
export async function downloadCoverage(ask: CoverageAsk, format: ExportFormat, fallbackName: string): Promise<void> {
  const res = await withSession((session) => sendWithBearer(session, 'GET', coverageUrl(ask, format)));
  await saveDownload(res, `${fallbackName}.${format}`);
}
