// How the report's figures read: durations as "2分15秒", shares as percentages, "—" where the gateway measured
// nothing (never a 0 that was not counted).

import { formatAge, formatDateTime, t } from '../../shared/i18n.js';
import type { Period } from './report-period.js';

export const NONE = '—';

export const seconds = (value: number | null | undefined): string => (typeof value === 'number' ? formatAge(value * 1000) : NONE);

export const percent = (share: number | null | undefined): string => (typeof share === 'number' ? `${Math.round(share * 100)}%` : NONE);

export const whole = (value: number | null | undefined): string => (typeof value === 'number' ? String(value) : NONE);

/** Part of a whole as a width for a bar, 0–100. */
export const widthOf = (part: number, total: number): number => (total > 0 ? Math.max(0, Math.min(100, (part / total) * 100)) : 0);

/** "12月1日 00:00 – 12月7日 16:30", and "so far" while the period is still running. */
export function periodText(period: Period): string {
  const range = t('reports.period.range', { from: formatDateTime(period.from.toISOString()), to: formatDateTime(period.to.toISOString()) });
  return period.to.getTime() < period.end.getTime() ? `${range} ${t('reports.period.soFar')}` : range;
}
