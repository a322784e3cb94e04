import type { Notification } from '../../../core/notification.js';
import type { ClaimedNotification, OutboxNotification } from '../../../app/ports/store/outbox.port.js';

// The notification outbox's rows, the same in both engines: the core's notification as the JSON the gateway wrote,
// beside the columns an operator queries by (topic, alert) and the sender's bookkeeping.

/** The columns of a new row, in the order of `outboxInsertValues`. */
export const OUTBOX_INSERT_COLUMNS = ['id', 'topic', 'alert_id', 'notification', 'created_at', 'next_attempt_at'] as const;

/** A new row is due at once: the first attempt is the one the commit wakes the sender for. */
export const outboxInsertValues = (n: OutboxNotification): unknown[] => [
  n.id,
  n.notification.topic,
  n.notification.alertId,
  JSON.stringify(n.notification),
  n.createdAt,
  n.createdAt,
];

/** What a claim reads back. */
export interface ClaimedRow {
  id: string;
  created_at: number;
  notification: string;
  attempts: number;
}

export const claimedFromRow = (r: ClaimedRow): ClaimedNotification => ({
  id: r.id,
  createdAt: r.created_at,
  notification: JSON.parse(r.notification) as Notification,
  attempt: r.attempts,
});

/** Oldest first: a claim returns rows in no particular order (RETURNING). */
export const oldestFirst = (a: ClaimedNotification, b: ClaimedNotification): number => a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
