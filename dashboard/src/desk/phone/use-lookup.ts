// The caller's search as the operator types: one GET /elders/lookup after a short pause (a fast typist costs one
// request, not eleven), and a reply to an older text is dropped, so the hits always belong to what is in the field.

import { useEffect, useState } from 'preact/hooks';
import type { ElderLookupItem } from '../../../../schemas/index.js';
import { lookupElders } from '../../shared/api.js';
import { withSession } from './phone-request.js';

const PAUSE_MS = 250;

export type Lookup = { state: 'idle' } | { state: 'loading'; items: ElderLookupItem[] } | { state: 'ok'; items: ElderLookupItem[] } | { state: 'failed'; error: unknown; items: ElderLookupItem[] };

export function useLookup(text: string, initial: ElderLookupItem[] = []): Lookup {
  const [lookup, setLookup] = useState<Lookup>(initial.length > 0 ? { state: 'ok', items: initial } : { state: 'idle' });
  const q = text.trim();

  useEffect(() => {
    if (q === '') {
      setLookup({ state: 'idle' });
      return;
    }
    let current = true;
    // the last hits stay on screen while the next search runs, so the list does not blink at every key
    setLookup((before) => ({ state: 'loading', items: before.state === 'idle' ? [] : before.items }));
    const timer = setTimeout(() => {
      withSession((session) => lookupElders(session, q)).then(
        (reply) => current && setLookup({ state: 'ok', items: Array.isArray(reply?.items) ? reply.items : [] }),
        (error: unknown) => current && setLookup({ state: 'failed', error, items: [] }),
      );
    }, PAUSE_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [q]);

  return lookup;
}
