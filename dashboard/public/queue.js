// The desk's picture of the alerts: open ones (raised, acknowledged, dispatched, on site, on hold) and, for this
// session, the recently closed ones (resolved, false alarm, cancelled by the elder, cleared by the gateway). No DOM.
//
// Within an open alert the status no longer only moves forward (a declined dispatch returns to acknowledged, a hold
// returns to where it was), so "is this reply older than what is shown" is answered by the live link instead: every
// live event for an alert bumps its version, and the reply to an action applies only when no live event for that
// alert arrived while the request was under way (the live link sends that action's result too, in commit order).
// Closed is final: nothing reopens an alert seen closed.

export const OPEN_STATUSES = new Set(['raised', 'acknowledged', 'dispatched', 'on_site', 'on_hold']);
export const CLOSED_STATUSES = new Set(['resolved', 'false_alarm', 'cancelled', 'cleared']);
const CLOSED_KEEP = 30;

export function isOpen(alert) {
  return OPEN_STATUSES.has(alert.status);
}

export function closedAt(alert) {
  return alert.resolvedAt ?? alert.cancelledAt ?? alert.clearedAt ?? alert.lastSeenAt;
}

/**
 * Held alerts last (somebody decided they can wait), then priority (1 = life-safety first), then the unacknowledged
 * before those being worked on, then newest first.
 */
export function compareOpen(a, b) {
  const held = Number(a.status === 'on_hold') - Number(b.status === 'on_hold');
  if (held !== 0) return held;
  if (a.priority !== b.priority) return a.priority - b.priority;
  const raised = Number(b.status === 'raised') - Number(a.status === 'raised');
  if (raised !== 0) return raised;
  const byTime = Date.parse(b.raisedAt) - Date.parse(a.raisedAt);
  return byTime !== 0 ? byTime : a.id.localeCompare(b.id);
}

function isAlert(value) {
  return (
    Boolean(value) &&
    typeof value === 'object' &&
    typeof value.id === 'string' &&
    (OPEN_STATUSES.has(value.status) || CLOSED_STATUSES.has(value.status))
  );
}

export function createQueue() {
  const open = new Map();
  const closed = new Map();
  const versions = new Map();
  /** The last responder seen on each alert: the view drops the assignee once it is closed, the desk still says who went. */
  const lastAssignee = new Map();

  function place(alert) {
    if (alert.assignee && typeof alert.assignee.displayName === 'string') lastAssignee.set(alert.id, alert.assignee);
    if (isOpen(alert)) {
      closed.delete(alert.id);
      open.set(alert.id, alert);
      return;
    }
    open.delete(alert.id);
    closed.set(alert.id, alert);
    if (closed.size > CLOSED_KEEP) {
      const oldest = [...closed.values()].sort((a, b) => Date.parse(closedAt(a)) - Date.parse(closedAt(b)))[0];
      if (oldest) {
        closed.delete(oldest.id);
        lastAssignee.delete(oldest.id);
        versions.delete(oldest.id);
      }
    }
  }

  function known(id) {
    return open.get(id) ?? closed.get(id);
  }

  return {
    /** A snapshot is the whole truth about open alerts; closed ones seen this session stay. */
    replace(alerts) {
      open.clear();
      for (const alert of alerts) {
        if (!isAlert(alert)) continue;
        versions.set(alert.id, (versions.get(alert.id) ?? 0) + 1);
        place(alert);
      }
    },
    /** Live events always win: the server sends them in commit order. */
    upsert(alert) {
      if (!isAlert(alert)) return;
      versions.set(alert.id, (versions.get(alert.id) ?? 0) + 1);
      place(alert);
    },
    /** How many live updates of the alert this page has seen; taken before an action, compared after it. */
    version(id) {
      return versions.get(id) ?? 0;
    },
    /**
     * The reply to an action: applies when the live link said nothing about the alert since `sinceVersion` (it is
     * slow or down) and the alert was not seen closed.
     */
    applyReply(alert, sinceVersion) {
      if (!isAlert(alert)) return false;
      const current = known(alert.id);
      if (current && CLOSED_STATUSES.has(current.status)) return false;
      if (current && sinceVersion !== undefined && (versions.get(alert.id) ?? 0) !== sinceVersion) return false;
      place(alert);
      return true;
    },
    /**
     * An event that arrived while the snapshot was on its way, replayed after it. It may be older than the snapshot:
     * it never reopens a closed alert, and a repeat count never goes down.
     */
    applyReplayed(alert) {
      if (!isAlert(alert)) return false;
      const current = known(alert.id);
      if (current && CLOSED_STATUSES.has(current.status) && !CLOSED_STATUSES.has(alert.status)) return false;
      if (current && current.status === alert.status && alert.count < current.count) return false;
      versions.set(alert.id, (versions.get(alert.id) ?? 0) + 1);
      place(alert);
      return true;
    },
    get(id) {
      return known(id);
    },
    /** The responder sent to the alert, or the last one seen on it once it was closed. */
    assigneeOf(alert) {
      return alert.assignee ?? lastAssignee.get(alert.id) ?? null;
    },
    openSorted() {
      return [...open.values()].sort(compareOpen);
    },
    closedSorted() {
      return [...closed.values()].sort((a, b) => Date.parse(closedAt(b)) - Date.parse(closedAt(a)));
    },
    /**
     * The alert the keyboard acts on: the top unacknowledged one, else the top acknowledged one (to dispatch or
     * resolve), else the top one being worked on. Never one on hold: it was put aside on purpose.
     */
    keyboardTarget() {
      const sorted = [...open.values()].sort(compareOpen);
      return (
        sorted.find((a) => a.status === 'raised') ??
        sorted.find((a) => a.status === 'acknowledged') ??
        sorted.find((a) => a.status !== 'on_hold') ??
        null
      );
    },
    /**
     * Life-safety alerts nobody has acknowledged yet: these sound the alarm. One on hold does not: holding is a
     * decision taken with a reason, and the alert comes back raised when the time is up.
     * Test alerts (alert.test, from a device in test mode) count too, on purpose: an installer pressing a button
     * or a community running its monthly test wants to prove the whole path, up to the desk's sound and banner.
     * The gateway never dispatches them and the row carries the TEST badge, so the operator knows at a glance,
     * acknowledges, and the alarm stops as for a real one. Silencing them here would hide a broken speaker.
     */
    unacknowledgedLifeSafety() {
      let n = 0;
      for (const alert of open.values()) if (alert.priority === 1 && alert.status === 'raised') n += 1;
      return n;
    },
    clear() {
      open.clear();
      closed.clear();
      versions.clear();
      lastAssignee.clear();
    },
  };
}
