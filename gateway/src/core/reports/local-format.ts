import { MINUTE } from '../time-units.js';

// Times as the people who read the report files think of them: the gateway's local wall clock (UTC_OFFSET_MINUTES,
// +08:00 in China), not UTC. A fixed offset is exact where there is no daylight saving (core/local-time.ts).

const pad = (n: number): string => String(n).padStart(2, '0');

/** "2026-11-23 10:00" at the local offset; with seconds when `at` has any. */
export function localDateTime(at: number, utcOffsetMinutes: number): string {
  const d = new Date(at + utcOffsetMinutes * MINUTE);
  const date = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  const time = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
  return d.getUTCSeconds() === 0 && d.getUTCMilliseconds() === 0 ? `${date} ${time}` : `${date} ${time}:${pad(d.getUTCSeconds())}`;
}

/** "UTC+08:00", for a file that says which clock its times are on. */
export function offsetLabel(utcOffsetMinutes: number): string {
  const sign = utcOffsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(utcOffsetMinutes);
  return `UTC${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** "20261123", a local date for file names. */
export const localDateStamp = (at: number, utcOffsetMinutes: number): string => localDateTime(at, utcOffsetMinutes).slice(0, 10).replace(/-/g, '');
