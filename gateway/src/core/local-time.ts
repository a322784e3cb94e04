// Local wall-clock reasoning for rules ("at night", "daytime only"), pure. China keeps one time zone without
// daylight saving, so a fixed offset from UTC is exact; it is a setting, not a constant, for other deployments.

import { MINUTE } from './time-units.js';

const DAY_MINUTES = 24 * 60;

/** "07:30" → 450. */
export function minutesOfClock(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number) as [number, number];
  return h * 60 + m;
}

/** The local calendar day of `at`, YYYY-MM-DD. */
export function localDay(at: number, utcOffsetMinutes: number): string {
  return new Date(at + utcOffsetMinutes * MINUTE).toISOString().slice(0, 10);
}

/** Minutes since local midnight at `at`. */
export function localMinuteOfDay(at: number, utcOffsetMinutes: number): number {
  const localMinutes = Math.floor(at / MINUTE) + utcOffsetMinutes;
  return ((localMinutes % DAY_MINUTES) + DAY_MINUTES) % DAY_MINUTES;
}

/** Whether `at` falls in the local window [start, end); a window may cross midnight ("22:00"–"06:00"). */
export function isWithinWindow(at: number, start: string, end: string, utcOffsetMinutes: number): boolean {
  const m = localMinuteOfDay(at, utcOffsetMinutes);
  const s = minutesOfClock(start);
  const e = minutesOfClock(end);
  if (s === e) return true;
  return s < e ? m >= s && m < e : m >= s || m < e;
}

/**
 * The moment at which `durationMs` of time inside the daily window [start, end) has passed since `since`.
 * "No motion for 4 h in the daytime": motion at 19:00 with a 07:00-21:00 window is due at 09:00 the next day.
 */
export function windowedDueAt(since: number, durationMs: number, start: string, end: string, utcOffsetMinutes: number): number {
  const s = minutesOfClock(start);
  const e = minutesOfClock(end);
  if (s === e) return since + durationMs;
  let remaining = durationMs;
  let at = since;
  // Walk window by window; bounded because each step consumes a whole window or finishes.
  for (let guard = 0; guard < 10_000; guard++) {
    if (isWithinWindow(at, start, end, utcOffsetMinutes)) {
      const m = localMinuteOfDay(at, utcOffsetMinutes);
      const minutesToEnd = (e - m + DAY_MINUTES) % DAY_MINUTES || DAY_MINUTES;
      const msToEnd = minutesToEnd * MINUTE - (at % MINUTE);
      if (remaining <= msToEnd) return at + remaining;
      remaining -= msToEnd;
      at += msToEnd;
    } else {
      const m = localMinuteOfDay(at, utcOffsetMinutes);
      const minutesToStart = (s - m + DAY_MINUTES) % DAY_MINUTES;
      at += minutesToStart * MINUTE - (at % MINUTE);
    }
  }
  return at + remaining;
}
