import type { Alert, TimelineEntry } from '../alerts/alert.js';

// The offers made for one alert, read back from its timeline: the desk (or the gateway after a decline) offers it to
// a responder (`dispatched`, the responder's display name in the note), who accepts, declines or lets it expire, and
// then arrives. Responders act as `user:<username>`; the gateway's expiry and an automatic re-offer act as
// `system:rules`. An offer ends when it is declined or expires, or when the next offer replaces it (a re-dispatch);
// one still standing when the timeline ends was accepted, is still waiting, or the alert closed meanwhile.

/** The timeline actions the offers are read from. */
export const OFFER_ACTIONS = ['dispatched', 'accepted', 'declined', 'dispatch_expired', 'arrived'] as const;

export interface Offer {
  alertId: string;
  /** The display name the offer was made to (the `dispatched` note). */
  offeredName: string | null;
  /** The responder's username, once they acted on the offer themselves (accepted, declined, arrived). */
  username: string | null;
  offeredAt: number;
  /** Accepted, or arrived without accepting first (which counts as accepting). */
  acceptedAt: number | null;
  arrivedAt: number | null;
  end: 'declined' | 'expired' | null;
}

const USER_PREFIX = 'user:';
const usernameOf = (actor: string): string | null => (actor.startsWith(USER_PREFIX) ? actor.slice(USER_PREFIX.length) : null);

/** The offers of one alert, in the order they were made, from its timeline entries in the order written. */
export function offersOf(alertId: string, entries: ReadonlyArray<TimelineEntry>): Offer[] {
  const offers: Offer[] = [];
  let current: Offer | null = null;
  for (const e of entries) {
    if (e.alertId !== alertId) continue;
    if (e.action === 'dispatched') {
      current = { alertId, offeredName: e.note, username: null, offeredAt: e.at, acceptedAt: null, arrivedAt: null, end: null };
      offers.push(current);
      continue;
    }
    if (current === null) continue;
    const username = usernameOf(e.actor);
    if (username !== null && current.username === null) current.username = username;
    if (e.action === 'accepted') current.acceptedAt ??= e.at;
    else if (e.action === 'arrived') {
      current.acceptedAt ??= e.at;
      current.arrivedAt ??= e.at;
    } else if (e.action === 'declined' || e.action === 'dispatch_expired') {
      current.end = e.action === 'declined' ? 'declined' : 'expired';
      current = null;
    }
  }
  return offers;
}

/** Timeline entries grouped by alert, each group in the order given (the order written). */
export function entriesByAlert(entries: ReadonlyArray<TimelineEntry>): Map<string, TimelineEntry[]> {
  const out = new Map<string, TimelineEntry[]>();
  for (const e of entries) {
    const list = out.get(e.alertId);
    if (list) list.push(e);
    else out.set(e.alertId, [e]);
  }
  return out;
}

export interface ReportUser {
  id: string;
  username: string;
  displayName: string;
}

/**
 * Who an offer was made to. The username of whoever acted on it settles it. An offer nobody acted on (expired,
 * replaced, still waiting) names the responder only by display name: the one user of that name, or, when names
 * repeat, the one the alert remembers (its current assignee, or those who declined or let it expire). A user who no
 * longer exists is reported under the name the timeline kept.
 */
export function responderOfOffer(offer: Offer, alert: Pick<Alert, 'assigneeId' | 'declinedBy'>, users: ReadonlyArray<ReportUser>): { userId: string; displayName: string } {
  if (offer.username !== null) {
    const user = users.find((u) => u.username === offer.username);
    return user ? { userId: user.id, displayName: user.displayName } : { userId: `user:${offer.username}`, displayName: offer.offeredName ?? offer.username };
  }
  const named = users.filter((u) => u.displayName === offer.offeredName);
  const remembered = new Set([...(alert.assigneeId ? [alert.assigneeId] : []), ...alert.declinedBy]);
  const user = named.length === 1 ? named[0] : (named.find((u) => remembered.has(u.id)) ?? named[0]);
  const name = offer.offeredName ?? '?';
  return user ? { userId: user.id, displayName: user.displayName } : { userId: `name:${name}`, displayName: name };
}
