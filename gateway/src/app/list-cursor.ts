import { AppError } from './errors.js';
import type { ListKey } from './ports/store/alerts.port.js';

// The opaque `cursor` of every list (alerts, tasks, elders, devices): where the previous page ended, as base64url
// text. Keyset paging, so a record added meanwhile neither repeats a row nor hides one. A cursor comes back from
// anyone, so it is checked as input: anything that is not a nextCursor of ours is 400 REQUEST_INVALID, never a 500.

/** An id is at most 64 characters (the id params' own limit). */
const MAX_ID = 64;

const invalid = () => new AppError('REQUEST_INVALID', 'cursor is not a nextCursor of this list');

/**
 * A NUL would reach PostgreSQL, which refuses it (a 500), after the request's own NUL check saw only base64; and
 * base64url text decodes leniently, so the round trip is checked too.
 */
function decodeText(cursor: string): string {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  if (text.length === 0 || text.includes('\u0000') || Buffer.from(text, 'utf8').toString('base64url') !== cursor) throw invalid();
  return text;
}

const validId = (id: string) => id.length > 0 && id.length <= MAX_ID;

/** A list newest first: the time and the id of the last row. */
export function encodeKeyCursor(key: ListKey): string {
  return Buffer.from(`${key.at}.${key.id}`, 'utf8').toString('base64url');
}

export function decodeKeyCursor(cursor: string): ListKey {
  const text = decodeText(cursor);
  const dot = text.indexOf('.');
  const at = Number(text.slice(0, dot));
  const id = text.slice(dot + 1);
  if (dot <= 0 || !/^\d+$/.test(text.slice(0, dot)) || !Number.isSafeInteger(at) || !validId(id)) throw invalid();
  return { at, id };
}

/** A list by id: the id of the last row. */
export function encodeIdCursor(id: string): string {
  return Buffer.from(`id.${id}`, 'utf8').toString('base64url');
}

export function decodeIdCursor(cursor: string): string {
  const text = decodeText(cursor);
  const id = text.slice(3);
  if (!text.startsWith('id.') || !validId(id)) throw invalid();
  return id;
}

/**
 * One page from rows fetched with one more than asked (`limit + 1`): the extra row only says there is a next page,
 * and the cursor is the last row shown.
 */
export function pageOf<R, V>(rows: readonly R[], limit: number, cursorOf: (last: R) => string, view: (row: R) => V): { items: V[]; nextCursor: string | null } {
  const shown = rows.slice(0, limit);
  const last = shown.at(-1);
  return { items: shown.map(view), nextCursor: rows.length > limit && last !== undefined ? cursorOf(last) : null };
}
