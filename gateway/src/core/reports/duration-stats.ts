import type { AlarmReport } from '../../../../schemas/index.js';
import { SECOND } from '../time-units.js';

// The one way the reports summarise durations: how many, the median, and the nearest-rank 90th percentile, in seconds.

export type DurationStats = AlarmReport['timeToArrive'];

/** Median and nearest-rank 90th percentile of `seconds`; nulls when there is nothing to measure. */
export function durationStats(seconds: readonly number[]): DurationStats {
  const sorted = [...seconds].sort((a, b) => a - b);
  const n = sorted.length;
  if (n === 0) return { count: 0, medianSeconds: null, p90Seconds: null };
  const at = (i: number): number => sorted[i] as number;
  const mid = Math.floor(n / 2);
  const median = n % 2 === 1 ? at(mid) : (at(mid - 1) + at(mid)) / 2;
  // Nearest rank: the smallest value with at least 90% of values at or below it. 9n/10 in integers, because 0.9 * n
  // in floating point can land just above a whole number and pick the next rank.
  const p90 = at(Math.ceil((9 * n) / 10) - 1);
  return { count: n, medianSeconds: median, p90Seconds: p90 };
}

export const secondsBetween = (from: number, to: number): number => (to - from) / SECOND;
