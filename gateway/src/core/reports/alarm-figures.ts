import type { AlarmOutcomes, AlarmReport } from '../../../../schemas/index.js';
import { OPEN_ALERT_STATUSES } from '../../../../schemas/index.js';
import type { Alert } from '../alerts/alert.js';
import { durationStats, secondsBetween, type DurationStats } from './duration-stats.js';

// The figures of a set of real alerts that do not need their timelines: how they stand, how fast the desk answered,
// how fast help arrived, how many were false. Used for the report's region and for every place of its breakdown.

/** The telecare sector's target: an alarm acknowledged within this long is answered in time. */
export const ACK_TARGET_SECONDS = 60;

/**
 * Time to acknowledge, as of `now`, over real alerts. An alert still open and unacknowledged for longer than the
 * target is already a miss: it counts in `waiting`, as missed in the share, and in the median and p90 with its age so
 * far (a lower bound: it only grows). Counting acknowledged alerts alone made a desk that leaves P1 alarms unanswered
 * look fast. One still waiting within the target is neither a hit nor a miss yet and is left out until it is one.
 * Alerts closed without an acknowledgement (cancelled by the elder, cleared by the gateway) had nobody to answer.
 */
export function timeToAcknowledge(alerts: ReadonlyArray<Alert>, now: number): AlarmReport['timeToAcknowledge'] {
  const acked: number[] = [];
  const waitingAges: number[] = [];
  for (const a of alerts) {
    if (a.acknowledgedAt !== null) acked.push(secondsBetween(a.raisedAt, a.acknowledgedAt));
    else if (OPEN_ALERT_STATUSES.includes(a.status)) {
      const age = secondsBetween(a.raisedAt, now);
      if (age > ACK_TARGET_SECONDS) waitingAges.push(age);
    }
  }
  const measured = [...acked, ...waitingAges];
  const stats = durationStats(measured);
  return {
    ...stats,
    count: acked.length,
    waiting: waitingAges.length,
    within60sShare: measured.length === 0 ? null : acked.filter((s) => s <= ACK_TARGET_SECONDS).length / measured.length,
  };
}

/**
 * Every alert in exactly one bucket by its status now, so raised = resolved + falseAlarms + cancelled + cleared +
 * open whatever the statuses are: a status that is neither one of the four closed ones nor open cannot exist
 * (ALERT_STATUSES), and if one were added it would count as open rather than vanish.
 */
export function alarmOutcomes(alerts: ReadonlyArray<Alert>): AlarmOutcomes {
  const out: AlarmOutcomes = { raised: alerts.length, resolved: 0, falseAlarms: 0, cancelled: 0, cleared: 0, open: 0 };
  for (const a of alerts) {
    if (a.status === 'resolved') out.resolved++;
    else if (a.status === 'false_alarm') out.falseAlarms++;
    else if (a.status === 'cancelled') out.cancelled++;
    else if (a.status === 'cleared') out.cleared++;
    else out.open++;
  }
  return out;
}

/** From raised to the responder's arrival, for the alerts somebody reached. */
export const timeToArrive = (alerts: ReadonlyArray<Alert>): DurationStats =>
  durationStats(alerts.flatMap((a) => (a.arrivedAt === null ? [] : [secondsBetween(a.raisedAt, a.arrivedAt)])));

/** From raised to resolved, for the alerts resolved (not false alarms: closing those quickly is a different thing). */
export const timeToResolve = (alerts: ReadonlyArray<Alert>): DurationStats =>
  durationStats(alerts.flatMap((a) => (a.status === 'resolved' && a.resolvedAt !== null ? [secondsBetween(a.raisedAt, a.resolvedAt)] : [])));

/** false alarms / alerts closed by a person (resolved + false alarm); null when none were. */
export function falseAlarmRate(outcomes: AlarmOutcomes): number | null {
  const closedByPerson = outcomes.resolved + outcomes.falseAlarms;
  return closedByPerson === 0 ? null : outcomes.falseAlarms / closedByPerson;
}
