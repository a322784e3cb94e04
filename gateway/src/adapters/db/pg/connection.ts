import pg from 'pg';
import { StoreConflictError } from '../../../app/ports/store/store.port.js';
import { PG_MIGRATIONS } from './schema.js';

// Opening and migrating the PostgreSQL database that several gateway instances share, and what every concern file
// of the store is given.

/** The advisory lock one instance at a time migrates under (one-bigint key space; decisions.ts's elder lock uses the two-int one). */
const MIGRATION_LOCK_KEY = 7_202_611_230;

/** BIGINT holds epoch milliseconds and counts here, far inside a JS number's exact range; beyond it would be a bug. */
function parseInt8(text: string): number {
  const n = Number(text);
  if (!Number.isSafeInteger(n)) throw new RangeError(`BIGINT ${text} does not fit a JS number exactly`);
  return n;
}

/** This pool's type parsers: pg's own, but BIGINT as a number (pg returns a string, to be safe beyond 2^53). */
const types: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === pg.types.builtins.INT8 && format !== 'binary' ? parseInt8 : pg.types.getTypeParser(oid, format)) as pg.CustomTypesConfig['getTypeParser'],
};

export function openPgPool(url: string, options: { max: number; applicationName?: string }): pg.Pool {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.max,
    application_name: options.applicationName ?? 'eldercare-gateway',
    types,
    // A database that does not answer fails the caller (and /readyz) instead of queueing it forever.
    connectionTimeoutMillis: 10_000,
    keepAlive: true,
  });
  // A connection that dies while idle (database restart, network cut) is dropped by the pool and the next query opens
  // a new one; without a listener its error would be an unhandled 'error' event and end the process.
  pool.on('error', () => {});
  return pool;
}

/** The instance's pool, and the ways the concern files read and write through it. */
export interface PgContext {
  pool: pg.Pool;
  rows<T extends pg.QueryResultRow>(query: pg.QueryConfig): Promise<T[]>;
  first<T extends pg.QueryResultRow>(query: pg.QueryConfig): Promise<T | undefined>;
  /** The number of rows the statement wrote. */
  changes(query: pg.QueryConfig): Promise<number>;
}

export function pgContext(pool: pg.Pool): PgContext {
  const rows = async <T extends pg.QueryResultRow>(query: pg.QueryConfig): Promise<T[]> => (await pool.query<T>(query)).rows;
  const first = async <T extends pg.QueryResultRow>(query: pg.QueryConfig): Promise<T | undefined> => (await rows<T>(query))[0];
  const changes = async (query: pg.QueryConfig): Promise<number> => (await pool.query(query)).rowCount ?? 0;
  return { pool, rows, first, changes };
}

/**
 * Runs `work` in one transaction on one pooled connection: COMMIT when it returns, ROLLBACK when it throws.
 * `begin` may add settings to the opening statement (`BEGIN; SET LOCAL ...`), which costs no extra round trip.
 */
export async function inTransaction<T>(pool: pg.Pool, begin: string, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let broken: Error | undefined;
  // A connection that dies between two statements emits 'error' on the client, which the pool does not listen to
  // while the client is lent out: unheard, it would end the process. The next statement fails and says why.
  const onError = (err: Error) => (broken = err);
  client.on('error', onError);
  try {
    await client.query(begin);
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (err) {
    // A connection whose ROLLBACK fails is in no known state: the pool discards it instead of lending it again.
    await client.query('ROLLBACK').catch((rollbackError: Error) => (broken = rollbackError));
    throw err;
  } finally {
    client.off('error', onError);
    client.release(broken);
  }
}

/**
 * Applies the migrations this database has not seen yet, each in its own transaction. Every transaction first takes
 * one advisory lock, so instances starting together migrate one after the other: the second finds the work done.
 * The lock comes before even creating schema_migrations, whose concurrent CREATE ... IF NOT EXISTS can fail.
 */
export async function migratePg(pool: pg.Pool): Promise<void> {
  let pending = true;
  while (pending) {
    pending = await inTransaction(pool, 'BEGIN', async (client) => {
      await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
      await client.query('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at BIGINT NOT NULL)');
      const { rows } = await client.query<{ version: number }>('SELECT coalesce(max(version), 0) AS version FROM schema_migrations');
      const current = rows[0]?.version ?? 0;
      const next = PG_MIGRATIONS[current];
      if (next === undefined) return false;
      await client.query(next);
      await client.query('INSERT INTO schema_migrations (version, applied_at) VALUES ($1, $2)', [current + 1, Date.now()]);
      return true;
    });
  }
}

const sqlStateOf = (err: unknown): string | undefined =>
  err instanceof Error && 'code' in err && typeof err.code === 'string' ? err.code : undefined;

/** unique_violation: the write would break a UNIQUE constraint or unique index. */
export const isUniqueViolation = (err: unknown): boolean => sqlStateOf(err) === '23505';

/**
 * deadlock_detected or serialization_failure: PostgreSQL rolled the transaction back so that another could go on.
 * Nothing of it was written; deciding again on fresh state and retrying is the remedy, as for a conflict.
 */
export const isRetryableAbort = (err: unknown): boolean => sqlStateOf(err) === '40P01' || sqlStateOf(err) === '40001';

/** Runs an insert; a unique violation becomes the contract's StoreConflictError with `message`. */
export async function insertOrConflict(pool: pg.Pool, query: pg.QueryConfig, message: string): Promise<void> {
  try {
    await pool.query(query);
  } catch (err) {
    if (isUniqueViolation(err)) throw new StoreConflictError(message);
    throw err;
  }
}
