// The history's current result as a CSV file the operator opens in Excel: the columns on screen, in the page's
// language, local times, names rather than ids; a BOM so Excel reads the Chinese as UTF-8.

import type { AlertView, RegionView } from '../../../../schemas/index.js';
import { saveBlob } from '../../shared/authorized-request.js';
import { known, t } from '../../shared/i18n.js';
import { statusLabel, typeLabel } from '../../shared/labels.js';
import { closedByText, dayAndTime, durationText, regionNameOf } from './alert-facts.js';

/** A field quoted when it must be; a leading = + - @ is defused, so a typed note never runs as a formula. */
function field(value: string): string {
  const safe = /^[=+\-@]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function historyCsv(items: AlertView[], lang: string, names: ReadonlyMap<string, string>, regions: ReadonlyMap<string, RegionView>): string {
  const head = ['time', 'type', 'priority', 'elder', 'region', 'status', 'by', 'duration'].map((c) => t(`history.col.${c}`));
  head.push(t('history.detail.outcome'), t('history.detail.note'));
  const rows = items.map((a) => [
    dayAndTime(a.raisedAt, lang),
    typeLabel(a.type),
    `P${a.priority}`,
    a.elder.name,
    regionNameOf(a.elder.regionId, regions),
    statusLabel(a.status),
    closedByText(a, names),
    durationText(a),
    a.resolutionReason ? (known(`reason.${a.resolutionReason}`) ?? '') : '',
    a.resolutionNote ?? '',
  ]);
  return `\uFEFF${[head, ...rows].map((row) => row.map(field).join(',')).join('\r\n')}\r\n`;
}

/** Hands the text to the browser as a download. */
export function download(text: string, filename: string): void {
  saveBlob(new Blob([text], { type: 'text/csv;charset=utf-8' }), filename);
}
