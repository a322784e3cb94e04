import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { StoreConflictError } from '../../../app/ports/store/store.port.js';
import { SQLITE_MIGRATIONS } from './schema.js';

// Opening and migrating the embedded database file, and what every concern file of the store is given.

/**
 * The two connections to the one WAL file (store.ts says why two). Each concern file prepares its statements on the
 * connection whose durability its writes need, once, when the store opens.
 */
export interface SqliteContext {
  /** synchronous=FULL. */
  alarms: Database.Database;
  /** synchronous=NORMAL. */
  routine: Database.Database;
}

export function openSqlite(path: string, synchronous: 'FULL' | 'NORMAL'): Database.Database {
  mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${synchronous}`);
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  return db;
}

/** Applies the migrations this file has not seen yet, each in its own transaction; user_version records progress. */
export function migrateSqlite(db: Database.Database): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  SQLITE_MIGRATIONS.slice(current).forEach((migration, i) => {
    const rebuild = typeof migration !== 'string';
    // Outside the transaction: SQLite ignores the pragma inside one.
    if (rebuild) db.pragma('foreign_keys = OFF');
    try {
      db.transaction(() => {
        db.exec(rebuild ? migration.rebuild : migration);
        if (rebuild && (db.pragma('foreign_key_check') as unknown[]).length > 0) throw new Error(`migration ${current + i + 1} broke a foreign key`);
        db.pragma(`user_version = ${current + i + 1}`);
      })();
    } finally {
      if (rebuild) db.pragma('foreign_keys = ON');
    }
  });
}

export const isUniqueViolation = (err: unknown): boolean =>
  err instanceof Error && 'code' in err && String((err as { code: unknown }).code).startsWith('SQLITE_CONSTRAINT');

/** Runs an insert; a unique violation becomes the contract's StoreConflictError with `message`. */
export function insertOrConflict(insert: () => unknown, message: string): void {
  try {
    insert();
  } catch (err) {
    if (isUniqueViolation(err)) throw new StoreConflictError(message);
    throw err;
  }
}
