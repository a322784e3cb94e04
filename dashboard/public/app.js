// The duty desk: login, the live queue, the tasks, the alarm, the row actions and their dialogs, the keyboard.
// Wiring only; the parts live in api.js (REST), live.js (websocket), pulse.js (heartbeat), queue.js and tasks.js
// (state), desk-view.js and rows.js (DOM), dialogs.js, picker.js (dispatch), detail.js (alert and elder record),
// sound.js, i18n.js.

import * as api from './api.js';
import { ApiError, loadToken } from './api.js';
import { createDeskView } from './desk-view.js';
import { createDetail } from './detail.js';
import { ask, fillCodes, relabelSelects } from './dialogs.js';
import { buildDialogs, forLine } from './forms.js';
import { onLangChange, t } from './i18n.js';
import { pickResponder } from './picker.js';
import { createPulse } from './pulse.js';
import { createQueue } from './queue.js';
import { typeLabel } from './rows.js';
import { createSession } from './session.js';
import * as sound from './sound.js';
import { createTaskList } from './tasks.js';

const $ = (id) => document.getElementById(id);

buildDialogs(['resolve-dialog', 'false-alarm-dialog', 'hold-dialog', 'dispatch-dialog', 'task-assign-dialog', 'task-complete-dialog', 'task-cancel-dialog']);

const RESOLUTION_REASONS = ['handled_on_site', 'hospital_transfer', 'handled_by_phone', 'family_took_over', 'no_action_needed', 'other'];
const TASK_OUTCOMES = ['visited', 'not_home', 'refused', 'fixed', 'service_delivered', 'not_needed', 'other'];
const HOLD_MINUTES = ['5', '10', '15', '30', '60', '120'];
const HOLD_DEFAULT = '15';
/** How long a row flashes after its alert escalated. */
const FLASH_MS = 10_000;
/** Keys on the keyboard target (the ⌨ row), by physical key so a Chinese input method does not swallow them. */
const SHORTCUTS = { KeyA: 'ack', KeyD: 'dispatch', KeyR: 'resolve', KeyH: 'hold', KeyF: 'false-alarm', KeyI: 'details' };

const state = {
  token: null,
  me: null,
  live: null,
  queue: createQueue(),
  tasks: createTaskList(),
  devices: new Map(),
  pending: new Set(),
  pendingTasks: new Set(),
  link: { up: true, retryAt: null },
  /** Since when the gateway's store cannot write (alarms refused, devices resending); null while it can. */
  storeFailingSince: null,
  pulse: createPulse(),
  clockOffset: 0,
  notice: null,
  noticeTimer: null,
  loginError: null,
  /** username → display name, for "acknowledged by" and the timeline. */
  names: new Map(),
  /** Responders of the desk's region (GET /users), for assigning tasks. */
  responders: [],
  /** region id → name. */
  regions: new Map(),
  /** alert id → time its escalation flash ends. */
  flashUntil: new Map(),
};

const view = createDeskView(state);
const { renderQueue, renderTasks, renderLists, renderBanners, renderNotice, renderLoginError, renderMe, renderAll, tick } = view;

const detail = createDetail({
  dialog: $('detail-dialog'),
  token: () => state.token,
  names: () => state.names,
  regions: () => state.regions,
  assigneeOf: (alert) => state.queue.assigneeOf(alert),
  onUnauthorised: () => endSession('login.expired'),
});

const { showLogin, enter, endSession, showNotice, createRunner } = createSession(state, {
  workViews: ['desk-view', 'logout', 'mute-toggle'],
  startSession,
  clear: () => {
    state.queue.clear();
    state.tasks.clear();
    state.devices.clear();
    state.pending.clear();
    state.pendingTasks.clear();
    state.names.clear();
    state.responders = [];
    state.regions.clear();
    state.flashUntil.clear();
  },
  renderMe,
  renderAll,
  renderBanners,
  renderNotice,
  renderLoginError,
});
const runAction = createRunner({ pending: state.pending, list: state.queue, render: renderQueue, kind: 'alert' });
const runTaskAction = createRunner({ pending: state.pendingTasks, list: state.tasks, render: renderTasks, kind: 'task' });

// ---- session -------------------------------------------------------------------------------

/**
 * Asks who is logged in first: a responder belongs on the phone page (same tab, same stored token), anybody else
 * gets the desk. An answer other than 401 (an older gateway, the network) still opens the desk.
 */
async function startSession(token) {
  state.token = token;
  let me = null;
  try {
    me = await api.getMe(token);
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) {
      if (state.token === token) endSession('login.expired');
      return;
    }
  }
  if (state.token !== token) return; // logged out while asking
  if (me?.role === 'responder') {
    location.replace('responder.html');
    return;
  }
  state.me = me && typeof me.displayName === 'string' ? me : null;
  if (state.me?.username) state.names.set(state.me.username, state.me.displayName);
  enter(token, handleEvent, loadDirectory);
}

/** People and regions, for names on screen and the assign dialog; the desk works without them. */
async function loadDirectory() {
  const token = state.token;
  if (!token) return;
  const [users, regions] = await Promise.allSettled([api.listUsers(token), api.listRegions(token)]);
  if (state.token !== token) return;
  if (users.status === 'fulfilled' && Array.isArray(users.value?.items)) {
    for (const user of users.value.items) if (user?.username) state.names.set(user.username, user.displayName);
    state.responders = users.value.items.filter((u) => u?.role === 'responder');
  }
  if (regions.status === 'fulfilled' && Array.isArray(regions.value?.items)) {
    for (const region of regions.value.items) if (region?.id) state.regions.set(region.id, region.name);
  }
  renderQueue();
}

// ---- live events ---------------------------------------------------------------------------

function handleEvent(event, { replayed }) {
  switch (event.type) {
    case 'snapshot':
      if (event.at) state.clockOffset = Date.parse(event.at) - Date.now() || 0;
      // a failing store is told right after the snapshot; no word means it writes
      state.storeFailingSince = null;
      state.pulse.alive();
      state.queue.replace(Array.isArray(event.alerts) ? event.alerts : []);
      state.tasks.replace(Array.isArray(event.tasks) ? event.tasks : []);
      renderTasks();
      break;
    case 'alert.raised':
    case 'alert.updated':
      // a replayed event may be older than the snapshot (queue.js)
      if (replayed) state.queue.applyReplayed(event.alert);
      else state.queue.upsert(event.alert);
      if (event.alert) detail.updated(event.alert);
      renderLists();
      return;
    case 'alert.escalated':
      escalated(event, replayed);
      break;
    case 'task.created':
    case 'task.updated':
      // done and cancelled are final, so a replayed event cannot reopen a task (tasks.js)
      if (state.tasks.apply(event.task)) renderTasks();
      return;
    case 'device.status':
      if (event.device?.deviceId) state.devices.set(event.device.deviceId, event.device);
      break;
    case 'heartbeat':
      state.pulse.beat(event);
      renderBanners();
      return;
    case 'store.status':
      state.storeFailingSince = event.failing ? event.since : null;
      renderBanners();
      return;
    default:
      return;
  }
  renderQueue();
}

/**
 * An alert nobody acknowledged in time. The row shows the level and flashes, the alarm beeps at once, and a P1
 * escalation lifts the mute. Why override the operator's choice: escalation fires only while the alert is still
 * unacknowledged after its deadline (P1: 60 s, then 180 s), which is exactly the failure a forgotten mute causes —
 * a desk that is not hearing a life-safety alarm. The operator may mute again, but as a second, deliberate choice
 * made with the escalation on screen. Lower priorities never sound the alarm, so for them the mute stays and only
 * the flash and the notice re-alert.
 */
function escalated(event, replayed) {
  const level = event.level === 2 ? 2 : 1;
  const alert = state.queue.get(event.alertId);
  if (!alert) return;
  if ((alert.escalationLevel ?? 0) < level) state.queue.upsert({ ...alert, escalationLevel: level });
  state.flashUntil.set(alert.id, Date.now() + FLASH_MS);
  if (replayed) return;
  if (alert.priority === 1 && sound.isMuted()) sound.setMuted(false);
  sound.attention();
  // the type by its code: the notice is drawn again in the new language after a switch
  showNotice(`notice.escalated${level}`, { alertType: alert.type, name: alert.elder.name });
}

// ---- alert actions -------------------------------------------------------------------------

const canDispatch = (alert) => alert.test !== true && (alert.status === 'raised' || alert.status === 'acknowledged');
const canHold = (alert) => alert.status === 'raised' || alert.status === 'acknowledged';

/** What a row button or a shortcut asks for, on one alert. */
function act(action, alert) {
  switch (action) {
    case 'ack':
      if (alert.status === 'raised') runAction(alert.id, () => api.acknowledgeAlert(state.token, alert.id));
      return;
    case 'dispatch':
      if (canDispatch(alert)) openDispatch(alert);
      return;
    case 'resolve':
      openResolve(alert);
      return;
    case 'hold':
      if (canHold(alert)) openHold(alert);
      return;
    case 'false-alarm':
      openFalseAlarm(alert);
      return;
    case 'details':
      detail.open(alert);
      return;
    default:
  }
}

$('queue').addEventListener('click', (ev) => {
  const row = ev.target.closest('[data-alert-id]');
  const alert = row && state.queue.get(row.dataset.alertId);
  if (!alert) return;
  const button = ev.target.closest('button[data-action]');
  if (button) act(button.dataset.action, alert);
  // a click anywhere else on the row opens its details, unless it was the end of selecting text
  else if (!ev.target.closest('a') && String(window.getSelection?.() ?? '') === '') act('details', alert);
});

$('queue').addEventListener('keydown', (ev) => {
  if (ev.key !== 'Enter' || !ev.target.matches?.('[data-alert-id]')) return;
  const alert = state.queue.get(ev.target.dataset.alertId);
  if (alert) act('details', alert);
});

/** The "type · name" line at the top of an alert's dialog. */
const forAlert = (dialog, alert) => forLine(dialog, typeLabel(alert.type), alert.elder.name);

async function openResolve(alert) {
  const dialog = $('resolve-dialog');
  const values = await ask(dialog, (form) => {
    forAlert(dialog, alert);
    fillCodes(form.elements.namedItem('reason'), RESOLUTION_REASONS, (code) => t(`reason.${code}`));
  });
  if (!values || !state.token) return;
  const token = state.token;
  runAction(alert.id, () => api.resolveAlert(token, alert.id, values.reason, values.note));
}

async function openFalseAlarm(alert) {
  const dialog = $('false-alarm-dialog');
  const values = await ask(dialog, () => forAlert(dialog, alert));
  if (!values || !state.token) return;
  const token = state.token;
  runAction(alert.id, () => api.markFalseAlarm(token, alert.id, values.note));
}

async function openHold(alert) {
  const dialog = $('hold-dialog');
  const values = await ask(dialog, (form) => {
    forAlert(dialog, alert);
    fillCodes(form.elements.namedItem('minutes'), HOLD_MINUTES, (n) => t('hold.minutesOption', { n }), {
      placeholder: false,
      selected: HOLD_DEFAULT,
    });
  });
  if (!values || !state.token) return;
  const token = state.token;
  runAction(alert.id, () => api.holdAlert(token, alert.id, values.reason, Number(values.minutes)));
}

async function openDispatch(alert) {
  if (!state.token) return;
  const token = state.token;
  const responderId = await pickResponder($('dispatch-dialog'), {
    token,
    alert,
    regions: state.regions,
    onUnauthorised: () => endSession('login.expired'),
  });
  if (!responderId || state.token !== token) return;
  runAction(alert.id, () => api.dispatchAlert(token, alert.id, responderId));
}

// ---- keyboard ------------------------------------------------------------------------------

document.addEventListener('keydown', (ev) => {
  if (ev.defaultPrevented || ev.repeat || ev.ctrlKey || ev.metaKey || ev.altKey || ev.isComposing) return;
  const action = SHORTCUTS[ev.code];
  if (!action || !state.token || $('desk-view').hidden) return;
  // Esc belongs to an open dialog (the browser closes it); typing belongs to the field
  if (document.querySelector('dialog[open]')) return;
  if (ev.target instanceof Element && (ev.target.closest('input, textarea, select') || ev.target.isContentEditable)) return;
  const alert = state.queue.keyboardTarget();
  if (!alert) return;
  ev.preventDefault();
  act(action, alert);
});

// ---- tasks ---------------------------------------------------------------------------------

$('tasks').addEventListener('click', (ev) => {
  const button = ev.target.closest('button[data-action]');
  const row = button?.closest('[data-task-id]');
  const task = row && state.tasks.get(row.dataset.taskId);
  if (!task) return;
  if (button.dataset.action === 'assign') openAssign(task);
  if (button.dataset.action === 'done') openComplete(task);
  if (button.dataset.action === 'cancel') openCancelTask(task);
});

/** The "kind · name" line at the top of a task's dialog. */
const forTask = (dialog, task) => forLine(dialog, t(`task.kind.${task.kind}`), task.elder.name);

/** Responders for a task: the elder's community first, then on duty, then by name. */
function respondersFor(task) {
  const community = task.elder?.regionId;
  return [...state.responders].sort(
    (a, b) =>
      Number(b.regionId === community) - Number(a.regionId === community) ||
      Number(b.onDuty === true) - Number(a.onDuty === true) ||
      String(a.displayName).localeCompare(String(b.displayName), 'zh-CN'),
  );
}

async function openAssign(task) {
  if (state.responders.length === 0) await loadDirectory();
  const dialog = $('task-assign-dialog');
  const people = respondersFor(task);
  const byId = new Map(people.map((p) => [p.id, p]));
  const label = (id) => {
    const person = byId.get(id);
    const parts = [person.displayName];
    const region = state.regions.get(person.regionId);
    if (region) parts.push(region);
    parts.push(t(person.onDuty ? 'dispatch.onDuty' : 'dispatch.offDuty'));
    return parts.join(' · ');
  };
  const values = await ask(dialog, (form) => {
    forTask(dialog, task);
    const select = form.elements.namedItem('responderId');
    fillCodes(select, [...byId.keys()], label);
    if (task.assignee?.id && byId.has(task.assignee.id)) select.value = task.assignee.id;
    const status = dialog.querySelector('[data-role=status]');
    status.hidden = people.length > 0;
    status.textContent = people.length > 0 ? '' : t('taskAssign.none');
  });
  if (!values || !state.token) return;
  const token = state.token;
  runTaskAction(task.id, () => api.assignTask(token, task.id, values.responderId));
}

async function openComplete(task) {
  const dialog = $('task-complete-dialog');
  const values = await ask(dialog, (form) => {
    forTask(dialog, task);
    fillCodes(form.elements.namedItem('outcome'), TASK_OUTCOMES, (code) => t(`outcome.${code}`));
  });
  if (!values || !state.token) return;
  const token = state.token;
  runTaskAction(task.id, () => api.completeTask(token, task.id, values.outcome, values.note));
}

async function openCancelTask(task) {
  const dialog = $('task-cancel-dialog');
  const values = await ask(dialog, () => forTask(dialog, task));
  if (!values || !state.token) return;
  const token = state.token;
  runTaskAction(task.id, () => api.cancelTask(token, task.id, values.reason));
}

// ---- header tools --------------------------------------------------------------------------

$('mute-toggle').addEventListener('click', () => {
  sound.setMuted(!sound.isMuted());
  renderBanners();
});

// any click may unlock the sound when the session was restored without a login click
document.addEventListener('pointerdown', () => {
  sound.unlock();
  setTimeout(renderBanners, 100);
});

onLangChange(() => {
  renderAll();
  relabelSelects();
  detail.render();
});
setInterval(tick, 1000);

renderAll();
const saved = loadToken();
if (saved) startSession(saved);
else showLogin();
