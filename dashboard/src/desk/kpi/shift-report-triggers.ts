// When the KPI strip asks for its reports again: at session start, a little after an alert is acknowledged or
// closed or a monthly visit is finished (only changes newer than the reports count), after the live link comes
// back (what happened meanwhile is not all in the snapshot: alerts raised and closed while it was down are not), at
// midnight, when "today" and perhaps "this month" start again, and while alerts wait unacknowledged: when one passes
// the 60 s target (it becomes a miss in the report) and, while any waits past it, once a minute (its age, which the
// median counts, grows). No polling when nothing waits.

import { effect, untracked } from '@preact/signals';
import { closedAt, isOpen, type Alert } from '../../model/alert-book.js';
import { alerts, alertsRev, link, serverNow, tasks, tasksRev, token } from '../state/desk-state.js';
import { alarmReport, forgetReports, localDay, refreshReports, reportsAskedUpTo, scheduleRefresh } from './shift-reports.js';

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

/** The report's target for acknowledging (gateway/src/core/reports/alarm-figures.ts): past it an open, unacknowledged alert is a miss. */
const ACK_TARGET_MS = 60_000;
/** While alerts wait past the target, their ages in the report are this stale at most. */
const WAITING_REFRESH_MS = 60_000;

/** Server time at which the reports next go stale because an alert waits: null when none does. */
function nextWaitingChange(): number | null {
  const asked = reportsAskedUpTo();
  let next: number | null = (alarmReport.peek()?.timeToAcknowledge.waiting ?? 0) > 0 ? asked + WAITING_REFRESH_MS : null;
  for (const alert of alerts.openSorted()) {
    if (alert.test || alert.acknowledgedAt !== null) continue;
    // a second past the target, so the gateway surely counts it as a miss
    const missAt = Date.parse(alert.raisedAt) + ACK_TARGET_MS + CLOCK_SLACK_MS;
    if (missAt > asked && (next === null || missAt < next)) next = missAt;
  }
  return next;
}

/** A care visit (what the coverage counts) finished after the reports were asked. */
function visitNewerThanReports(): boolean {
  const since = reportsAskedUpTo() - CLOCK_SLACK_MS;
  return tasks.finishedRecent().some((task) => task.kind === 'care_visit' && !task.test && after(task.completedAt, since));
}

/** Starts watching; returns the function that stops it. */
export function watchShiftReports(): () => void {
  let linkWasUp = link.peek().up;
  let midnight: ReturnType<typeof setTimeout> | undefined;
  let waitingTimer: ReturnType<typeof setTimeout> | undefined;
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
    // again after every report and every change of the alerts: the earliest moment a waiting alert makes them stale
    effect(() => {
      void alertsRev.value;
      void alarmReport.value;
      clearTimeout(waitingTimer);
      const due = untracked(nextWaitingChange);
      if (due !== null) waitingTimer = setTimeout(() => void refreshReports(), Math.max(0, due - untracked(serverNow)));
    }),
    effect(() => {
      const up = link.value.up;
      if (up && !linkWasUp) scheduleRefresh();
      linkWasUp = up;
    }),
  ];
  return () => {
    clearTimeout(midnight);
    clearTimeout(waitingTimer);
    for (const stop of stops) stop();
  };
}
