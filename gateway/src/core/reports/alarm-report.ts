import type { AlarmReport, Priority } from '../../../../schemas/index.js';
import { ALERT_TYPES } from '../../../../schemas/index.js';
import type { Alert, TimelineEntry } from '../alerts/alert.js';
import type { Task } from '../tasks/task.js';
import { alarmOutcomes, falseAlarmRate, timeToAcknowledge, timeToArrive, timeToResolve } from './alarm-figures.js';
import { followUpFigures, visitFigures } from './care-task-figures.js';
import { entriesByAlert, type ReportUser } from './dispatch-offers.js';
import { regionBreakdown, type ReportPlace } from './region-breakdown.js';
import { dispatchTimes, responderFigures } from './responder-figures.js';

// The alarm report for a period and a region, from the records the report service loads once: the period's alerts
// with their timelines, the follow-ups they caused, the monthly visits due, the users, and the places below the region.

const PRIORITIES: readonly Priority[] = [1, 2, 3];

export interface AlarmReportRecords {
  region: ReportPlace;
  /** Alerts of elders in the region's subtree raised in the period (test ones included: they are counted apart). */
  alerts: ReadonlyArray<Alert>;
  /** The region path of an alert's elder. */
  pathOfAlert: (alert: Alert) => string | undefined;
  /** Timeline entries of those alerts (at least the offer actions), in the order written. */
  timelines: ReadonlyArray<TimelineEntry>;
  /** Follow-up tasks of those alerts. */
  followUps: ReadonlyArray<Task>;
  /** Monthly visits of the region's elders due in the period. */
  monthlyVisits: ReadonlyArray<Task>;
  users: ReadonlyArray<ReportUser>;
  /** Every region known; the breakdown takes the towns and communities below `region`. */
  places: ReadonlyArray<ReportPlace>;
}

function byType(real: ReadonlyArray<Alert>): AlarmReport['byType'] {
  const counts = new Map<Alert['type'], { priority: Priority; count: number }>();
  for (const a of real) {
    const entry = counts.get(a.type) ?? { priority: a.priority, count: 0 };
    counts.set(a.type, { ...entry, count: entry.count + 1 });
  }
  return [...counts.entries()]
    .map(([type, { priority, count }]) => ({ type, priority, count }))
    .sort((x, y) => x.priority - y.priority || ALERT_TYPES.indexOf(x.type) - ALERT_TYPES.indexOf(y.type));
}

/**
 * Alerts raised in [from, to) (the store's period filter, applied again so the function means what it says). Alerts
 * from devices in test mode are counted in `testAlerts` and nowhere else: an installer's test must not make the desk
 * look slow or the alarms look many. byType is sorted by priority, then by the order of the alert type catalogue
 * (SOS before fall, as the desk lists them), with types that did not occur left out. `now` is when the report is
 * made: alerts still waiting then count in the time to acknowledge, and follow-ups past due then are overdue.
 */
export function alarmReport(records: AlarmReportRecords, period: { from: number; to: number }, now: number): AlarmReport {
  const inPeriod = records.alerts.filter((a) => a.raisedAt >= period.from && a.raisedAt < period.to);
  const real = inPeriod.filter((a) => !a.test);
  const realIds = new Set(real.map((a) => a.id));
  const timelines = entriesByAlert(records.timelines.filter((e) => realIds.has(e.alertId)));
  const outcomes = alarmOutcomes(real);
  return {
    from: new Date(period.from).toISOString(),
    to: new Date(period.to).toISOString(),
    regionId: records.region.id,
    regionName: records.region.name,
    total: real.length,
    testAlerts: inPeriod.length - real.length,
    byType: byType(real),
    byPriority: PRIORITIES.map((priority) => ({ priority, count: real.filter((a) => a.priority === priority).length })),
    outcomes,
    timeToAcknowledge: timeToAcknowledge(real, now),
    ...dispatchTimes(real, timelines),
    timeToArrive: timeToArrive(real),
    timeToResolve: timeToResolve(real),
    falseAlarms: outcomes.falseAlarms,
    falseAlarmRate: falseAlarmRate(outcomes),
    responders: responderFigures(real, timelines, records.users),
    followUps: followUpFigures(records.followUps.filter((t) => t.alertId !== null && realIds.has(t.alertId)), now),
    visits: visitFigures(records.monthlyVisits, period),
    breakdown: regionBreakdown(records.region, records.places, real, records.pathOfAlert, now),
  };
}
