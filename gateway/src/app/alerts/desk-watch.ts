import type { Logger } from 'pino';
import { OPEN_ALERT_STATUSES } from '../../../../schemas/index.js';
import type { NotificationOutbox } from '../notifications/notification-outbox.js';
import type { AlertStore } from '../ports/store/alerts.port.js';

// Nobody watching: an unwatched desk with open life-safety alarms is how real alarm centres have let people die.
// Every few seconds the gateway sends the desks a heartbeat (so a desk that stops hearing it knows its picture is
// stale) and checks that somebody is watching each open P1: a desk whose region contains the alarm's. A desk of
// another town is connected but cannot see it, so it does not count. When a P1 has had no such desk for the
// configured time, the watch raises the alarm through the notification outbox (stored, so sent at least once), to
// the supervisors over that elder's region, and again after the same time while it lasts.
// Desk presence is the websocket connections, so it lives in memory, not in the store; several instances tell each
// other which regions their desks watch (cluster-sync.ts).

/** What the heartbeat is counted from; the live hub counts each client's share of it (its region, its own work). */
export interface DeskBeat {
  at: number;
  /** Open P1 alarms (tests excepted). */
  lifeSafety: Array<{ regionPath: string; assigneeId: string | null }>;
  /** The region path of every desk connected to any instance. */
  deskPaths: readonly string[];
}

export function startDeskWatch(deps: {
  store: AlertStore;
  /** Region paths of the desks connected to this instance and, with several instances, to the others. */
  deskPaths: () => readonly string[];
  regionPathOf: (regionId: string) => string | undefined;
  /** Sends this instance's clients their heartbeat. */
  beat: (beat: DeskBeat) => void;
  /** With several instances, only the leader raises the alarm, so the supervisors hear it once. */
  isLeader: () => Promise<boolean>;
  outbox: Pick<NotificationOutbox, 'enqueue'>;
  clock: () => number;
  unwatchedMs: number;
  heartbeatMs: number;
  logger: Logger;
}) {
  const { store, clock } = deps;
  const logger = deps.logger.child({ module: 'desk-watch' });
  /** Per open P1 that no connected desk can see: since when (this instance's first tick that found it so). */
  const unwatchedSince = new Map<string, number>();
  let lastToldAt = 0;

  async function tick(): Promise<void> {
    const now = clock();
    const deskPaths = deps.deskPaths();
    const open = await store.listAlerts({ statuses: OPEN_ALERT_STATUSES, limit: 1000 });
    const lifeSafety = open
      .filter((a) => a.priority === 1 && !a.test)
      .map((a) => ({ alert: a, regionPath: deps.regionPathOf(a.elder.regionId) ?? '', assigneeId: a.assigneeId }));
    deps.beat({ at: now, lifeSafety, deskPaths });

    const unseen = lifeSafety.filter((a) => !deskPaths.some((p) => a.regionPath.startsWith(p)));
    const unseenIds = new Set(unseen.map((a) => a.alert.id));
    for (const id of unwatchedSince.keys()) if (!unseenIds.has(id)) unwatchedSince.delete(id);
    for (const id of unseenIds) if (!unwatchedSince.has(id)) unwatchedSince.set(id, now);
    const longest = unseen.reduce<(typeof unseen)[number] | null>(
      (worst, a) => (worst === null || (unwatchedSince.get(a.alert.id) ?? now) < (unwatchedSince.get(worst.alert.id) ?? now) ? a : worst),
      null,
    );
    if (!longest) return;
    const since = unwatchedSince.get(longest.alert.id) ?? now;
    if (now - since < deps.unwatchedMs || now - lastToldAt < deps.unwatchedMs) return;
    if (!(await deps.isLeader())) return;
    logger.error(
      { openLifeSafety: lifeSafety.length, unwatched: unseen.length, alertId: longest.alert.id, unwatchedSeconds: Math.round((now - since) / 1000) },
      'life-safety alarms open and no desk that can see them is watching',
    );
    // Counted as told only once stored: a store that fails now makes the next tick try again.
    await deps.outbox.enqueue({
      topic: 'desk_unwatched',
      audience: 'supervisors',
      elderId: longest.alert.elderId,
      alertId: longest.alert.id,
      alertType: longest.alert.type,
      priority: 1,
    });
    lastToldAt = now;
  }

  const timer = setInterval(() => {
    tick().catch((err: unknown) => logger.error({ err }, 'desk watch tick failed'));
  }, deps.heartbeatMs);
  timer.unref();

  return {
    stop(): void {
      clearInterval(timer);
    },
  };
}
