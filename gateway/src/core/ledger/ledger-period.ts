import { DAY, MINUTE } from '../time-units.js';

// The ledger's period from the query (schemas/ledger.ts): local calendar dates, the last one included, or epoch
// milliseconds, the end excluded; without them, this local month. Pure: today's instant is a parameter.

export interface PeriodQuery {
  from?: string | undefined;
  to?: string | undefined;
}

const isDate = (s: string): boolean => /^\d{4}-\d{2}-\d{2}$/.test(s);

/** The instant a local calendar date starts at. */
export const localDayStart = (date: string, utcOffsetMinutes: number): number => Date.parse(`${date}T00:00:00Z`) - utcOffsetMinutes * MINUTE;

/** The first local day of the month `at` falls in. */
function monthStartOf(at: number, utcOffsetMinutes: number): string {
  const local = new Date(at + utcOffsetMinutes * MINUTE);
  return `${local.getUTCFullYear()}-${String(local.getUTCMonth() + 1).padStart(2, '0')}-01`;
}

/** The first local day of the next month. */
function nextMonthStart(date: string): string {
  const [y, m] = date.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
}

/** [from, to) in epoch ms; `to` before `from` is the caller's to refuse. */
export function ledgerPeriod(query: PeriodQuery, now: number, utcOffsetMinutes: number): { from: number; to: number } {
  const fromDate = query.from === undefined ? monthStartOf(now, utcOffsetMinutes) : isDate(query.from) ? query.from : null;
  const from = fromDate !== null ? localDayStart(fromDate, utcOffsetMinutes) : Number(query.from);
  let to: number;
  if (query.to === undefined) {
    to = localDayStart(nextMonthStart(fromDate ?? monthStartOf(from, utcOffsetMinutes)), utcOffsetMinutes);
  } else if (isDate(query.to)) to = localDayStart(query.to, utcOffsetMinutes) + DAY;
  else to = Number(query.to);
  return { from, to };
}
