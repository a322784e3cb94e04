// Signing in and starting a session: GET /me decides who works here. A responder gets the page and the live link;
// a desk role belongs on the desk, in the same tab with the same stored token.

import { ApiError, errorMessage, getMe, loadToken, login, loginErrorMessage, saveToken } from '../shared/api.js';
import { openSessionLink } from '../shared/session-link.js';
import { applyLiveEvent } from './responder-events.js';
import { endSession, keepLiveLink } from './session-end.js';
import { bumpPulse, link, loginError, me, pulse, token } from './state.js';

/** The login form's submit; resolves once the session has started or the error is on the form. */
export async function signIn(username: string, password: string): Promise<void> {
  try {
    const reply = await login(username, password);
    saveToken(reply.token);
    loginError.value = null;
    await startSession(reply.token);
  } catch (err) {
    loginError.value = loginErrorMessage(err);
  }
}

/** Picks up the tab's session after a reload. */
export function resumeSession(): void {
  const saved = loadToken();
  if (saved) void startSession(saved);
}

async function startSession(session: string): Promise<void> {
  token.value = session;
  let who;
  try {
    who = await getMe(session);
  } catch (err) {
    if (token.peek() !== session) return;
    if (err instanceof ApiError && err.status === 401) return endSession('login.expired');
    // without knowing who I am the page cannot tell my alerts from the community's: back to the form, token kept
    token.value = null;
    loginError.value = errorMessage(err);
    return;
  }
  if (token.peek() !== session) return;
  if (who.role !== 'responder') {
    location.replace('./');
    return;
  }
  me.value = who;
  keepLiveLink(
    openSessionLink({
      token: session,
      link,
      pulse,
      bumpPulse,
      onEvent: applyLiveEvent,
      onExpired: () => endSession('login.expired'),
    }),
  );
}
