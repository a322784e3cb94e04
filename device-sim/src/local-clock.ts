// Local wall-clock time for the simulator: the gateway's rules think in local time ("at night", "daytime"), so
// scenarios and simulated routines must too. China keeps UTC+8 all year; the offset is a parameter for elsewhere.

export const CHINA_UTC_OFFSET_MINUTES = 480;
const DAY_MINUTES = 24 * 60;

/** Minutes since local midnight at `at`. */
export function localMinuteOfDay(at: number, utcOffsetMinutes = CHINA_UTC_OFFSET_MINUTES): number {
  const minutes = Math.floor(at / 60_000) + utcOffsetMinutes;
  return ((minutes % DAY_MINUTES) + DAY_MINUTES) % DAY_MINUTES;
}

/** Local "HH:MM" at `at` moved by `shiftMinutes` (which may be negative). */
export function localClock(at: number, shiftMinutes = 0, utcOffsetMinutes = CHINA_UTC_OFFSET_MINUTES): string {
  const m = localMinuteOfDay(at + shiftMinutes * 60_000, utcOffsetMinutes);
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}

/** Whether `at` is inside the local window [start, end) given as "HH:MM"; the window may cross midnight. */
export function isWithinLocalWindow(at: number, start: string, end: string, utcOffsetMinutes = CHINA_UTC_OFFSET_MINUTES): boolean {
  const toMinutes = (hhmm: string): number => {
    const [h, m] = hhmm.split(':').map(Number) as [number, number];
    return h * 60 + m;
  };
  const now = localMinuteOfDay(at, utcOffsetMinutes);
  const s = toMinutes(start);
  const e = toMinutes(end);
  if (s === e) return true;
  return s < e ? now >= s && now < e : now >= s || now < e;
}
