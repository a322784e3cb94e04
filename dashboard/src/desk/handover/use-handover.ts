// The handover summary for the last `hours` hours (GET /handover), asked again when the shift length changes or
// `refresh` does; a reply to an older request is dropped.

import { useEffect, useRef, useState } from 'preact/hooks';
import type { Handover } from '../../../../schemas/index.js';
import { getHandover } from '../../shared/api.js';
import { withSession } from '../phone/phone-request.js';
import { serverNow } from '../state/desk-state.js';

export type LoadedHandover = { state: 'loading'; last: Handover | null } | { state: 'ok'; value: Handover } | { state: 'failed'; error: unknown; last: Handover | null };

export function useHandover(hours: number, refresh: number): LoadedHandover {
  const [loaded, setLoaded] = useState<LoadedHandover>({ state: 'loading', last: null });
  const asked = useRef(0);
  useEffect(() => {
    const ask = ++asked.current;
    setLoaded((before) => ({ state: 'loading', last: before.state === 'ok' ? before.value : before.last }));
    // the window on the gateway's clock, so a desk whose own clock is off still asks for the shift it means
    const since = new Date(serverNow() - hours * 3600_000).toISOString();
    withSession((session) => getHandover(session, since)).then(
      (value) => ask === asked.current && setLoaded({ state: 'ok', value }),
      (error: unknown) => ask === asked.current && setLoaded((before) => ({ state: 'failed', error, last: before.state === 'ok' ? before.value : before.last })),
    );
  }, [hours, refresh]);
  return loaded;
}
