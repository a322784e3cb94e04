import type { ListCallsQuery } from '../../../../schemas/index.js';
import { phoneDigitsFragment } from '../../core/calls/phone-number.js';
import { AppError } from '../errors.js';
import { decodeKeyCursor } from '../list-cursor.js';
import type { CallFilter } from '../ports/store/phone/calls.port.js';

// The call log's query as the store takes it: the person's region, the search text (and its digits when it looks
// like part of a number, compared with the normalised numbers), and keyset paging, newest first, with the cursor
// every list uses (app/list-cursor.ts): a call logged meanwhile neither repeats nor hides a row.

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
    ...(query.cursor !== undefined ? { before: beforeCall(query.cursor) } : {}),
    // One more than asked: whether there is a next page.
    limit: query.limit + 1,
  };
}

function beforeCall(cursor: string): { startedAt: number; id: string } {
  const { at, id } = decodeKeyCursor(cursor);
  return { startedAt: at, id };
}
