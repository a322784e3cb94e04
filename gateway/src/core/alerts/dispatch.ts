import type { ResponderCandidate } from '../elder-state.js';

// Who to send. The desk sees the suggestion and may pick anyone in it; after a decline or an expired offer the
// gateway sends the first one itself. The order is what a duty officer would do by hand: the elder's own named
// responders know the home and the family, then someone from the same community (close by), then whoever is on
// duty, then whoever has the least on their hands. The name (in Chinese collation, fixed so that the host's locale does not
// change it) and the id only make the order stable.

function compare(a: ResponderCandidate, b: ResponderCandidate): number {
  return (
    Number(b.assignedToElder) - Number(a.assignedToElder) ||
    Number(b.sameCommunity) - Number(a.sameCommunity) ||
    Number(b.onDuty) - Number(a.onDuty) ||
    a.openAssignments - b.openAssignments ||
    a.displayName.localeCompare(b.displayName, 'zh-CN') ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}

/** The candidates in the order to ask them, without those who already declined or let the offer expire. */
export function suggestResponders(candidates: readonly ResponderCandidate[], excluded: readonly string[]): ResponderCandidate[] {
  const skip = new Set(excluded);
  return candidates.filter((c) => !skip.has(c.id)).sort(compare);
}

/**
 * The responder the gateway sends on its own, or null. Only someone on duty: an automatic offer to a person off
 * duty would sit unanswered until it expires, while the desk could have called somebody.
 */
export function nextResponder(candidates: readonly ResponderCandidate[], excluded: readonly string[]): ResponderCandidate | null {
  return suggestResponders(candidates, excluded).find((c) => c.onDuty) ?? null;
}
