import type { Notification } from '../../../core/notification.js';

// The notification outbox: a notification is written in the same transaction as what caused it (the decision
// commit), so a crash after the commit cannot lose it; the outbox sender claims and settles it here.

/**
 * A notification in the outbox. `id` is stable across resends: the channel sends it as the idempotency key, so a
 * receiver can drop a resend after a crash between its POST and the mark.
 */
export interface OutboxNotification {
  id: string;
  /** When it was decided (epoch ms); the `at` of every send. */
  createdAt: number;
  notification: Notification;
}

/** One claimed for sending. `attempt` counts the claims, this one included, and names it when it is settled. */
export interface ClaimedNotification extends OutboxNotification {
  attempt: number;
}

/** How an attempt ended. A retry and a give-up apply only while the row is still in the claim that attempt made. */
export type NotificationSettlement =
  | { state: 'delivered'; at: number }
  | { state: 'retry'; nextAttemptAt: number; error: string }
  | { state: 'given_up'; at: number; error: string };

export interface OutboxStore {
  /**
   * Several senders (gateway instances) may claim at once: a claim takes pending rows due at `now`, oldest first,
   * that nobody else is claiming at this moment, and leases them to `claimant` until `leaseUntil` (they are due
   * again then, should the claimant die before it settles them).
   */
  claimNotifications(claim: { claimant: string; now: number; leaseUntil: number; limit: number }): Promise<ClaimedNotification[]>;
  /** False when the row was no longer pending (delivered by another claim) or, for a retry or give-up, re-claimed meanwhile. */
  settleNotification(id: string, attempt: number, settlement: NotificationSettlement): Promise<boolean>;
  /** Makes the claimant's leased rows due at `now`: a restarted instance's sends that its previous life never settled. */
  releaseNotificationClaims(claimant: string, now: number): Promise<number>;
  countPendingNotifications(): Promise<number>;
  /** Forgets delivered and given-up notifications settled before the cutoff. */
  pruneSettledNotifications(olderThan: number): Promise<number>;
}
