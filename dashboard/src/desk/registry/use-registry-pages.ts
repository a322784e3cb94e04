// The registry's pages: the first page again whenever the filters change (after a short pause while the operator
// types a name), the next one appended on "more" with the server's cursor. A reply to older filters is dropped, so
// the rows always belong to the filters shown. `replace` puts a saved record in place without asking again.

import { useEffect, useRef, useState } from 'preact/hooks';
import type { Elder } from '../../../../schemas/index.js';
import { listElderPage } from './registry-request.js';
import type { RegistryFilter } from './registry-filter.js';

/** Typing "王秀" asks once, not once per character. */
const TYPING_PAUSE_MS = 250;

export interface RegistryPages {
  state: 'loading' | 'ok' | 'failed';
  items: Elder[];
  nextCursor: string | null;
  error: unknown;
  loadingMore: boolean;
}

/** `generation`: a new value asks again with the same filters (after an import). */
export function useRegistryPages(filter: RegistryFilter, generation = 0) {
  const [pages, setPages] = useState<RegistryPages>({ state: 'loading', items: [], nextCursor: null, error: null, loadingMore: false });
  const asked = useRef(0);
  const key = JSON.stringify(filter);

  useEffect(() => {
    const ask = ++asked.current;
    setPages((before) => ({ ...before, state: 'loading', error: null }));
    const timer = setTimeout(() => {
      listElderPage(filter, null).then(
        (reply) => ask === asked.current && setPages({ state: 'ok', items: reply.items, nextCursor: reply.nextCursor, error: null, loadingMore: false }),
        (error: unknown) => ask === asked.current && setPages({ state: 'failed', items: [], nextCursor: null, error, loadingMore: false }),
      );
    }, TYPING_PAUSE_MS);
    return () => clearTimeout(timer);
    // `filter` is a new object on every render; what it asks for is `key`
  }, [key, generation]);

  function more() {
    const cursor = pages.nextCursor;
    if (!cursor || pages.loadingMore) return;
    const ask = asked.current;
    setPages({ ...pages, loadingMore: true });
    listElderPage(filter, cursor).then(
      (reply) => ask === asked.current && setPages((before) => ({ ...before, items: [...before.items, ...reply.items], nextCursor: reply.nextCursor, loadingMore: false })),
      (error: unknown) => ask === asked.current && setPages((before) => ({ ...before, error, loadingMore: false })),
    );
  }

  /** A record saved in the form, shown at once in its line (a new one at the top). */
  function replace(elder: Elder) {
    setPages((before) => {
      const at = before.items.findIndex((e) => e.id === elder.id);
      const items = at === -1 ? [elder, ...before.items] : before.items.map((e) => (e.id === elder.id ? elder : e));
      return { ...before, items };
    });
  }

  return { pages, more, replace };
}
