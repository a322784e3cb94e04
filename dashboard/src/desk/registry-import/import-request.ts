// The import's requests: the file posted as it is (its bytes; the gateway tells CSV from XLSX and GBK from UTF-8),
// the job polled for its progress and report, and the template saved from a blob with the session's header.

import type { ElderImportJob } from '../../../../schemas/index.js';
import { saveBlob, sendWithBearer } from '../../shared/authorized-request.js';
import { withSession } from '../phone/phone-request.js';

/** The types the import route reads; anything else (a browser's guess for .csv on some systems) goes as bytes. */
const KNOWN_TYPES = new Set(['text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'application/vnd.ms-excel']);

export const startImport = (file: File, options: { dryRun: boolean; onlyGoodRows: boolean }) =>
  withSession(async (session) => {
    const query = new URLSearchParams({ dryRun: String(options.dryRun), onlyGoodRows: String(options.onlyGoodRows), filename: file.name.slice(0, 200) || 'list' });
    // a Blob goes with its own type as the content-type
    const body = KNOWN_TYPES.has(file.type) ? file : new Blob([file], { type: 'application/octet-stream' });
    return (await (await sendWithBearer(session, 'POST', `/api/v1/elder-imports?${query}`, body)).json()) as { id: string };
  });

export const getImport = (id: string) =>
  withSession(async (session) => (await (await sendWithBearer(session, 'GET', `/api/v1/elder-imports/${encodeURIComponent(id)}`)).json()) as ElderImportJob);

/** Saved under the name of the page's language (`name`), not the gateway's Chinese one. */
export const downloadTemplate = (format: 'csv' | 'xlsx', name: string) =>
  withSession(async (session) => saveBlob(await (await sendWithBearer(session, 'GET', `/api/v1/elder-imports/template.${format}`)).blob(), `${name}.${format}`));
