import { createHash } from 'node:crypto';
import { join } from 'node:path';
import Database from 'better-sqlite3';

// What a test gateway's SQLite file holds, table by table, as row counts and content hashes: two fingerprints are
// equal when nothing was written. For "bad input changes nothing", read beside the running gateway (WAL readers
// see every commit).

export type StoreFingerprint = Record<string, { rows: number; hash: string }>;

/**
 * Every table of `<dataDir>/gateway.sqlite` but those in `except` (e.g. sessions, which a login writes): read from
 * the file's own list, so a new table is in without a change here (the telephone's calls, complaints and
 * integration_tokens are; tests/integration/hostile-phone.test.ts checks it).
 */
export function storeFingerprint(dataDir: string, except: readonly string[] = []): StoreFingerprint {
  const db = new Database(join(dataDir, 'gateway.sqlite'), { readonly: true, fileMustExist: true });
  try {
    const tables = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
      .all() as Array<{ name: string }>;
    const print: StoreFingerprint = {};
    for (const { name } of tables) {
      if (except.includes(name)) continue;
      const rows = db.prepare(`SELECT * FROM "${name}"`).all();
      const hash = createHash('sha256');
      for (const row of rows) hash.update(JSON.stringify(row));
      print[name] = { rows: rows.length, hash: hash.digest('hex').slice(0, 16) };
    }
    return print;
  } finally {
    db.close();
  }
}

/** Rows of one table, for the tables a test expects to grow (dead letters). */
export function tableRows<T = Record<string, unknown>>(dataDir: string, sql: string, ...params: unknown[]): T[] {
  const db = new Database(join(dataDir, 'gateway.sqlite'), { readonly: true, fileMustExist: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}
