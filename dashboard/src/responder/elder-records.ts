// The elders' records the page shows (address notes, contacts to call, medical notes), fetched on demand: for every
// alert on my list, and for a task when its record is unfolded.

import { ApiError, getElder } from '../shared/api.js';
import { endSession } from './session-end.js';
import { elders, token, type RecordState } from './state.js';

function setRecord(elderId: string, record: RecordState): void {
  elders.value = new Map(elders.peek()).set(elderId, record);
}

/**
 * Fetches an elder's record once per session; again after a failure, or with `fresh` (a new dispatch: the record
 * may have changed since I last went there). Reads the signals without subscribing: it is called from effects.
 */
export function ensureElder(elderId: string, { fresh = false } = {}): void {
  const known = elders.peek().get(elderId);
  if (known === 'loading' || (known && !(known instanceof Error) && !fresh)) return;
  const session = token.peek();
  if (!session) return;
  setRecord(elderId, 'loading');
  getElder(session, elderId).then(
    (record) => {
      if (token.peek() === session) setRecord(elderId, record);
    },
    (err: unknown) => {
      if (token.peek() !== session) return;
      if (err instanceof ApiError && err.status === 401) endSession('login.expired');
      else setRecord(elderId, err instanceof Error ? err : new Error(String(err)));
    },
  );
}
