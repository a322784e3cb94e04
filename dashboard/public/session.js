// What the desk and the responder page share around a session: the login form, the live link, the common part of
// logging out, the notice line, the language switch, and running one action on an alert or a task. Each page keeps
// its own state object (the fields used here: token, me, live, link, pulse, loginError, notice, noticeTimer).

import { ApiError, clearToken, errorMessage, login, saveToken, tokenStillValid } from './api.js';
import { closeAll } from './dialogs.js';
import { setLang, t } from './i18n.js';
import { openLiveLink } from './live.js';
import { SILENT_RECONNECT_MS } from './pulse.js';
import * as sound from './sound.js';

const $ = (id) => document.getElementById(id);

/** The message keys for a failed login. */
export function loginErrorMessage(err) {
  if (!(err instanceof ApiError) || err.status === 0) return ['error.network'];
  if (err.status === 401 || err.status === 400) return ['login.invalid'];
  if (err.status === 429) return ['login.tooMany'];
  return ['error.generic', { code: err.code }];
}

/**
 * The page's session plumbing. `workViews` are the ids shown only while logged in (hidden on the login form);
 * `clear()` forgets the page's own data on logout; `renders` are the page's drawing functions.
 */
export function createSession(state, { workViews, startSession, clear, renderMe, renderAll, renderBanners, renderNotice, renderLoginError }) {
  function showLogin(errorKey = null) {
    state.loginError = errorKey ? [errorKey] : null;
    for (const id of workViews) $(id).hidden = true;
    $('login-view').hidden = false;
    renderMe();
    renderBanners();
    renderLoginError();
    $('login-form').elements.namedItem(errorKey ? 'password' : 'username').focus();
  }

  /** After GET /me: the login form goes, the page's views come, `then()` runs, and the live link opens. */
  function enter(token, onEvent, then = () => {}) {
    state.link = { up: true, retryAt: null };
    state.pulse.alive();
    $('login-view').hidden = true;
    for (const id of workViews) $(id).hidden = false;
    renderAll();
    then();
    state.live = openLiveLink({
      token,
      onEvent,
      onLink: (link) => {
        state.link = link;
        renderBanners();
      },
      onTokenRejected: () => endSession('login.expired'),
      checkToken: () => tokenStillValid(token),
      silenceMs: SILENT_RECONNECT_MS,
    });
  }

  function endSession(reasonKey = null) {
    state.live?.close();
    state.live = null;
    state.token = null;
    state.me = null;
    clearToken();
    clear();
    state.pulse.reset();
    state.link = { up: true, retryAt: null };
    closeAll();
    renderAll();
    showLogin(reasonKey);
  }

  $('login-form').addEventListener('submit', async (ev) => {
    ev.preventDefault();
    sound.unlock(); // inside the user's click or tap, so the browser lets the alarm or the dispatch beep sound later
    const form = ev.currentTarget;
    const username = form.elements.namedItem('username').value.trim();
    const password = form.elements.namedItem('password').value;
    const submit = form.querySelector('[type=submit]');
    submit.disabled = true;
    submit.textContent = t('login.busy');
    try {
      const { token } = await login(username, password);
      saveToken(token);
      form.reset();
      state.loginError = null;
      renderLoginError();
      await startSession(token);
    } catch (err) {
      state.loginError = loginErrorMessage(err);
      renderLoginError();
    } finally {
      submit.disabled = false;
      submit.textContent = t('login.submit');
    }
  });

  $('logout').addEventListener('click', () => endSession());

  document.querySelector('[data-testid=lang-switch]').addEventListener('click', (ev) => {
    const button = ev.target.closest('button[data-lang]');
    if (button) setLang(button.dataset.lang);
  });

  /** The notice line for 8 s (message key and its values, drawn again after a language switch). */
  function showNotice(key, vars = {}) {
    state.notice = { key, vars };
    clearTimeout(state.noticeTimer);
    state.noticeTimer = setTimeout(() => {
      state.notice = null;
      renderNotice();
    }, 8000);
    renderNotice();
  }

  /**
   * Runs `call` (a REST action on one alert or task) once at a time per id: `pending` marks it while it runs, the
   * reply updates `list` (queue.js / tasks.js, unless a live event was newer), a failure shows as the notice.
   */
  function createRunner({ pending, list, render, kind }) {
    return async function run(id, call) {
      if (pending.has(id)) return;
      pending.add(id);
      render();
      const since = list.version(id);
      try {
        // the live event updates the list as well; the reply only helps when the link is slow or down
        list.applyReply(await call(), since);
      } catch (err) {
        if (err instanceof ApiError && err.status === 401) return endSession('login.expired');
        showNotice(...errorMessage(err, kind));
      } finally {
        pending.delete(id);
        render();
      }
    };
  }

  return { showLogin, enter, endSession, showNotice, createRunner };
}
