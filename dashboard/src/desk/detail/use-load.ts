// One GET of the dialog (the alert with its timeline, the elder's record, the device, the readings): loading, then
// the reply or the error. A new `key` (another alert, another elder) starts from "loading"; a new `refresh` (the
// alert changed live) asks again after a short pause, showing the last reply meanwhile, so a burst of live updates
// costs one request and the timeline does not blink. Replies to superseded requests are dropped; a 401 ends the
// session like any other refused call.

import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError } from '../../shared/api.js';
import { endSession } from '../session.js';
import { token } from '../state/desk-state.js';

/** How long a refresh waits for more live updates of the same alert. */
const REFRESH_DEBOUNCE_MS = 300;

export type Loaded<T> = { state: 'loading' } | { state: 'ok'; value: T } | { state: 'failed'; error: unknown };

const LOADING = { state: 'loading' } as const;

export function useLoad<T>(key: string | null, load: (token: string) => Promise<T>, refresh: unknown = null): Loaded<T> {
  const session = token.value;
  const [loaded, setLoaded] = useState<{ key: string | null; result: Loaded<T> }>({ key: null, result: LOADING });
  const lastKey = useRef<string | null>(null);

  useEffect(() => {
    if (!key || !session) return;
    const refreshing = lastKey.current === key;
    lastKey.current = key;
    let current = true;
    const timer = setTimeout(
      () => {
        load(session).then(
          (value) => current && setLoaded({ key, result: { state: 'ok', value } }),
          (error: unknown) => {
            if (!current) return;
            if (error instanceof ApiError && error.status === 401) endSession('login.expired');
            else setLoaded({ key, result: { state: 'failed', error } });
          },
        );
      },
      refreshing ? REFRESH_DEBOUNCE_MS : 0,
    );
    return () => {
      current = false;
      clearTimeout(timer);
    };
    // `load` is a new closure on every render; what it fetches is named by `key`
  }, [key, session, refresh]);

  return loaded.key === key ? loaded.result : LOADING;
}
