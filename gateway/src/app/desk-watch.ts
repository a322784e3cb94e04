import type { Logger } from 'pino';
import { OPEN_ALERT_STATUSES } from '../../../schemas/index.js';
import type { LiveEvents } from './live-events.port.js';
import type { NotificationOutbox } from './notification-outbox.js';
import type { Store } from './store.port.js';

// Nobody watching: an unwatched desk with open life-safety alarms is how real alarm centres have let people die.
// Every few seconds the gateway sends the desks a heartbeat (so a desk that stops hearing it knows its picture is
// stale) and checks that somebody is watching; when P1 alarms are open and no desk has been connected for the
// configured time, it raises the alarm through the notification outbox (stored, so sent at least once), and again
// after the same time while it lasts.
// Desk presence is the websocket connections, so it lives in memory, not in the store; several instances tell each
// other their counts (cluster-sync.ts).

export function startDeskWatch(deps: {
  store: Store;
  live: LiveEvents;
  /** Desks connected to this instance and, with several instances, to the others. */
  desksWatching: () => number;
  /** With several instances, only the leader raises the alarm, so the supervisors hear it once. */
  isLeader: () => Promise<boolean>;
  outbox: Pick<NotificationOutbox, 'enqueue'>;
  clock: () => number;
  unwatchedMs: number;
  heartbeatMs: number;
  logger: Logger;
}) {
  const { store, live, clock } = deps;
  const logger = deps.logger.child({ module: 'desk-watch' });
  let lastWatchedAt = clock();
  let lastToldAt = 0;

  async function tick(): Promise<void> {
    const now = clock();
    const watching = deps.desksWatching();
    if (watching > 0) lastWatchedAt = now;
    const open = await store.listAlerts({ statuses: OPEN_ALERT_STATUSES, limit: 1000 });
    const lifeSafety = open.filter((a) => a.priority === 1 && !a.test);
    live.publish({ type: 'heartbeat', at: new Date(now).toISOString(), openLifeSafety: lifeSafety.length, desksWatching: watching });
    if (lifeSafety.length === 0 || watching > 0) return;
    if (now - lastWatchedAt < deps.unwatchedMs || now - lastToldAt < deps.unwatchedMs) return;
    if (!(await deps.isLeader())) return;
    logger.error({ openLifeSafety: lifeSafety.length, unwatchedSeconds: Math.round((now - lastWatchedAt) / 1000) }, 'life-safety alarms open and nobody is watching the desk');
    // Counted as told only once stored: a store that fails now makes the next tick try again.
    await deps.outbox.enqueue({ topic: 'desk_unwatched', audience: 'supervisors', elderId: null, alertId: null, alertType: null, priority: 1 });
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
