import type pg from 'pg';

// Building blocks of the PostgreSQL store's SQL: positional INSERTs and guarded UPDATEs from column lists, and named
// statements, which each connection prepares once on first use and then only binds and executes.

/** `$from, $from+1, ...`: n positional parameters. */
const placeholders = (n: number, from = 1): string => Array.from({ length: n }, (_, i) => `$${from + i}`).join(', ');

export const insertInto = (table: string, columns: readonly string[]): string =>
  `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${placeholders(columns.length)})`;

/**
 * `UPDATE table SET c1 = $2, ... WHERE id = $1 AND status = $last`: writes only while the row is still in the status
 * its writer read. A concurrent writer of the same row makes this one wait, then re-check the status on the row that
 * writer left (READ COMMITTED), so of two racing transitions from one status exactly one matches.
 */
export const updateWhileStatus = (table: string, columns: readonly string[]): string =>
  `UPDATE ${table} SET ${columns.map((c, i) => `${c} = $${i + 2}`).join(', ')} WHERE id = $1 AND status = $${columns.length + 2}`;

/**
 * A statement by name. The name must be unique in the store: a connection refuses a second text under a name it has
 * prepared. Named statements list their columns rather than `*`, so that a migration another instance applies
 * (an added column) does not change the result type of a plan this one prepared.
 */
export const named =
  (name: string, text: string) =>
  (...values: unknown[]): pg.QueryConfig => ({ name, text, values });

export type NamedStatement = ReturnType<typeof named>;

/** `a, b` or, with a table alias, `x.a, x.b`. */
export const columnList = (columns: readonly string[], alias?: string): string =>
  columns.map((c) => (alias ? `${alias}.${c}` : c)).join(', ');
