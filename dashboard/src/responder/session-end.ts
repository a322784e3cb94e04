// The end of a session (logout, an expired token), apart from its start so that everything that may learn of an
// expired token (the live link, an action, a record fetch) can end it without importing the whole session.

import { clearToken } from '../shared/api.js';
import type { LiveLink } from '../shared/live-link.js';
import { clearSession, loginError } from './state.js';

let live: LiveLink | null = null;

/** The session's live link, closed when the session ends (a previous one is closed now). */
export function keepLiveLink(next: LiveLink): void {
  live?.close();
  live = next;
}

/** Back to the login form, forgetting the token and everything shown; `reasonKey` says why on the form. */
export function endSession(reasonKey: string | null = null): void {
  live?.close();
  live = null;
  clearToken();
  clearSession();
  loginError.value = reasonKey ? [reasonKey] : null;
}
