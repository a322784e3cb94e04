// The end of a session (logout, an expired token), apart from its start so that everything that may learn of an
// expired token (the live link, an action, a record fetch) can end it without importing the whole session.

import { clearToken, logout } from '../shared/api.js';
import type { LiveLink } from '../shared/live-link.js';
import { clearSession, loginError, token } from './state.js';

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

/** The sign-out button: the gateway ends the session (its token stops working everywhere), and the page forgets it. */
export function signOut(): void {
  const ending = token.peek();
  // The page signs out at once; a gateway that cannot be reached ends the session when its token expires.
  if (ending) logout(ending).catch(() => undefined);
  endSession();
}
