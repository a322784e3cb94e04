// A filtered list read page by page: the first page again whenever the filters change (after a short pause while the
// operator types), the next one appended on "more" with the server's cursor. A reply to older filters is dropped, so
// the rows always belong to the filters shown. `replace` puts a changed item in its line without asking again.

import { useEffect, useRef, useState } from 'preact/hooks';

/** Typing "王秀" asks once, not once per character. */
const TYPING_PAUSE_MS = 250;

export interface PagedList<Item> {
  state: 'loading' | 'ok' | 'failed';
  items: Item[];
  nextCursor: string | null;
  error: unknown;
  loadingMore: boolean;
}

export type ReadPage<Item> = (cursor: string | null) => Promise<{ items: Item[]; nextCursor: string | null }>;

/**
 * `filterKey`: what the filters ask for (JSON of the filter object); a new value asks for the first page again.
 * `generation`: a new value asks again with the same filters (after an import or a bulk registration).
 * `readPage`: reads one page with the filters of the render that calls it.
 */
export function usePagedList<Item extends { id: string }>(filterKey: string, generation: number, readPage: ReadPage<Item>) {
  const [pages, setPages] = useState<PagedList<Item>>({ state: 'loading', items: [], nextCursor: null, error: null, loadingMore: false });
  const asked = useRef(0);

  useEffect(() => {
    const ask = ++asked.current;
    setPages((before) => ({ ...before, state: 'loading', error: null }));
    const timer = setTimeout(() => {
      readPage(null).then(
        (reply) => ask === asked.current && setPages({ state: 'ok', items: reply.items, nextCursor: reply.nextCursor, error: null, loadingMore: false }),
        (error: unknown) => ask === asked.current && setPages({ state: 'failed', items: [], nextCursor: null, error, loadingMore: false }),
      );
    }, TYPING_PAUSE_MS);
    return () => clearTimeout(timer);
    // `readPage` is a new function on every render; what it asks for is `filterKey`
  }, [filterKey, generation]);

  function more() {
    const cursor = pages.nextCursor;
    if (!cursor || pages.loadingMore) return;
    const ask = asked.current;
    setPages({ ...pages, loadingMore: true });
    readPage(cursor).then(
      (reply) => ask === asked.current && setPages((before) => ({ ...before, items: [...before.items, ...reply.items], nextCursor: reply.nextCursor, loadingMore: false })),
      (error: unknown) => ask === asked.current && setPages((before) => ({ ...before, error, loadingMore: false })),
    );
  }

  /** An item changed elsewhere on the screen, shown at once in its line; a new one on top. */
  function replace(item: Item) {
    setPages((before) => {
      const at = before.items.findIndex((i) => i.id === item.id);
      const items = at === -1 ? [item, ...before.items] : before.items.map((i) => (i.id === item.id ? item : i));
      return { ...before, items };
    });
  }

  return { pages, more, replace };
}
