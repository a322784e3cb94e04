import { join } from 'node:path';
import Database from 'better-sqlite3';

// Looks into the SQLite file while no gateway runs, to tell where a kill landed (how many overdue deadlines had
// fired before it, which notifications were stored but not yet sent). Read-only and only between lives: it must not
// change what the next life finds.

/** Stored deadlines due at or before `at`, by kind: the ones that have not fired yet. Call only while the gateway is down. */
export function overdueDeadlines(dataDir: string, at: number): Record<string, number> {
  const db = new Database(join(dataDir, 'gateway.sqlite'), { readonly: true, fileMustExist: true });
  try {
    const rows = db.prepare('SELECT kind, count(*) AS n FROM deadlines WHERE due_at <= ? GROUP BY kind').all(at) as Array<{ kind: string; n: number }>;
    return Object.fromEntries(rows.map((r) => [r.kind, r.n]));
  } finally {
    db.close();
  }
}

/**
 * Whether the deadline `key` is stored. The one read allowed while a gateway runs (WAL: a reader never blocks the
 * writer), to know that a dropped connection's grace period has started: the desk is not told before it ends.
 */
export function deadlineStored(dataDir: string, key: string): boolean {
  const db = new Database(join(dataDir, 'gateway.sqlite'), { readonly: true, fileMustExist: true });
  try {
    return db.prepare('SELECT 1 FROM deadlines WHERE key = ?').get(key) !== undefined;
  } finally {
    db.close();
  }
}

/** Notifications in the outbox that no life has delivered (nor given up) yet. Call only while the gateway is down. */
export function pendingNotifications(dataDir: string): Array<{ id: string; topic: string; alertId: string | null }> {
  const db = new Database(join(dataDir, 'gateway.sqlite'), { readonly: true, fileMustExist: true });
  try {
    return db.prepare(`SELECT id, topic, alert_id AS alertId FROM notification_outbox WHERE state = 'pending'`).all() as Array<{ id: string; topic: string; alertId: string | null }>;
  } finally {
    db.close();
  }
}
