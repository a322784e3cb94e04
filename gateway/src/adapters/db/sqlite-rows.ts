import type { Alert } from '../../core/alert.js';
import type { Task } from '../../core/task.js';
import { alertToRow, taskToRow } from './store-rows.js';

// The shared rows (store-rows.ts) as SQLite binds them: better-sqlite3 refuses booleans, so a flag is written 0 or 1.

type Bound<V> = V extends boolean ? 0 | 1 : V;

/** A row with every boolean value as 0 or 1, for named parameters (`@column`). */
const bindable = <R extends object>(row: R): { [K in keyof R]: Bound<R[K]> } =>
  Object.fromEntries(Object.entries(row).map(([k, v]) => [k, typeof v === 'boolean' ? (v ? 1 : 0) : v])) as { [K in keyof R]: Bound<R[K]> };

/** Named parameters for inserting or updating an alert row. */
export const alertParams = (a: Alert) => bindable(alertToRow(a));

/** Named parameters for inserting or updating a task row. */
export const taskParams = (t: Task) => bindable(taskToRow(t));
