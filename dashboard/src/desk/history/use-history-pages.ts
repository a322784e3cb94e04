// The history's result pages: the first page again whenever the search changes, the next one appended on "more"
// with the server's cursor. A reply to an older search is dropped, so the rows always belong to the filters shown.

import { useEffect, useRef, useState } from 'preact/hooks';
import type { AlertView } from '../../../../schemas/index.js';
import { searchAlerts, type AlertSearch } from '../../shared/api.js';
import { withSession } from '../phone/phone-request.js';

export const PAGE_SIZE = 100;

export interface HistoryPages {
  state: 'idle' | 'loading' | 'ok' | 'failed';
  items: AlertView[];
  nextCursor: string | null;
  error: unknown;
  loadingMore: boolean;
}

/** `search` null: nothing is asked (the filters are not valid). */
export function useHistoryPages(search: AlertSearch | null): { pages: HistoryPages; more: () => void } {
  const [pages, setPages] = useState<HistoryPages>({ state: 'idle', items: [], nextCursor: null, error: null, loadingMore: false });
  const asked = useRef(0);
  const key = search === null ? null : JSON.stringify(search);

  useEffect(() => {
    const ask = ++asked.current;
    if (search === null) {
      setPages({ state: 'idle', items: [], nextCursor: null, error: null, loadingMore: false });
      return;
    }
    setPages((before) => ({ ...before, state: 'loading', error: null }));
    withSession((session) => searchAlerts(session, { ...search, limit: PAGE_SIZE })).then(
      (reply) => ask === asked.current && setPages({ state: 'ok', items: reply.items ?? [], nextCursor: reply.nextCursor ?? null, error: null, loadingMore: false }),
      (error: unknown) => ask === asked.current && setPages({ state: 'failed', items: [], nextCursor: null, error, loadingMore: false }),
    );
    // `search` is a new object on every render; what it asks for is `key`
  }, [key]);

  function more() {
    const cursor = pages.nextCursor;
    if (!cursor || pages.loadingMore || search === null) return;
    const ask = asked.current;
    setPages({ ...pages, loadingMore: true });
    withSession((session) => searchAlerts(session, { ...search, limit: PAGE_SIZE, cursor })).then(
      (reply) =>
        ask === asked.current &&
        setPages((before) => ({ ...before, items: [...before.items, ...(reply.items ?? [])], nextCursor: reply.nextCursor ?? null, loadingMore: false })),
      (error: unknown) => ask === asked.current && setPages((before) => ({ ...before, error, loadingMore: false })),
    );
  }

  return { pages, more };
}
