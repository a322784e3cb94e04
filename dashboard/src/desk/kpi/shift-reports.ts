// The two reports behind the KPI strip, fetched when the session starts and again when something they count has
// changed (shift-report-triggers.ts), never on a timer of their own: the alarm report for today (time to acknowledge)
// and this month's visit coverage.

import { signal, untracked } from '@preact/signals';
import type { AlarmReport, VisitCoverage } from '../../../../schemas/index.js';
import { getAlarmReport, getVisitCoverage } from '../../shared/api.js';
import { serverNow, token } from '../state/desk-state.js';

/** null until loaded, and when the last request failed: the strip then shows "—". */
export const alarmReport = signal<AlarmReport | null>(null);
export const visitCoverage = signal<VisitCoverage | null>(null);

/** Server time (ms) the last reports were asked up to: a change the book shows after it is not in them yet. */
let askedUpTo = Number.NEGATIVE_INFINITY;
let generation = 0;
let debounce: ReturnType<typeof setTimeout> | undefined;

/** Several changes in a burst (a snapshot, an operator clearing a list) cost one request. */
const DEBOUNCE_MS = 2000;

export const reportsAskedUpTo = () => askedUpTo;

const pad = (n: number) => String(n).padStart(2, '0');

/** Local midnight of the day of `ms`, and its month as YYYY-MM: the desk's "today" and "this month". */
export function localDay(ms: number): { midnight: Date; month: string } {
  const midnight = new Date(ms);
  midnight.setHours(0, 0, 0, 0);
  return { midnight, month: `${midnight.getFullYear()}-${pad(midnight.getMonth() + 1)}` };
}

/** Fetches both reports now; a reply that a newer request or a logout overtook is dropped. */
export async function refreshReports(): Promise<void> {
  clearTimeout(debounce);
  const session = token.peek();
  if (!session) return;
  const mine = ++generation;
  // untracked: an effect that calls this must not come to depend on the clock
  const now = untracked(serverNow);
  askedUpTo = now;
  const { midnight, month } = localDay(now);
  const [alarms, coverage] = await Promise.allSettled([
    getAlarmReport(session, midnight.toISOString(), new Date(now).toISOString()),
    getVisitCoverage(session, month),
  ]);
  if (mine !== generation || token.peek() !== session) return;
  alarmReport.value = alarms.status === 'fulfilled' ? alarms.value : null;
  visitCoverage.value = coverage.status === 'fulfilled' ? coverage.value : null;
}

/** Asks again DEBOUNCE_MS after the last change. */
export function scheduleRefresh(): void {
  clearTimeout(debounce);
  debounce = setTimeout(() => void refreshReports(), DEBOUNCE_MS);
}

/** Forgets the reports (logout): the next session starts from "—". */
export function forgetReports(): void {
  clearTimeout(debounce);
  generation += 1;
  askedUpTo = Number.NEGATIVE_INFINITY;
  alarmReport.value = null;
  visitCoverage.value = null;
}

