// The desk's picture of the alerts: open ones (raised, acknowledged) and, for this session,
// the recently closed ones (resolved, cancelled, cleared by the gateway). No DOM here.

const OPEN_STATUSES = new Set(['raised', 'acknowledged']);
/** Within one alert the status only moves forward; a reply older than what the live link said is ignored. */
const STATUS_RANK = { raised: 0, acknowledged: 1, resolved: 2, cancelled: 2, cleared: 2 };
const CLOSED_KEEP = 30;

export function isOpen(alert) {
  return OPEN_STATUSES.has(alert.status);
}

export function closedAt(alert) {
  return alert.resolvedAt ?? alert.cancelledAt ?? alert.clearedAt ?? alert.lastSeenAt;
}

/** Priority ascending (1 = life-safety first), then newest first. */
export function compareOpen(a, b) {
  if (a.priority !== b.priority) return a.priority - b.priority;
  const byTime = Date.parse(b.raisedAt) - Date.parse(a.raisedAt);
  return byTime !== 0 ? byTime : a.id.localeCompare(b.id);
}

function isAlert(value) {
  return Boolean(value) && typeof value === 'object' && typeof value.id === 'string' && value.status in STATUS_RANK;
}

export function createQueue() {
  const open = new Map();
  const closed = new Map();

  function place(alert) {
    if (isOpen(alert)) {
      closed.delete(alert.id);
      open.set(alert.id, alert);
      return;
    }
    open.delete(alert.id);
    closed.set(alert.id, alert);
    if (closed.size > CLOSED_KEEP) {
      const oldest = [...closed.values()].sort((a, b) => Date.parse(closedAt(a)) - Date.parse(closedAt(b)))[0];
      if (oldest) closed.delete(oldest.id);
    }
  }

  return {
    /** A snapshot is the whole truth about open alerts; closed ones seen this session stay. */
    replace(alerts) {
      open.clear();
      for (const alert of alerts) if (isAlert(alert)) place(alert);
    },
    /** Live events always win: the server sends them in commit order. */
    upsert(alert) {
      if (isAlert(alert)) place(alert);
    },
    /** An HTTP reply (or an event replayed after a snapshot) applies only if it is not behind what is shown. */
    applyReply(alert) {
      if (!isAlert(alert)) return false;
      const known = open.get(alert.id) ?? closed.get(alert.id);
      if (known && STATUS_RANK[alert.status] < STATUS_RANK[known.status]) return false;
      if (known && STATUS_RANK[alert.status] === STATUS_RANK[known.status] && alert.count < known.count) return false;
      place(alert);
      return true;
    },
    get(id) {
      return open.get(id) ?? closed.get(id);
    },
    openSorted() {
      return [...open.values()].sort(compareOpen);
    },
    closedSorted() {
      return [...closed.values()].sort((a, b) => Date.parse(closedAt(b)) - Date.parse(closedAt(a)));
    },
    /**
     * Life-safety alerts nobody has acknowledged yet: these sound the alarm.
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
    },
  };
}
