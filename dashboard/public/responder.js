// The responder's phone page: login, the alerts dispatched to me (accept, decline, on site, resolve with a reason),
// my tasks (accept, decline, done with an outcome) and the open tasks of my community (take one), live over the same
// websocket as the desk, with reconnect, snapshot and the stale banner. Wiring only; the cards are in
// responder-view.js and the shared parts in api.js, live.js, pulse.js, queue.js, tasks.js, dialogs.js, i18n.js.

import * as api from './api.js';
import { ApiError, errorMessage, loadToken } from './api.js';
import { ask, fillCodes, relabelSelects } from './dialogs.js';
import { buildDialogs, forLine } from './forms.js';
import { applyStatic, getLang, onLangChange, t } from './i18n.js';
import { createPulse } from './pulse.js';
import { createQueue } from './queue.js';
import { alertStage, fillAlertCard, fillTaskCard, whenText } from './responder-view.js';
import { syncList, typed, typeLabel } from './rows.js';
import { createSession } from './session.js';
import * as sound from './sound.js';
import { createTaskList } from './tasks.js';

const $ = (id) => document.getElementById(id);

buildDialogs(['resolve-dialog', 'decline-dialog', 'task-complete-dialog']);

const RESOLUTION_REASONS = ['handled_on_site', 'hospital_transfer', 'family_took_over', 'handled_by_phone', 'no_action_needed', 'other'];
const TASK_OUTCOMES = ['visited', 'not_home', 'refused', 'fixed', 'service_delivered', 'not_needed', 'other'];

const state = {
  token: null,
  me: null,
  live: null,
  /** Every alert the live link tells about; the page shows those dispatched to me (see mine()). */
  alerts: createQueue(),
  tasks: createTaskList(),
  /** elder id → record | Error | 'loading'. */
  elders: new Map(),
  /** elder ids whose record is unfolded on a task card. */
  openRecords: new Set(),
  /** alert ids already announced with a beep. */
  offered: new Set(),
  pendingAlerts: new Set(),
  pendingTasks: new Set(),
  link: { up: true, retryAt: null },
  pulse: createPulse(),
  clockOffset: 0,
  notice: null,
  noticeTimer: null,
  loginError: null,
};

const serverNow = () => Date.now() + state.clockOffset;
const cards = { alerts: new Map(), mine: new Map(), community: new Map() };

// ---- what is mine --------------------------------------------------------------------------

/**
 * The alerts dispatched to me. The live link sends every change in my community (the snapshot only mine), so the
 * page keeps an alert only while its assignee is me: a declined one, or one passed to the next responder, goes.
 */
function myAlerts() {
  const id = state.me?.id;
  return state.alerts.openSorted().filter((a) => id && a.assignee?.id === id && a.status !== 'on_hold');
}

/** My tasks, without the on-site visit of an alert on my list: that alert's card is the same work. */
function myTasks() {
  const id = state.me?.id;
  const alerts = new Set(myAlerts().map((a) => a.id));
  return state.tasks
    .openSorted(serverNow())
    .filter((task) => id && task.assignee?.id === id && !(task.kind === 'visit' && task.alertId && alerts.has(task.alertId)));
}

function communityTasks() {
  return state.tasks.openSorted(serverNow()).filter((task) => task.status === 'open' && !task.assignee);
}

/** Fetches an elder's record once per session (again after `fresh`, for a new dispatch). */
function ensureElder(elderId, { fresh = false } = {}) {
  const known = state.elders.get(elderId);
  if (known === 'loading' || (known && !(known instanceof Error) && !fresh)) return;
  const token = state.token;
  if (!token) return;
  state.elders.set(elderId, 'loading');
  api.getElder(token, elderId).then(
    (record) => {
      if (state.token !== token) return;
      state.elders.set(elderId, record);
      render();
    },
    (err) => {
      if (state.token !== token) return;
      if (err instanceof ApiError && err.status === 401) return endSession('login.expired');
      state.elders.set(elderId, err instanceof Error ? err : new Error(String(err)));
      render();
    },
  );
}

// ---- drawing -------------------------------------------------------------------------------

const renderList = (listId, map, items, fill) => syncList($(listId), map, items, fill);

function render() {
  const now = serverNow();
  const alerts = myAlerts();
  for (const alert of alerts) {
    ensureElder(alert.elder.id);
    // a new dispatch: a double beep and a buzz, once per alert
    if (alertStage(alert) === 'offered' && !state.offered.has(alert.id)) {
      state.offered.add(alert.id);
      sound.attention();
      navigator.vibrate?.([300, 120, 300]);
    }
  }
  renderList('my-alerts', cards.alerts, alerts, (card, alert) =>
    fillAlertCard(card, alert, { now, pending: state.pendingAlerts.has(alert.id), record: state.elders.get(alert.elder.id) }),
  );
  $('alerts-empty').hidden = alerts.length > 0;
  $('alert-count').textContent = alerts.length > 0 ? t('queue.openCount', { n: alerts.length }) : '';

  const mine = myTasks();
  renderList('my-tasks', cards.mine, mine, (card, task) =>
    fillTaskCard(card, task, {
      now,
      pending: state.pendingTasks.has(task.id),
      mine: true,
      record: state.elders.get(task.elder.id),
      recordOpen: state.openRecords.has(task.elder.id),
    }),
  );
  $('my-tasks-empty').hidden = mine.length > 0;
  $('my-task-count').textContent = mine.length > 0 ? t('tasks.openCount', { n: mine.length }) : '';

  const community = communityTasks();
  renderList('community-tasks', cards.community, community, (card, task) =>
    fillTaskCard(card, task, { now, pending: state.pendingTasks.has(task.id), mine: false, record: undefined, recordOpen: false }),
  );
  $('community-empty').hidden = community.length > 0;
  $('community-count').textContent = community.length > 0 ? t('tasks.openCount', { n: community.length }) : '';
  renderBanners();
}

function renderBanners() {
  const live = $('live-banner');
  live.hidden = !state.token || state.link.up;
  if (!live.hidden) {
    const seconds = state.link.retryAt ? Math.ceil((state.link.retryAt - Date.now()) / 1000) : 0;
    live.textContent = seconds > 0 ? t('banner.liveRetry', { s: seconds }) : t('banner.liveDown');
  }
  const stale = Boolean(state.token) && state.link.up && state.pulse.isStale();
  const banner = $('stale-banner');
  banner.hidden = !stale;
  if (stale) banner.textContent = t('banner.stale', { s: Math.floor((state.pulse.silentFor() ?? 0) / 1000) });
  const pulse = $('pulse');
  pulse.hidden = !state.token;
  const mode = !state.link.up ? 'down' : stale ? 'stale' : state.pulse.last() ? 'ok' : 'waiting';
  pulse.dataset.state = mode;
  pulse.textContent = t(`pulse.${mode}`);
  $('work-view').classList.toggle('stale', Boolean(state.token) && (!state.link.up || stale));
}

function renderMe() {
  const me = $('me');
  me.hidden = !state.token || !state.me;
  me.replaceChildren(...(me.hidden ? [] : [typed('person', state.me.displayName)]));
}

function renderNotice() {
  const notice = $('notice');
  notice.hidden = !state.notice;
  notice.textContent = state.notice ? t(state.notice.key, state.notice.vars) : '';
}

function renderLoginError() {
  const box = $('login-error');
  box.hidden = !state.loginError;
  box.textContent = state.loginError ? t(...state.loginError) : '';
}

function renderAll() {
  applyStatic(document);
  for (const button of document.querySelectorAll('[data-testid=lang-switch] button')) {
    button.setAttribute('aria-pressed', String(button.dataset.lang === getLang()));
  }
  renderMe();
  render();
  renderNotice();
  renderLoginError();
}

// ---- session -------------------------------------------------------------------------------

const { showLogin, enter, endSession, createRunner } = createSession(state, {
  workViews: ['work-view', 'logout'],
  startSession,
  clear: () => {
    state.alerts.clear();
    state.tasks.clear();
    state.elders.clear();
    state.openRecords.clear();
    state.offered.clear();
    state.pendingAlerts.clear();
    state.pendingTasks.clear();
  },
  renderMe,
  renderAll,
  renderBanners,
  renderNotice,
  renderLoginError,
});
const runAlertAction = createRunner({ pending: state.pendingAlerts, list: state.alerts, render, kind: 'alert' });
const runTaskAction = createRunner({ pending: state.pendingTasks, list: state.tasks, render, kind: 'task' });

/** GET /me decides: a responder works here; the desk roles belong on the desk (same tab, same stored token). */
async function startSession(token) {
  state.token = token;
  let me;
  try {
    me = await api.getMe(token);
  } catch (err) {
    if (state.token !== token) return;
    if (err instanceof ApiError && err.status === 401) return endSession('login.expired');
    // without knowing who I am the page cannot tell my alerts from the community's: back to the form, token kept
    state.token = null;
    showLogin();
    state.loginError = errorMessage(err);
    renderLoginError();
    return;
  }
  if (state.token !== token) return;
  if (me?.role !== 'responder') {
    location.replace('./');
    return;
  }
  state.me = me;
  enter(token, handleEvent);
}

// ---- live events ---------------------------------------------------------------------------

function handleEvent(event, { replayed }) {
  switch (event.type) {
    case 'snapshot':
      if (event.at) state.clockOffset = Date.parse(event.at) - Date.now() || 0;
      state.pulse.alive();
      state.alerts.replace(Array.isArray(event.alerts) ? event.alerts : []);
      state.tasks.replace(Array.isArray(event.tasks) ? event.tasks : []);
      break;
    case 'alert.raised':
    case 'alert.updated': {
      const before = state.alerts.get(event.alert?.id);
      if (replayed) state.alerts.applyReplayed(event.alert);
      else state.alerts.upsert(event.alert);
      // newly sent to me: read the record again, it may have changed since I last went there
      if (event.alert?.assignee?.id === state.me?.id && before?.assignee?.id !== state.me?.id) ensureElder(event.alert.elder.id, { fresh: true });
      break;
    }
    case 'task.created':
    case 'task.updated':
      state.tasks.apply(event.task);
      break;
    case 'heartbeat':
      state.pulse.beat(event);
      renderBanners();
      return;
    default:
      return;
  }
  render();
}

// ---- actions -------------------------------------------------------------------------------

async function askDecline(headingKey, type, name) {
  const dialog = $('decline-dialog');
  return ask(dialog, () => {
    const heading = dialog.querySelector('[data-role=heading]');
    heading.dataset.i18n = headingKey;
    heading.textContent = t(headingKey);
    forLine(dialog, type, name);
  });
}

$('my-alerts').addEventListener('click', async (ev) => {
  const button = ev.target.closest('button[data-action]');
  const card = button?.closest('[data-alert-id]');
  const alert = card && state.alerts.get(card.dataset.alertId);
  if (!alert || !state.token) return;
  const token = state.token;
  switch (button.dataset.action) {
    case 'accept':
      runAlertAction(alert.id, () => api.acceptAlert(token, alert.id));
      break;
    case 'arrive':
      runAlertAction(alert.id, () => api.arriveAlert(token, alert.id));
      break;
    case 'decline': {
      const values = await askDecline('decline.heading', typeLabel(alert.type), alert.elder.name);
      if (values && state.token === token) runAlertAction(alert.id, () => api.declineAlert(token, alert.id, values.reason));
      break;
    }
    case 'resolve': {
      const dialog = $('resolve-dialog');
      const values = await ask(dialog, (form) => {
        forLine(dialog, typeLabel(alert.type), alert.elder.name);
        fillCodes(form.elements.namedItem('reason'), RESOLUTION_REASONS, (code) => t(`reason.${code}`));
      });
      if (values && state.token === token) runAlertAction(alert.id, () => api.resolveAlert(token, alert.id, values.reason, values.note));
      break;
    }
    default:
  }
});

async function onTaskClick(ev) {
  const button = ev.target.closest('button[data-action]');
  const card = button?.closest('[data-task-id]');
  const task = card && state.tasks.get(card.dataset.taskId);
  if (!task || !state.token) return;
  const token = state.token;
  const kind = t(`task.kind.${task.kind}`);
  switch (button.dataset.action) {
    case 'accept':
      runTaskAction(task.id, () => api.acceptTask(token, task.id));
      break;
    case 'decline': {
      const values = await askDecline('declineTask.heading', kind, task.elder.name);
      if (values && state.token === token) runTaskAction(task.id, () => api.declineTask(token, task.id, values.reason));
      break;
    }
    case 'done': {
      const dialog = $('task-complete-dialog');
      const values = await ask(dialog, (form) => {
        forLine(dialog, kind, task.elder.name);
        fillCodes(form.elements.namedItem('outcome'), TASK_OUTCOMES, (code) => t(`outcome.${code}`));
      });
      if (values && state.token === token) runTaskAction(task.id, () => api.completeTask(token, task.id, values.outcome, values.note));
      break;
    }
    default:
  }
}

$('my-tasks').addEventListener('click', onTaskClick);
$('community-tasks').addEventListener('click', onTaskClick);

// the elder's record on a task card: fetched when unfolded, and remembered unfolded across redraws
$('my-tasks').addEventListener(
  'toggle',
  (ev) => {
    const details = ev.target;
    if (!(details instanceof HTMLDetailsElement) || !details.dataset.elderId) return;
    const id = details.dataset.elderId;
    const wasOpen = state.openRecords.has(id);
    if (details.open === wasOpen) return;
    if (details.open) {
      state.openRecords.add(id);
      ensureElder(id);
    } else {
      state.openRecords.delete(id);
    }
    render();
  },
  true,
);

// ---- tools ---------------------------------------------------------------------------------

document.addEventListener('pointerdown', () => sound.unlock());

onLangChange(() => {
  renderAll();
  relabelSelects();
});

/** Once a second: the ages, the reconnect countdown and the pulse. */
setInterval(() => {
  if (!state.token) return;
  const now = serverNow();
  for (const card of cards.alerts.values()) {
    const alert = state.alerts.get(card.dataset.alertId);
    const when = card.querySelector('.r-when');
    if (alert && when) when.textContent = whenText(alert, now);
  }
  renderBanners();
}, 1000);

renderAll();
const saved = loadToken();
if (saved) startSession(saved);
else showLogin();
