// When the KPI strip asks for its reports again: at session start, a little after an alert is acknowledged or
// closed or a monthly visit is finished (only changes newer than the reports count), after the live link comes
// back (what happened meanwhile is not all in the snapshot: alerts raised and closed while it was down are not), and
// at midnight, when "today" and perhaps "this month" start again. No polling.

import { effect, untracked } from '@preact/signals';
import { closedAt, isOpen, type Alert } from '../../model/alert-book.js';
import { alerts, alertsRev, link, tasks, tasksRev, token } from '../state/desk-state.js';
import { forgetReports, localDay, refreshReports, reportsAskedUpTo, scheduleRefresh } from './shift-reports.js';

/** The page's clock and the server's agree to within this after a snapshot; a change this close may be missing. */
const CLOCK_SLACK_MS = 1000;

const after = (iso: string | null | undefined, since: number) => typeof iso === 'string' && Date.parse(iso) > since;

/** A real alert (test alerts are not in the report) acknowledged or closed after the reports were asked. */
function alertNewerThanReports(): boolean {
  const since = reportsAskedUpTo() - CLOCK_SLACK_MS;
  const changed = (a: Alert) =>
    !a.test && (after(a.acknowledgedAt, since) || (!isOpen(a) && after(closedAt(a), since)));
  return alerts.openSorted().some(changed) || alerts.closedSorted().some(changed);
}

/** A monthly visit (what the coverage counts) finished after the reports were asked. */
function visitNewerThanReports(): boolean {
  const since = reportsAskedUpTo() - CLOCK_SLACK_MS;
  return tasks.finishedRecent().some((task) => task.kind === 'monthly_visit' && !task.test && after(task.completedAt, since));
}

/** Starts watching; returns the function that stops it. */
export function watchShiftReports(): () => void {
  let linkWasUp = link.peek().up;
  let midnight: ReturnType<typeof setTimeout> | undefined;
  const atMidnight = () => {
    clearTimeout(midnight);
    const next = localDay(Date.now()).midnight.getTime() + 86_400_000;
    // a second late, so the new day has surely begun on the server too
    midnight = setTimeout(() => {
      void refreshReports();
      atMidnight();
    }, next - Date.now() + 1000);
  };
  atMidnight();

  const stops = [
    effect(() => {
      const session = token.value;
      untracked(() => {
        forgetReports();
        if (session) void refreshReports();
      });
    }),
    effect(() => {
      void alertsRev.value;
      if (untracked(alertNewerThanReports)) scheduleRefresh();
    }),
    effect(() => {
      void tasksRev.value;
      if (untracked(visitNewerThanReports)) scheduleRefresh();
    }),
    effect(() => {
      const up = link.value.up;
      if (up && !linkWasUp) scheduleRefresh();
      linkWasUp = up;
    }),
  ];
  return () => {
    clearTimeout(midnight);
    for (const stop of stops) stop();
  };
}
