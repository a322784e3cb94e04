// The duty desk: login, the live queue, the tasks, the alarm and the row actions. Wiring only; the parts live in
// api.js (REST), live.js (websocket), queue.js and tasks.js (state), desk-view.js and rows.js (DOM), sound.js, i18n.js.

import { ApiError, acknowledgeAlert, clearToken, completeTask, loadToken, login, resolveAlert, saveToken, tokenStillValid } from './api.js';
import { createDeskView } from './desk-view.js';
import { onLangChange, setLang, t } from './i18n.js';
import { openLiveLink } from './live.js';
import { createQueue } from './queue.js';
import * as sound from './sound.js';
import { createTaskList } from './tasks.js';

const $ = (id) => document.getElementById(id);

const state = {
  token: null,
  live: null,
  queue: createQueue(),
  tasks: createTaskList(),
  devices: new Map(),
  pending: new Set(),
  pendingTasks: new Set(),
  link: { up: true, retryAt: null },
  clockOffset: 0,
  notice: null,
  noticeTimer: null,
  loginError: null,
  resolving: null,
};

const { renderQueue, renderTasks, renderBanners, renderNotice, renderLoginError, renderAll, tick } = createDeskView(state);

// ---- session -------------------------------------------------------------------------------

function showLogin(errorKey = null) {
  state.loginError = errorKey ? [errorKey] : null;
  $('desk-view').hidden = true;
  $('logout').hidden = true;
  $('mute-toggle').hidden = true;
  $('login-view').hidden = false;
  renderLoginError();
  $('login-form').elements.namedItem(errorKey ? 'password' : 'username').focus();
}

function startSession(token) {
  state.token = token;
  state.link = { up: true, retryAt: null };
  $('login-view').hidden = true;
  $('desk-view').hidden = false;
  $('logout').hidden = false;
  $('mute-toggle').hidden = false;
  renderAll();
  state.live = openLiveLink({
    token,
    onEvent: handleEvent,
    onLink: (link) => {
      state.link = link;
      renderBanners();
      $('queue').classList.toggle('stale', !link.up);
    },
    onTokenRejected: () => endSession('login.expired'),
    checkToken: () => tokenStillValid(token),
  });
}

function endSession(reasonKey = null) {
  state.live?.close();
  state.live = null;
  state.token = null;
  clearToken();
  state.queue.clear();
  state.tasks.clear();
  state.devices.clear();
  state.pending.clear();
  state.pendingTasks.clear();
  state.link = { up: true, retryAt: null };
  if ($('resolve-dialog').open) $('resolve-dialog').close('cancel');
  renderAll();
  showLogin(reasonKey);
}

$('login-form').addEventListener('submit', async (ev) => {
  ev.preventDefault();
  sound.unlock(); // inside the user's click, so the browser lets the alarm sound later
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
    startSession(token);
  } catch (err) {
    state.loginError = loginErrorMessage(err);
    renderLoginError();
  } finally {
    submit.disabled = false;
    submit.textContent = t('login.submit');
  }
});

function loginErrorMessage(err) {
  if (!(err instanceof ApiError) || err.status === 0) return ['error.network'];
  if (err.status === 401 || err.status === 400) return ['login.invalid'];
  if (err.status === 429) return ['login.tooMany'];
  return ['error.generic', { code: err.code }];
}

$('logout').addEventListener('click', () => endSession());

// ---- live events ---------------------------------------------------------------------------

function handleEvent(event, { replayed }) {
  switch (event.type) {
    case 'snapshot':
      if (event.at) state.clockOffset = Date.parse(event.at) - Date.now() || 0;
      state.queue.replace(Array.isArray(event.alerts) ? event.alerts : []);
      state.tasks.replace(Array.isArray(event.tasks) ? event.tasks : []);
      renderTasks();
      break;
    case 'alert.raised':
    case 'alert.updated':
      // a replayed event may be older than the snapshot: apply it only if it moves the alert forward
      if (replayed) state.queue.applyReply(event.alert);
      else state.queue.upsert(event.alert);
      break;
    case 'task.created':
    case 'task.updated':
      // done and cancelled are final, so a replayed event cannot move a task backwards (tasks.js)
      if (state.tasks.apply(event.task)) renderTasks();
      return;
    case 'device.status':
      if (event.device?.deviceId) state.devices.set(event.device.deviceId, event.device);
      break;
    default:
      return;
  }
  renderQueue();
}

// ---- row actions ---------------------------------------------------------------------------

$('queue').addEventListener('click', (ev) => {
  const button = ev.target.closest('button[data-action]');
  const row = button?.closest('[data-alert-id]');
  if (!button || !row) return;
  const alert = state.queue.get(row.dataset.alertId);
  if (!alert) return;
  if (button.dataset.action === 'ack') runAction(alert.id, () => acknowledgeAlert(state.token, alert.id));
  if (button.dataset.action === 'resolve') openResolveDialog(alert);
});

function openResolveDialog(alert) {
  state.resolving = alert.id;
  const dialog = $('resolve-dialog');
  dialog.returnValue = '';
  dialog.querySelector('textarea').value = '';
  $('resolve-for').textContent = t('resolve.for', { type: t(`type.${alert.type}`), name: alert.elder.name });
  dialog.showModal();
}

$('resolve-dialog').addEventListener('close', () => {
  const dialog = $('resolve-dialog');
  const id = state.resolving;
  state.resolving = null;
  if (dialog.returnValue !== 'confirm' || !id || !state.token) return;
  const note = dialog.querySelector('textarea').value.trim();
  const token = state.token;
  runAction(id, () => resolveAlert(token, id, note));
});

async function runAction(id, call) {
  if (state.pending.has(id)) return;
  state.pending.add(id);
  renderQueue();
  try {
    // the live event updates the row as well; the reply only helps when the link is slow or down
    if (state.queue.applyReply(await call())) renderQueue();
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) return endSession('login.expired');
    showNotice(...actionErrorMessage(err));
  } finally {
    state.pending.delete(id);
    renderQueue();
  }
}

$('tasks').addEventListener('click', (ev) => {
  const button = ev.target.closest('button[data-action=done]');
  const row = button?.closest('[data-task-id]');
  if (!button || !row) return;
  const task = state.tasks.get(row.dataset.taskId);
  if (task) runTaskAction(task.id, () => completeTask(state.token, task.id));
});

async function runTaskAction(id, call) {
  if (state.pendingTasks.has(id)) return;
  state.pendingTasks.add(id);
  renderTasks();
  try {
    // the task.updated event removes the row as well; the reply only helps when the link is slow or down
    state.tasks.apply(await call());
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) return endSession('login.expired');
    showNotice(...taskErrorMessage(err));
  } finally {
    state.pendingTasks.delete(id);
    renderTasks();
  }
}

function taskErrorMessage(err) {
  if (!(err instanceof ApiError) || err.status === 0) return ['error.network'];
  if (err.code === 'TASK_TRANSITION_INVALID' || err.status === 409) return ['error.taskTransition'];
  if (err.status === 404) return ['error.taskNotFound'];
  return ['error.generic', { code: err.code }];
}

function actionErrorMessage(err) {
  if (!(err instanceof ApiError) || err.status === 0) return ['error.network'];
  if (err.code === 'ALERT_TRANSITION_INVALID' || err.status === 409) return ['error.transition'];
  if (err.status === 404) return ['error.notFound'];
  return ['error.generic', { code: err.code }];
}

function showNotice(key, vars = {}) {
  state.notice = { key, vars };
  clearTimeout(state.noticeTimer);
  state.noticeTimer = setTimeout(() => {
    state.notice = null;
    renderNotice();
  }, 8000);
  renderNotice();
}

// ---- header tools --------------------------------------------------------------------------

$('mute-toggle').addEventListener('click', () => {
  sound.setMuted(!sound.isMuted());
  renderBanners();
});

document.querySelector('[data-testid=lang-switch]').addEventListener('click', (ev) => {
  const button = ev.target.closest('button[data-lang]');
  if (button) setLang(button.dataset.lang);
});

// any click may unlock the sound when the session was restored without a login click
document.addEventListener('pointerdown', () => {
  sound.unlock();
  setTimeout(renderBanners, 100);
});

onLangChange(renderAll);
setInterval(tick, 1000);

renderAll();
const saved = loadToken();
if (saved) startSession(saved);
else showLogin();
