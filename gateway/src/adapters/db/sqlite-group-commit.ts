import type Database from 'better-sqlite3';
import type { CommitBatch, CommitOutcome } from '../../app/store.port.js';

// Routine commits (presence, deadline moves, rule memory, device events) that arrive in the same turn of the event
// loop share one transaction. A transaction costs far more than the few statements in it (taking the write lock,
// appending the WAL), and SQLite runs on the event loop: when 10,000 devices dropped off at once, their 10,000
// transactions held the loop for 1.2 s, and an SOS from anybody else waited that long to be read.
//
// Each batch still runs in a transaction of its own, nested as a savepoint (better-sqlite3 does that for a
// transaction function called inside another), so a batch that conflicts is undone alone and one that is a duplicate
// writes nothing, as before. Every caller hears its own outcome only after the shared COMMIT: acknowledge after
// commit (DESIGN.md, decision 2) holds. If the COMMIT fails, nothing of the group was written and every caller is
// told so: the devices send again.
// Alarm commits are not grouped: they go out at once on their own connection (sqlite-store.ts).

/** Batches per transaction: the loop turns between groups, so a large group does not keep an alarm waiting. */
const MAX_GROUP = 200;

interface Pending {
  batch: CommitBatch;
  resolve: (outcome: CommitOutcome) => void;
  reject: (err: unknown) => void;
}

type Settled = { ok: true; outcome: CommitOutcome } | { ok: false; err: unknown };

export function groupCommits(db: Database.Database, commitOne: (batch: CommitBatch) => CommitOutcome) {
  let pending: Pending[] = [];
  let scheduled = false;

  const runGroup = db.transaction((group: Pending[]): Settled[] => {
    const settled: Settled[] = [];
    for (const p of group) {
      // An I/O error or a full disk may have rolled the whole transaction back: the rest must not run on their own.
      if (!db.inTransaction) {
        settled.push({ ok: false, err: new Error('the shared transaction was rolled back by an earlier error') });
        continue;
      }
      try {
        settled.push({ ok: true, outcome: commitOne(p.batch) });
      } catch (err) {
        settled.push({ ok: false, err });
      }
    }
    return settled;
  });

  function flush(): void {
    scheduled = false;
    if (pending.length === 0) return; // drained before its turn came
    const group = pending.slice(0, MAX_GROUP);
    pending = pending.slice(group.length);
    if (pending.length > 0) schedule();
    let settled: Settled[];
    try {
      settled = runGroup(group);
    } catch (err) {
      for (const p of group) p.reject(err);
      return;
    }
    group.forEach((p, i) => {
      const s = settled[i]!;
      if (s.ok) p.resolve(s.outcome);
      else p.reject(s.err);
    });
  }

  function schedule(): void {
    scheduled = true;
    setImmediate(flush);
  }

  return {
    commit(batch: CommitBatch): Promise<CommitOutcome> {
      return new Promise<CommitOutcome>((resolve, reject) => {
        pending.push({ batch, resolve, reject });
        if (!scheduled) schedule();
      });
    },
    /** Commits what is waiting now, before the database closes. */
    drain(): void {
      while (pending.length > 0) flush();
    },
  };
}
