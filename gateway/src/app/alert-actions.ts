import type { Logger } from 'pino';
import type { AlertDetail, AlertStatus, AlertView } from '../../../schemas/index.js';
import { OPEN_ALERT_STATUSES } from '../../../schemas/index.js';
import { userActor } from '../core/alert.js';
import { acknowledge, resolve, type TransitionResult } from '../core/alert-lifecycle.js';
import { AppError } from './errors.js';
import type { KeyedSerialQueue } from './keyed-serial-queue.js';
import type { LiveEvents } from './live-events.port.js';
import type { Metrics } from './metrics.js';
import type { AlertWithElder, Store } from './store.port.js';
import { toAlertDetail, toAlertView } from './views.js';

// The desk's use cases on alerts: list, read, acknowledge, resolve. Every transition is audited and pushed live.

export interface Actor {
  username: string;
}

export function createAlertActions(deps: {
  store: Store;
  live: LiveEvents;
  metrics: Metrics;
  queue: KeyedSerialQueue;
  clock: () => number;
  logger: Logger;
}) {
  const { store, live, metrics, clock } = deps;
  const logger = deps.logger.child({ module: 'alert-actions' });

  async function load(id: string): Promise<AlertWithElder> {
    const alert = await store.getAlert(id);
    if (!alert) throw new AppError('ALERT_NOT_FOUND');
    return alert;
  }

  async function transition(id: string, step: (alert: AlertWithElder, now: number) => TransitionResult): Promise<AlertView> {
    const { elderId } = await load(id);
    // Same queue as the rules for this elder: a device's repeat and an operator's acknowledgement never interleave.
    return deps.queue.run(elderId, () => transitionNow(id, step));
  }

  async function transitionNow(id: string, step: (alert: AlertWithElder, now: number) => TransitionResult): Promise<AlertView> {
    const current = await load(id);
    const now = clock();
    const result = step(current, now);
    if (!result.ok) {
      throw new AppError('ALERT_TRANSITION_INVALID', `alert is ${result.from}; it cannot become ${result.to}`);
    }
    // Written only if nobody moved the alert meanwhile (a second operator, or the elder's cancel).
    const written = await store.transitionAlert(result.alert, result.entry, current.status);
    if (!written) {
      const moved = await load(id);
      throw new AppError('ALERT_TRANSITION_INVALID', `alert changed to ${moved.status} meanwhile`);
    }
    // The written alert is the lifecycle's result; the elder did not change, so no second read is needed.
    const updated: AlertWithElder = { ...result.alert, elder: current.elder };
    if (current.acknowledgedAt === null && updated.acknowledgedAt !== null) {
      metrics.ackLatency.observe({ priority: String(updated.priority) }, (updated.acknowledgedAt - updated.raisedAt) / 1000);
    }
    logger.info({ alertId: id, action: result.entry.action, actor: result.entry.actor }, 'alert transition');
    const view = toAlertView(updated);
    live.publish({ type: 'alert.updated', alert: view });
    return view;
  }

  return {
    async list(status: 'open' | 'all' | AlertStatus, limit: number): Promise<AlertView[]> {
      const statuses = status === 'open' ? OPEN_ALERT_STATUSES : status === 'all' ? 'all' : [status];
      return (await store.listAlerts({ statuses, limit })).map(toAlertView);
    },
    async get(id: string): Promise<AlertDetail> {
      const alert = await load(id);
      return toAlertDetail(alert, await store.getTimeline(id));
    },
    acknowledge(id: string, actor: Actor, note: string | null): Promise<AlertView> {
      return transition(id, (alert, now) => acknowledge(alert, userActor(actor.username), now, note));
    },
    resolve(id: string, actor: Actor, note: string | null): Promise<AlertView> {
      return transition(id, (alert, now) => resolve(alert, userActor(actor.username), now, note));
    },
  };
}

export type AlertActions = ReturnType<typeof createAlertActions>;
