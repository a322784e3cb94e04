import type { OutboxStore } from '../../../app/ports/store/outbox.port.js';
import { claimedFromRow, oldestFirst, type ClaimedRow } from '../rows/outbox-rows.js';
import type { PgContext } from './connection.js';
import { named } from './statements.js';

// The notification outbox on the shared database (app/ports/store/outbox.port.ts; its rows are written by the decision
// commit, decisions.ts). Every gateway instance sends: the one whose commit wrote a notification is woken by it and
// sends at once, whichever instance leads. So that two senders never send the same row at the same moment, a claim is
// one statement that picks due rows FOR UPDATE SKIP LOCKED (a row another sender is claiming right now is passed over,
// not waited for) and leases them: it moves `next_attempt_at` to the end of the lease, so once the statement commits
// the row is no longer due for anybody until the claimant settles it or dies and the lease runs out. Settling a retry
// or a give-up checks the attempt number, so a claimant whose lease ran out cannot undo the claim that followed it.

const q = {
  claim: named(
    'outbox-claim',
    `UPDATE notification_outbox o SET claimed_by = $1, next_attempt_at = $3, attempts = o.attempts + 1
     FROM (SELECT id FROM notification_outbox WHERE state = 'pending' AND next_attempt_at <= $2
           ORDER BY created_at, id LIMIT $4 FOR UPDATE SKIP LOCKED) AS due
     WHERE o.id = due.id
     RETURNING o.id, o.created_at, o.notification, o.attempts`,
  ),
  delivered: named(
    'outbox-delivered',
    `UPDATE notification_outbox SET state = 'delivered', settled_at = $2, claimed_by = NULL, last_error = NULL
     WHERE id = $1 AND state = 'pending'`,
  ),
  retry: named(
    'outbox-retry',
    `UPDATE notification_outbox SET next_attempt_at = $3, last_error = $4, claimed_by = NULL
     WHERE id = $1 AND state = 'pending' AND attempts = $2`,
  ),
  givenUp: named(
    'outbox-given-up',
    `UPDATE notification_outbox SET state = 'given_up', settled_at = $3, last_error = $4, claimed_by = NULL
     WHERE id = $1 AND state = 'pending' AND attempts = $2`,
  ),
  release: named('outbox-release', `UPDATE notification_outbox SET next_attempt_at = $2, claimed_by = NULL WHERE state = 'pending' AND claimed_by = $1`),
  pending: named('outbox-pending', `SELECT COUNT(*)::integer AS n FROM notification_outbox WHERE state = 'pending'`),
  prune: named('outbox-prune', `DELETE FROM notification_outbox WHERE state <> 'pending' AND settled_at < $1`),
};

export function createPgOutbox({ pool, changes }: PgContext): OutboxStore {
  return {
    async claimNotifications({ claimant, now, leaseUntil, limit }) {
      const { rows } = await pool.query<ClaimedRow>(q.claim(claimant, now, leaseUntil, limit));
      return rows.map(claimedFromRow).sort(oldestFirst);
    },
    async settleNotification(id, attempt, s) {
      const query = s.state === 'delivered' ? q.delivered(id, s.at) : s.state === 'retry' ? q.retry(id, attempt, s.nextAttemptAt, s.error) : q.givenUp(id, attempt, s.at, s.error);
      return (await changes(query)) > 0;
    },
    releaseNotificationClaims: (claimant, now) => changes(q.release(claimant, now)),
    async countPendingNotifications() {
      return (await pool.query<{ n: number }>(q.pending())).rows[0]?.n ?? 0;
    },
    pruneSettledNotifications: (olderThan) => changes(q.prune(olderThan)),
  };
}
