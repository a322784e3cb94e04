import type { ListCallsQuery } from '../../../../schemas/index.js';
import { phoneDigitsFragment } from '../../core/calls/phone-number.js';
import { AppError } from '../errors.js';
import type { CallFilter } from '../ports/store/phone/calls.port.js';

// The call log's query as the store takes it: the person's region, the search text (and its digits when it looks
// like part of a number, compared with the normalised numbers), and keyset paging, newest first. The cursor is
// the last call of the previous page, so a call logged meanwhile neither repeats nor hides a row.

export function encodeCallCursor(last: { startedAt: number; id: string }): string {
  return Buffer.from(`${last.startedAt}.${last.id}`, 'utf8').toString('base64url');
}

export function decodeCallCursor(cursor: string): { startedAt: number; id: string } {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const dot = text.indexOf('.');
  const startedAt = Number(text.slice(0, dot));
  const id = text.slice(dot + 1);
  // The id goes to the store as text: a forged one with a NUL would reach PostgreSQL, which refuses it (a 500), after
  // the request's own NUL check (http/refuse-nul.ts) saw only base64. An id is at most 64 characters.
  if (dot <= 0 || !Number.isSafeInteger(startedAt) || id.length === 0 || id.length > 64 || id.includes('\u0000')) {
    throw new AppError('REQUEST_INVALID', 'cursor is not a nextCursor of this list');
  }
  return { startedAt, id };
}

export function callFilterOf(query: ListCallsQuery, regionPath: string): CallFilter {
  const from = query.from === undefined ? undefined : Date.parse(query.from);
  const to = query.to === undefined ? undefined : Date.parse(query.to);
  if (from !== undefined && to !== undefined && from > to) throw new AppError('REQUEST_INVALID', '`from` must not be after `to`');
  const digits = query.q === undefined ? null : phoneDigitsFragment(query.q);
  return {
    regionPath,
    ...(query.q !== undefined ? { text: query.q } : {}),
    ...(digits !== null ? { digits } : {}),
    ...(query.direction !== undefined ? { direction: query.direction } : {}),
    ...(query.line !== undefined ? { line: query.line } : {}),
    ...(query.category !== undefined ? { category: query.category } : {}),
    ...(query.elderId !== undefined ? { elderId: query.elderId } : {}),
    ...(query.alertId !== undefined ? { alertId: query.alertId } : {}),
    ...(query.unlinked !== undefined ? { unlinked: query.unlinked } : {}),
    ...(from !== undefined ? { from } : {}),
    ...(to !== undefined ? { to } : {}),
    ...(query.cursor !== undefined ? { before: decodeCallCursor(query.cursor) } : {}),
    // One more than asked: whether there is a next page.
    limit: query.limit + 1,
  };
}
