// The desk's session: signing in, asking who is signed in, the live link, the directory of names and regions, and
// signing out. What the page shows (the login form or the desk) follows the `screen` signal.

import { batch, effect, signal, untracked } from '@preact/signals';
import { ApiError, clearToken, getMe, listRegions, listUsers, login, loadToken, logout, saveToken } from '../shared/api.js';
import type { LiveLink } from '../shared/live-link.js';
import { openSessionLink } from '../shared/session-link.js';
import * as sound from '../shared/sound.js';
import { closeAlertDialog } from './alert-dialogs/alert-dialog-state.js';
import { clearQueueFilter } from './queue/queue-filter.js';
import { chosenTarget } from './queue/shown-alerts.js';
import { applyLiveEvent } from './state/desk-events.js';
import { bumpPulse, clearSession, link, loginError, me, names, pulse, regions, responders, token } from './state/desk-state.js';
import { wallBook } from './state/desk-wall.js';
import { regionLevels } from './state/region-levels.js';

/** 'starting' while a saved token is being checked, so neither the form nor an empty desk flashes up. */
export const screen = signal<'starting' | 'login' | 'desk'>('starting');

let live: LiveLink | null = null;

/** On page load: the saved token of this tab, if any, else the login form. */
export function resumeSession(): void {
  const saved = loadToken();
  if (saved) void startSession(saved);
  else screen.value = 'login';
}

/** The login form's submit; throws what login() throws, for the form to show. */
export async function signIn(username: string, password: string): Promise<void> {
  const reply = await login(username, password);
  saveToken(reply.token);
  loginError.value = null;
  await startSession(reply.token);
}

/**
 * Asks who is logged in first: a responder belongs on the phone page (same tab, same stored token), anybody else
 * gets the desk. An answer other than 401 (an older gateway, the network) still opens the desk.
 */
async function startSession(sessionToken: string): Promise<void> {
  token.value = sessionToken;
  let who = null;
  try {
    who = await getMe(sessionToken);
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) {
      if (token.value === sessionToken) endSession('login.expired');
      return;
    }
  }
  if (token.value !== sessionToken) return; // logged out while asking
  if (who?.role === 'responder') {
    location.replace('responder.html');
    return;
  }
  me.value = who && typeof who.displayName === 'string' ? who : null;
  if (me.value) names.value = new Map(names.value).set(me.value.username, me.value.displayName);
  enter(sessionToken);
}

function enter(sessionToken: string): void {
  screen.value = 'desk';
  void loadDirectory(sessionToken);
  void wallBook.load(sessionToken);
  live = openSessionLink({
    token: sessionToken,
    link,
    pulse,
    bumpPulse,
    onEvent: applyLiveEvent,
    onExpired: () => endSession('login.expired'),
  });
}

/** People and regions, for names on screen, the queue's region filter and the dispatch picker; the desk works without them. */
async function loadDirectory(sessionToken: string): Promise<void> {
  const [users, regionList] = await Promise.allSettled([listUsers(sessionToken), listRegions(sessionToken)]);
  if (token.value !== sessionToken) return;
  if (users.status === 'fulfilled' && Array.isArray(users.value?.items)) {
    const byUsername = new Map(names.value);
    for (const user of users.value.items) if (user?.username) byUsername.set(user.username, user.displayName);
    names.value = byUsername;
    responders.value = users.value.items.filter((u) => u?.role === 'responder');
  }
  if (regionList.status === 'fulfilled' && Array.isArray(regionList.value?.items)) {
    regions.value = new Map(regionList.value.items.filter((r) => r?.id).map((r) => [r.id, r]));
    if (Array.isArray(regionList.value.levels)) regionLevels.value = regionList.value.levels;
  }
}

/** Logout, or the server no longer accepting the token (`reasonKey` then says so on the login form). */
export function endSession(reasonKey: string | null = null): void {
  live?.close();
  live = null;
  clearToken();
  // one change for the page, so nothing is drawn half signed out
  batch(() => {
    closeAlertDialog();
    clearSession();
    // the next person at this desk starts from the whole queue
    clearQueueFilter();
    chosenTarget.value = null;
    wallBook.clear();
    loginError.value = reasonKey ? [reasonKey] : null;
    screen.value = 'login';
  });
  sound.setAlarm(false);
}

/** The sign-out button: the gateway ends the session (its token stops working everywhere), and the desk forgets it. */
export function signOut(): void {
  const ending = token.peek();
  // The desk signs out at once; a gateway that cannot be reached ends the session when its token expires.
  if (ending) logout(ending).catch(() => undefined);
  endSession();
}

// A part of the desk that saw a 401 and cleared the session itself: leave the desk the same way, keeping the
// reason it gave.
effect(() => {
  if (token.value === null && untracked(() => screen.value) === 'desk') endSession(untracked(() => loginError.value)?.[0] ?? null);
});
