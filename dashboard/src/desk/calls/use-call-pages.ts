// The call log's pages: the first page again whenever the filter changes (or `refresh` does), the next one appended
// on "more" with the server's cursor. A reply to an older filter is dropped.

import { useEffect, useRef, useState } from 'preact/hooks';
import type { CallView } from '../../../../schemas/index.js';
import { listCalls, type CallListFilter } from '../../shared/api.js';
import { withSession } from '../phone/phone-request.js';

export const PAGE_SIZE = 50;

export interface CallPages {
  state: 'loading' | 'ok' | 'failed';
  items: CallView[];
  nextCursor: string | null;
  error: unknown;
  loadingMore: boolean;
}

export function useCallPages(filter: CallListFilter, refresh: number): { pages: CallPages; more: () => void } {
  const [pages, setPages] = useState<CallPages>({ state: 'loading', items: [], nextCursor: null, error: null, loadingMore: false });
  const asked = useRef(0);
  const key = JSON.stringify(filter);

  useEffect(() => {
    const ask = ++asked.current;
    setPages((before) => ({ ...before, state: 'loading', error: null }));
    withSession((session) => listCalls(session, { ...filter, limit: PAGE_SIZE })).then(
      (reply) => ask === asked.current && setPages({ state: 'ok', items: reply.items ?? [], nextCursor: reply.nextCursor ?? null, error: null, loadingMore: false }),
      (error: unknown) => ask === asked.current && setPages({ state: 'failed', items: [], nextCursor: null, error, loadingMore: false }),
    );
    // `filter` is a new object on every render; what it asks for is `key`
  }, [key, refresh]);

  function more() {
    const cursor = pages.nextCursor;
    if (!cursor || pages.loadingMore) return;
    const ask = asked.current;
    setPages({ ...pages, loadingMore: true });
    withSession((session) => listCalls(session, { ...filter, limit: PAGE_SIZE, cursor })).then(
      (reply) =>
        ask === asked.current &&
        setPages((before) => ({ ...before, items: [...before.items, ...(reply.items ?? [])], nextCursor: reply.nextCursor ?? null, loadingMore: false })),
      (error: unknown) => ask === asked.current && setPages((before) => ({ ...before, error, loadingMore: false })),
    );
  }

  return { pages, more };
}
