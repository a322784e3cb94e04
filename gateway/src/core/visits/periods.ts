import type { VisitFrequency } from '../../../../schemas/index.js';
import { DAY, MINUTE } from '../time-units.js';

// Visit periods on the local calendar (UTC_OFFSET_MINUTES; China has one zone and no daylight saving, so a fixed
// offset is exact). Pure. Each period has a stable key, which the unique index (elder, period, attempt) relies on:
//   weekly       '2026-W49'  ISO week, Monday 00:00 local; the year is the ISO week-year (2026-12-31 may be 2027-W01)
//   fortnightly  '2026-F25'  14-day blocks anchored at Monday 2024-01-01 local; the year is the block's Monday's
//                            year and the number counts the blocks starting in that year (1 = the first)
//   monthly      '2026-12'   (the key monthly visits always had, so old rows keep their meaning)
//   quarterly    '2026-Q4'

export interface VisitPeriod {
  key: string;
  /** Local midnight at the start, epoch ms. */
  startAt: number;
  /** Local midnight at the start of the next period (exclusive), epoch ms. */
  endAt: number;
}

const WEEK = 7 * DAY;
const FORTNIGHT = 14 * DAY;
/** Monday 2024-01-01, 00:00 on the local calendar, as if it were UTC (local fields shifted to UTC). */
const FORTNIGHT_ANCHOR = Date.UTC(2024, 0, 1);

const pad2 = (n: number): string => String(n).padStart(2, '0');

/** `at` shifted so that its UTC fields read as the local wall clock. */
const toLocal = (at: number, offset: number): number => at + offset * MINUTE;
const fromLocal = (local: number, offset: number): number => local - offset * MINUTE;

const floorDiv = (a: number, b: number): number => Math.floor(a / b);

/** Local midnight (as local-shifted ms) of the Monday on or before `local`. */
function mondayOf(local: number): number {
  const midnight = floorDiv(local, DAY) * DAY;
  const weekday = (new Date(midnight).getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
  return midnight - weekday * DAY;
}

function weekly(local: number): { key: string; start: number; end: number } {
  const start = mondayOf(local);
  // ISO 8601: the week belongs to the year of its Thursday
  const thursday = new Date(start + 3 * DAY);
  const year = thursday.getUTCFullYear();
  const week = Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / WEEK) + 1;
  return { key: `${year}-W${pad2(week)}`, start, end: start + WEEK };
}

function fortnightly(local: number): { key: string; start: number; end: number } {
  const start = FORTNIGHT_ANCHOR + floorDiv(local - FORTNIGHT_ANCHOR, FORTNIGHT) * FORTNIGHT;
  const year = new Date(start).getUTCFullYear();
  // the first block starting on or after 1 January of that year is number 1
  const firstOfYear = FORTNIGHT_ANCHOR + Math.ceil((Date.UTC(year, 0, 1) - FORTNIGHT_ANCHOR) / FORTNIGHT) * FORTNIGHT;
  const n = Math.round((start - firstOfYear) / FORTNIGHT) + 1;
  return { key: `${year}-F${pad2(n)}`, start, end: start + FORTNIGHT };
}

function monthly(local: number): { key: string; start: number; end: number } {
  const d = new Date(local);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth();
  return { key: `${y}-${pad2(m + 1)}`, start: Date.UTC(y, m, 1), end: Date.UTC(y, m + 1, 1) };
}

function quarterly(local: number): { key: string; start: number; end: number } {
  const d = new Date(local);
  const y = d.getUTCFullYear();
  const q = Math.floor(d.getUTCMonth() / 3);
  return { key: `${y}-Q${q + 1}`, start: Date.UTC(y, q * 3, 1), end: Date.UTC(y, q * 3 + 3, 1) };
}

const OF: Record<VisitFrequency, (local: number) => { key: string; start: number; end: number }> = { weekly, fortnightly, monthly, quarterly };

/** The period of `frequency` that `at` falls in. */
export function periodAt(frequency: VisitFrequency, at: number, utcOffsetMinutes: number): VisitPeriod {
  const p = OF[frequency](toLocal(at, utcOffsetMinutes));
  return { key: p.key, startAt: fromLocal(p.start, utcOffsetMinutes), endAt: fromLocal(p.end, utcOffsetMinutes) };
}

/** The report ranges: a local month 'YYYY-MM' or quarter 'YYYY-Qn', as [from, to). */
export function rangeOf(range: string, utcOffsetMinutes: number): { from: number; to: number } {
  const month = /^(\d{4})-(\d{2})$/.exec(range);
  const quarter = /^(\d{4})-Q([1-4])$/.exec(range);
  // ranges come validated by the REST schema; anything else is a programming error
  if (!month && !quarter) throw new Error(`not a month or quarter: ${range}`);
  const year = Number((month ?? quarter)![1]);
  const first = month ? Number(month[2]) - 1 : (Number(quarter![2]) - 1) * 3;
  const span = month ? 1 : 3;
  return { from: fromLocal(Date.UTC(year, first, 1), utcOffsetMinutes), to: fromLocal(Date.UTC(year, first + span, 1), utcOffsetMinutes) };
}
