// The report's period as a supervisor names it — today, this week, this month, this quarter, or a range of days —
// turned into the instants [from, to) the gateway takes. Local time throughout: "today" starts at the desk's
// midnight, a week on Monday (as weeks are counted in China), a quarter in January, April, July or October.
// Pure: `now` is a parameter, so the same code is tested without a clock.

export const PRESETS = ['today', 'week', 'month', 'quarter', 'range'] as const;
export type Preset = (typeof PRESETS)[number];

export interface PeriodChoice {
  preset: Preset;
  /** The range's first and last day as YYYY-MM-DD (both included); read only for 'range'. */
  fromDay: string;
  toDay: string;
}

export interface Period {
  from: Date;
  /** Exclusive. Never later than `now`: the report is of what has happened so far. */
  to: Date;
  /** The end of the named period (exclusive), for saying "this week so far". */
  end: Date;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** YYYY-MM-DD of a local date (what an <input type=date> holds). */
export const dayOf = (date: Date): string => `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;

function startOfDay(ms: number): Date {
  const d = new Date(ms);
  d.setHours(0, 0, 0, 0);
  return d;
}

function addDays(date: Date, days: number): Date {
  const d = new Date(date);
  // setDate, not + 86 400 000 ms: a day in a zone with daylight saving is not always 24 hours
  d.setDate(d.getDate() + days);
  return d;
}

/** Local midnight of a YYYY-MM-DD, or null when it is not a day. */
export function parseDay(day: string): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return null;
  const [year, month, date] = [Number(match[1]), Number(match[2]) - 1, Number(match[3])];
  const d = new Date(year, month, date);
  return d.getFullYear() === year && d.getMonth() === month && d.getDate() === date ? d : null;
}

/** The named period around `now` as [from, end); the caller caps `to` at now. Null for a range that is not one. */
function bounds(choice: PeriodChoice, now: number): { from: Date; end: Date } | null {
  const today = startOfDay(now);
  switch (choice.preset) {
    case 'today':
      return { from: today, end: addDays(today, 1) };
    case 'week': {
      // getDay(): Sunday is 0; Monday starts the week
      const monday = addDays(today, -((today.getDay() + 6) % 7));
      return { from: monday, end: addDays(monday, 7) };
    }
    case 'month':
      return { from: new Date(today.getFullYear(), today.getMonth(), 1), end: new Date(today.getFullYear(), today.getMonth() + 1, 1) };
    case 'quarter': {
      const first = today.getMonth() - (today.getMonth() % 3);
      return { from: new Date(today.getFullYear(), first, 1), end: new Date(today.getFullYear(), first + 3, 1) };
    }
    case 'range': {
      const from = parseDay(choice.fromDay);
      const last = parseDay(choice.toDay);
      if (!from || !last || last < from) return null;
      return { from, end: addDays(last, 1) };
    }
  }
}

/** The period to ask the gateway for, or null when the range is incomplete, reversed or wholly in the future. */
export function periodOf(choice: PeriodChoice, now: number): Period | null {
  const named = bounds(choice, now);
  if (!named) return null;
  const to = new Date(Math.min(named.end.getTime(), now));
  if (!(named.from.getTime() < to.getTime())) return null;
  return { from: named.from, to, end: named.end };
}

/** The first choice on the screen: today, with the range's inputs set to this month so far. */
export function initialChoice(now: number): PeriodChoice {
  const today = startOfDay(now);
  return { preset: 'today', fromDay: dayOf(new Date(today.getFullYear(), today.getMonth(), 1)), toDay: dayOf(today) };
}
