// The history search's filters as the operator sets them (an elder, a type, a status, a region, a range of local
// days) and as GET /alerts takes them. The range defaults to the last seven days, today included; the end day is
// inclusive on screen and exclusive on the wire (the next day's midnight).

import type { AlertSearch } from '../../shared/api.js';

export interface HistoryFilter {
  /** The chosen elder, with the name to show in the field. */
  elder: { id: string; name: string } | null;
  type: string;
  /** '' any, 'open', 'closed', or one status. */
  status: string;
  regionId: string;
  /** Local days, YYYY-MM-DD. */
  fromDay: string;
  toDay: string;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** A local day as YYYY-MM-DD. */
export const localDay = (at: Date): string => `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`;

/** The local midnight that starts `day`, shifted by `plusDays`; null when the field holds no day. */
function midnight(day: string, plusDays = 0): Date | null {
  const start = new Date(`${day}T00:00:00`);
  if (Number.isNaN(start.getTime())) return null;
  start.setDate(start.getDate() + plusDays);
  return start;
}

export function defaultFilter(now: Date = new Date()): HistoryFilter {
  const weekAgo = new Date(now);
  weekAgo.setDate(weekAgo.getDate() - 6);
  return { elder: null, type: '', status: '', regionId: '', fromDay: localDay(weekAgo), toDay: localDay(now) };
}

/** True when both days are set and the first comes after the second. */
export const rangeInvalid = (f: HistoryFilter): boolean => f.fromDay !== '' && f.toDay !== '' && f.fromDay > f.toDay;

/** The query of GET /alerts for the filter: any status unless one is chosen. */
export function searchOf(f: HistoryFilter): AlertSearch {
  const from = f.fromDay ? midnight(f.fromDay) : null;
  const to = f.toDay ? midnight(f.toDay, 1) : null;
  return {
    status: f.status || 'all',
    ...(f.elder ? { elderId: f.elder.id } : {}),
    ...(f.type ? { type: f.type } : {}),
    ...(f.regionId ? { regionId: f.regionId } : {}),
    ...(from ? { from: from.toISOString() } : {}),
    ...(to ? { to: to.toISOString() } : {}),
  };
}
