import type { ResponderReportRow } from '../../../../schemas/index.js';
import type { Alert, TimelineEntry } from '../alerts/alert.js';
import { durationStats, secondsBetween } from './duration-stats.js';
import { offersOf, responderOfOffer, type ReportUser } from './dispatch-offers.js';

// Per responder: how often they were offered an alarm, and what they did with the offers. Offers need not add up:
// an offer can be accepted and later declined (before arriving), and one can end unanswered when the desk sends
// somebody else first or the alert closes (the elder cancelled), so offers ≥ declines + expired, and accepts counts
// the offers accepted whatever happened next.

interface Tally {
  userId: string;
  displayName: string;
  offers: number;
  accepts: number;
  declines: number;
  expired: number;
  acceptSeconds: number[];
  arriveSeconds: number[];
}

/** One row per responder offered one of `alerts` (real alerts of the period), most offers first, then by name. */
export function responderFigures(alerts: ReadonlyArray<Alert>, timelines: ReadonlyMap<string, ReadonlyArray<TimelineEntry>>, users: ReadonlyArray<ReportUser>): ResponderReportRow[] {
  const tallies = new Map<string, Tally>();
  for (const alert of alerts) {
    for (const offer of offersOf(alert.id, timelines.get(alert.id) ?? [])) {
      const who = responderOfOffer(offer, alert, users);
      const t = tallies.get(who.userId) ?? { ...who, offers: 0, accepts: 0, declines: 0, expired: 0, acceptSeconds: [], arriveSeconds: [] };
      tallies.set(who.userId, t);
      t.offers++;
      if (offer.end === 'declined') t.declines++;
      if (offer.end === 'expired') t.expired++;
      if (offer.acceptedAt !== null) {
        t.accepts++;
        t.acceptSeconds.push(secondsBetween(offer.offeredAt, offer.acceptedAt));
        if (offer.arrivedAt !== null) t.arriveSeconds.push(secondsBetween(offer.acceptedAt, offer.arrivedAt));
      }
    }
  }
  return [...tallies.values()]
    .sort((a, b) => b.offers - a.offers || a.displayName.localeCompare(b.displayName, 'zh-CN') || (a.userId < b.userId ? -1 : a.userId > b.userId ? 1 : 0))
    .map((t) => ({
      userId: t.userId,
      displayName: t.displayName,
      offers: t.offers,
      accepts: t.accepts,
      declines: t.declines,
      expired: t.expired,
      timeToAccept: durationStats(t.acceptSeconds),
      timeToArrive: durationStats(t.arriveSeconds),
    }));
}

/**
 * From raised to the first offer to a responder, and from raised to the first acceptance (an arrival without an
 * acceptance counts as one), over the alerts that got that far. The timeline says it; an alert without timeline
 * entries (none were loaded for it) falls back to its own fields, which a re-dispatch overwrites.
 */
export function dispatchTimes(alerts: ReadonlyArray<Alert>, timelines: ReadonlyMap<string, ReadonlyArray<TimelineEntry>>) {
  const dispatch: number[] = [];
  const accept: number[] = [];
  for (const alert of alerts) {
    const offers = offersOf(alert.id, timelines.get(alert.id) ?? []);
    const offeredAt = offers[0]?.offeredAt ?? alert.assignedAt;
    const acceptedAt = offers.find((o) => o.acceptedAt !== null)?.acceptedAt ?? alert.acceptedAt;
    if (offeredAt !== null) dispatch.push(secondsBetween(alert.raisedAt, offeredAt));
    if (acceptedAt !== null) accept.push(secondsBetween(alert.raisedAt, acceptedAt));
  }
  return { timeToDispatch: durationStats(dispatch), timeToAccept: durationStats(accept) };
}
