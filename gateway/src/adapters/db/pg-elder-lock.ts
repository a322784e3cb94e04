import type pg from 'pg';
import type { CommitBatch } from '../../app/store.port.js';
import { named } from './pg-statements.js';

// Commits that concern the same elder run one at a time, across every gateway instance on the database.
//
// Why: a batch takes row locks in several tables (the message id, the claimed deadline, alerts, tasks, re-armed
// deadlines, rule memory, presence), in the order of CommitBatch. Two instances handling the same elder at once can
// take two of those in opposite orders (one claims deadline A and re-arms B while the other claims B and re-arms A),
// and PostgreSQL would abort one of them as a deadlock after a second's wait. Taking one advisory lock per elder
// first, always in the same (sorted) order, makes such a cycle impossible: batches of different elders touch
// different rows, and batches of the same elder queue on its lock. The races the contract names (same message id,
// same deadline, same open alert) are settled by the rows themselves (pg-commit.ts) with or without this lock.

/** First half of the two-key advisory lock id; the second is the elder id's hash. Apart from the migration lock and the cluster link's leader lock. */
const ELDER_LOCK_SPACE = 1_701_603_410;

/**
 * One statement: the lock keys of the batch's elders, of its devices' elders and of its deadline keys' elders (the
 * batch names no elder for those), deduplicated and sorted, each locked until the transaction ends. The subquery's
 * ORDER BY orders the lock calls: the aggregate consumes its rows in that order. Sorting the keys rather than the
 * ids keeps the order consistent even when two elders' ids hash alike (they then merely share a lock).
 */
const lockElders = named(
  'commit-lock-elders',
  `SELECT count(pg_advisory_xact_lock(${ELDER_LOCK_SPACE}, lock_key)) AS locked FROM (
     SELECT DISTINCT hashtext(elder_id) AS lock_key FROM (
       SELECT unnest($1::text[]) AS elder_id
       UNION ALL SELECT elder_id FROM devices WHERE id = ANY($2::text[])
       UNION ALL SELECT elder_id FROM deadlines WHERE key = ANY($3::text[])
     ) AS batch_elders
     ORDER BY lock_key
   ) AS lock_keys`,
);

export async function lockEldersOf(client: pg.PoolClient, b: CommitBatch): Promise<void> {
  const elderIds = [
    ...b.alerts.map((w) => w.alert.elderId),
    ...b.tasks.map((t) => t.elderId),
    ...b.taskUpdates.map((u) => u.task.elderId),
    ...b.arm.map((d) => d.elderId),
    ...b.ruleStates.map((s) => s.elderId),
    ...(b.deviceEvent ? [b.deviceEvent.elderId] : []),
  ];
  const deviceIds = [...(b.message ? [b.message.deviceId] : []), ...b.presence.map((p) => p.deviceId)];
  const deadlineKeys = [...(b.claim ? [b.claim.key] : []), ...b.disarm];
  if (elderIds.length + deviceIds.length + deadlineKeys.length === 0) return;
  await client.query(lockElders(elderIds, deviceIds, deadlineKeys));
}
