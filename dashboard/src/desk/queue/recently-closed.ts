// "Recently closed" from the server: the alerts of the desk's region closed in the last 12 hours (raised since
// then), read once per session when the queue first shows, and put into the desk's alert book beside the closures
// the live link brings. So a fresh login shows what was resolved minutes before it, not an empty list.

import { signal } from '@preact/signals';
import { listClosedAlerts } from '../../shared/api.js';
import { isOpen } from '../../model/alert-book.js';
import { withSession } from '../phone/phone-request.js';
import { alerts, bumpAlerts, token } from '../state/desk-state.js';

const WINDOW_MS = 12 * 60 * 60 * 1000;
/** The book keeps 30 closed alerts (alert-book.ts); a few more cover those closed live meanwhile. */
const READ_LIMIT = 40;

export type ClosedLoad = 'loading' | 'ok' | 'failed';

/** How the last read went, for the session it was made in. */
export const closedLoad = signal<{ session: string; state: ClosedLoad } | null>(null);

export async function loadRecentlyClosed(): Promise<void> {
  const session = token.peek();
  if (!session || closedLoad.peek()?.session === session) return;
  closedLoad.value = { session, state: 'loading' };
  try {
    const reply = await withSession((s) => listClosedAlerts(s, new Date(Date.now() - WINDOW_MS).toISOString(), READ_LIMIT));
    if (token.peek() !== session) return;
    // closed is final: the server's copy and a live one are the same, and one the book still has open is news
    for (const alert of Array.isArray(reply?.items) ? reply.items : []) {
      const known = alerts.get(alert.id);
      if (!known || isOpen(known)) alerts.upsert(alert);
    }
    bumpAlerts();
    closedLoad.value = { session, state: 'ok' };
  } catch {
    if (token.peek() === session) closedLoad.value = { session, state: 'failed' };
  }
}
