import type { Logger } from 'pino';
import type { Notification } from '../../core/notification.js';
import type { NotificationMetrics } from '../ports/metrics.port.js';
import type { NotificationComposer } from './notification-composer.js';
import type { NotificationChannel } from '../ports/notifier.port.js';
import { emptyCommitBatch, type DecisionStore } from '../ports/store/decisions.port.js';
import type { ClaimedNotification, NotificationSettlement, OutboxStore } from '../ports/store/outbox.port.js';

// Sends the notifications the store holds in its outbox, at least once. A notification is written in the same
// transaction as its cause (the rule runner's commit, or `enqueue` for the few decided outside a rule run), so a
// process killed after the commit cannot lose it: the next life, or another instance, sends it. The commit wakes
// the sender, so a family's SMS waits for no poll; a sweep every `sweepMs` picks up retries and what other lives or
// instances left. A failed send is retried with exponential backoff until `giveUpAfterMs` after the decision, then
// given up with an error log and a metric, never silently. Every attempt carries the row's id as its idempotency
// key: a crash between a delivery and its mark resends it, and the receiver can tell.
//
// Several senders (instances on one PostgreSQL) share the outbox: a claim leases rows to one of them (the store's
// claimNotifications), so two never send the same row at the same moment; a sender that dies leaves its rows to
// whoever claims them when the lease runs out, or to its own next life, which releases them at start.

export interface OutboxOptions {
  /** How long a claim keeps a row from other senders: longer than one send can take (the webhook times out at 5 s). */
  leaseMs: number;
  /** The sweep for due retries and rows other lives or instances left. */
  sweepMs: number;
  /** Backoff of the first retry; doubled for each further attempt, up to `maxRetryMs`. */
  firstRetryMs: number;
  maxRetryMs: number;
  /** A notification still not delivered this long after it was decided is given up after its next failure. */
  giveUpAfterMs: number;
  /** Sends under way at once; a slow receiver must not hold back the next family's SMS behind one long batch. */
  maxInFlight: number;
}

export const DEFAULT_OUTBOX_OPTIONS: OutboxOptions = {
  leaseMs: 30_000,
  sweepMs: 1_000,
  firstRetryMs: 1_000,
  maxRetryMs: 60_000,
  giveUpAfterMs: 60 * 60_000,
  maxInFlight: 16,
};

/** After the store failed, sweeps are skipped for 2, 4, ... up to this many periods (a wake still tries at once). */
const MAX_SWEEPS_SKIPPED = 30;

export function createNotificationOutbox(
  deps: {
    store: DecisionStore & OutboxStore;
    channel: NotificationChannel;
    composer: NotificationComposer;
    metrics: NotificationMetrics;
    clock: () => number;
    newId: () => string;
    /** Who claims: this instance's id, the same in every life of it, so that a restart can release its own claims. */
    claimant: string;
    logger: Logger;
  },
  options: OutboxOptions = DEFAULT_OUTBOX_OPTIONS,
) {
  const { store, channel, metrics, clock, claimant } = deps;
  const logger = deps.logger.child({ module: 'notify-outbox' });
  const inFlight = new Set<Promise<void>>();
  let started = false;
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  let claiming: Promise<void> | null = null;
  /** A wake came while claiming: claim once more, it may have missed the new row. */
  let again = false;
  /** The last claim filled every free slot: more may be due, so a finished send claims again. */
  let saturated = false;
  let storeFailures = 0;
  let sweepsToSkip = 0;

  const backoffMs = (attempt: number): number => Math.min(options.firstRetryMs * 2 ** (attempt - 1), options.maxRetryMs);

  async function settle(c: ClaimedNotification, settlement: NotificationSettlement): Promise<void> {
    // False: another claim settled it meanwhile (this one's lease ran out); that claim's word stands.
    if (!(await store.settleNotification(c.id, c.attempt, settlement))) {
      logger.warn({ notificationId: c.id, attempt: c.attempt, state: settlement.state }, 'notification settled by a later claim');
    }
  }

  async function attempt(c: ClaimedNotification): Promise<void> {
    const { topic, alertId } = c.notification;
    let outcome: 'delivered' | 'failed';
    let error = `channel ${channel.name} did not deliver`;
    try {
      outcome = await channel.send(await deps.composer.compose(c));
    } catch (err) {
      // A channel must not throw (notifier.port.ts); composing may, when the store cannot be read.
      outcome = 'failed';
      error = err instanceof Error ? err.message : String(err);
    }
    metrics.notifications.inc({ topic, outcome });
    const now = clock();
    if (outcome === 'delivered') {
      await settle(c, { state: 'delivered', at: now });
      metrics.notificationsDelivered.inc({ topic });
      metrics.notificationDeliverySeconds.observe({ topic }, Math.max(0, now - c.createdAt) / 1000);
      return;
    }
    const giveUpAt = c.createdAt + options.giveUpAfterMs;
    if (now >= giveUpAt) {
      await settle(c, { state: 'given_up', at: now, error });
      metrics.notificationsGivenUp.inc({ topic });
      logger.error(
        { notificationId: c.id, topic, alertId, attempts: c.attempt, error, giveUpAfterMinutes: Math.round(options.giveUpAfterMs / 60_000) },
        'notification given up: not delivered in time',
      );
      return;
    }
    // The last retry falls on the give-up time, not after it.
    await settle(c, { state: 'retry', nextAttemptAt: Math.min(now + backoffMs(c.attempt), giveUpAt), error });
    metrics.notificationsRetried.inc({ topic });
    // One line per notification, not per retry: an outage of the receiver would flood the log.
    if (c.attempt === 1) logger.warn({ notificationId: c.id, topic, alertId, error }, 'notification not delivered; retrying with backoff');
  }

  function launch(c: ClaimedNotification): void {
    const sending: Promise<void> = attempt(c)
      // Not settled (the store failed): the row is due again when its lease runs out.
      .catch((err: unknown) => logger.error({ err, notificationId: c.id }, 'notification attempt not recorded; due again after its lease'))
      .finally(() => {
        inFlight.delete(sending);
        if (saturated) void pump();
      });
    inFlight.add(sending);
  }

  async function claimWhileRoom(): Promise<void> {
    do {
      again = false;
      for (;;) {
        const room = options.maxInFlight - inFlight.size;
        saturated = room <= 0;
        if (saturated || stopped) break;
        const now = clock();
        const claimed = await store.claimNotifications({ claimant, now, leaseUntil: now + options.leaseMs, limit: room });
        storeFailures = 0;
        claimed.forEach(launch);
        saturated = claimed.length === room;
        if (!saturated) break;
      }
    } while (again && !stopped);
  }

  /** Claims what is due and starts sending it; one claim at a time, and once more if woken meanwhile. */
  function pump(): Promise<void> {
    if (!started || stopped) return Promise.resolve();
    if (claiming) {
      again = true;
      return claiming;
    }
    claiming = claimWhileRoom()
      .catch((err: unknown) => {
        storeFailures += 1;
        sweepsToSkip = Math.min(2 ** storeFailures, MAX_SWEEPS_SKIPPED) - 1;
        logger.error({ err }, 'notification outbox cannot claim from the store; trying again');
      })
      .finally(() => (claiming = null));
    return claiming;
  }

  async function sweep(): Promise<void> {
    if (sweepsToSkip > 0) {
      sweepsToSkip -= 1;
      return;
    }
    await pump();
    // Not while the store fails: pump has said so already, once per backoff.
    if (storeFailures === 0) metrics.notificationsPending.set(await store.countPendingNotifications());
  }

  const sweepLogged = () => sweep().catch((err: unknown) => logger.warn({ err }, 'notification outbox sweep failed'));

  return {
    /** Sends what earlier lives left, then keeps sweeping. Never throws: a store that fails now is retried. */
    async start(): Promise<void> {
      if (started) return;
      try {
        const released = await store.releaseNotificationClaims(claimant, clock());
        if (released > 0) logger.warn({ released }, 'notifications claimed before a restart and never settled are due again');
      } catch (err) {
        logger.error({ err }, 'could not release the previous life\'s notification claims; they are due when their lease ends');
      }
      started = true;
      timer = setInterval(() => void sweepLogged(), options.sweepMs);
      timer.unref();
      await sweepLogged();
    },

    /** A commit added notifications: send them now. */
    wake(): void {
      void pump();
    },

    /** A notification decided outside a rule run (desk-watch): stored first, then sent like the others. */
    async enqueue(notification: Notification): Promise<void> {
      await store.commit({ ...emptyCommitBatch(), notifications: [{ id: deps.newId(), createdAt: clock(), notification }] }, 'alarm');
      void pump();
    },

    /** One sweep, and the sends it started (tests). */
    async sweepNow(): Promise<void> {
      await sweepLogged();
      await Promise.all([...inFlight]);
    },

    /** Claims nothing more and waits for the sends under way to settle; what is left goes at the next start. */
    async stop(): Promise<void> {
      stopped = true;
      if (timer) clearInterval(timer);
      await claiming;
      await Promise.all([...inFlight]);
    },
  };
}

export type NotificationOutbox = ReturnType<typeof createNotificationOutbox>;
