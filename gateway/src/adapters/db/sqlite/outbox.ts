import type { OutboxStore } from '../../../app/ports/store/outbox.port.js';
import { claimedFromRow, oldestFirst, type ClaimedRow } from '../rows/outbox-rows.js';
import type { SqliteContext } from './connection.js';

// The notification outbox of the embedded store (app/ports/store/outbox.port.ts; its rows are written by the
// decision commit, decisions.ts). One gateway process owns the file, so a claim has no rival; it still leases its
// rows, so that what a killed process claimed is due again. On the routine connection (synchronous NORMAL): a claim
// or a mark lost to power loss only makes a row due again, and a resend carries the same idempotency key.

export function createSqliteOutbox({ routine: db }: SqliteContext): OutboxStore {
  const q = {
    due: db.prepare(`SELECT id FROM notification_outbox WHERE state = 'pending' AND next_attempt_at <= ? ORDER BY created_at, id LIMIT ?`),
    lease: db.prepare(
      `UPDATE notification_outbox SET claimed_by = ?, next_attempt_at = ?, attempts = attempts + 1 WHERE id = ?
       RETURNING id, created_at, notification, attempts`,
    ),
    delivered: db.prepare(
      `UPDATE notification_outbox SET state = 'delivered', settled_at = ?, claimed_by = NULL, last_error = NULL
       WHERE id = ? AND state = 'pending'`,
    ),
    retry: db.prepare(
      `UPDATE notification_outbox SET next_attempt_at = ?, last_error = ?, claimed_by = NULL
       WHERE id = ? AND state = 'pending' AND attempts = ?`,
    ),
    givenUp: db.prepare(
      `UPDATE notification_outbox SET state = 'given_up', settled_at = ?, last_error = ?, claimed_by = NULL
       WHERE id = ? AND state = 'pending' AND attempts = ?`,
    ),
    release: db.prepare(`UPDATE notification_outbox SET next_attempt_at = ?, claimed_by = NULL WHERE state = 'pending' AND claimed_by = ?`),
    pending: db.prepare(`SELECT COUNT(*) AS n FROM notification_outbox WHERE state = 'pending'`),
    prune: db.prepare(`DELETE FROM notification_outbox WHERE state <> 'pending' AND settled_at < ?`),
  };

  // Reads first and writes only what it found: a sweep that finds nothing due takes no write lock (a locked file
  // must not make every sweep wait for busy_timeout).
  const claim = db.transaction((claimant: string, now: number, leaseUntil: number, limit: number) => {
    const ids = (q.due.all(now, limit) as Array<{ id: string }>).map((r) => r.id);
    return ids.map((id) => claimedFromRow(q.lease.get(claimant, leaseUntil, id) as ClaimedRow));
  });

  return {
    async claimNotifications({ claimant, now, leaseUntil, limit }) {
      return claim(claimant, now, leaseUntil, limit).sort(oldestFirst);
    },
    async settleNotification(id, attempt, s) {
      const result =
        s.state === 'delivered' ? q.delivered.run(s.at, id) : s.state === 'retry' ? q.retry.run(s.nextAttemptAt, s.error, id, attempt) : q.givenUp.run(s.at, s.error, id, attempt);
      return result.changes > 0;
    },
    async releaseNotificationClaims(claimant, now) {
      return q.release.run(now, claimant).changes;
    },
    async countPendingNotifications() {
      return (q.pending.get() as { n: number }).n;
    },
    async pruneSettledNotifications(olderThan) {
      return q.prune.run(olderThan).changes;
    },
  };
}
