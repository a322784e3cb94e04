// Drawing the desk from its state: the queue, the closed list, the tasks, the banners, the notices.
// The state object is owned by app.js; everything here reads it and touches only the DOM and the alarm.

import { applyStatic, getLang, t } from './i18n.js';
import { ageText, closedRow, fillOpenRow, fillTaskRow, taskAgeText } from './rows.js';
import * as sound from './sound.js';

const $ = (id) => document.getElementById(id);

export function createDeskView(state) {
  const serverNow = () => Date.now() + state.clockOffset;
  const rowElements = new Map();
  const taskElements = new Map();

  function renderQueue() {
    const list = $('queue');
    const open = state.queue.openSorted();
    const seen = new Set();
    for (const alert of open) {
      seen.add(alert.id);
      let row = rowElements.get(alert.id);
      if (!row) {
        row = document.createElement('li');
        rowElements.set(alert.id, row);
      }
      const view = { now: serverNow(), device: state.devices.get(alert.deviceId), pending: state.pending.has(alert.id) };
      fillOpenRow(row, alert, view);
      list.append(row); // appending an existing node moves it: the list ends in sorted order
    }
    for (const [id, row] of rowElements) {
      if (seen.has(id)) continue;
      row.remove();
      rowElements.delete(id);
    }
    $('queue-empty').hidden = open.length > 0;
    $('open-count').textContent = open.length > 0 ? t('queue.openCount', { n: open.length }) : '';

    const closed = state.queue.closedSorted();
    $('closed').replaceChildren(...closed.map(closedRow));
    $('closed-empty').hidden = closed.length > 0;
    renderBanners();
  }

  /** Open tasks; rows are kept across renders like alert rows, so a focused Done button stays put. */
  function renderTasks() {
    const list = $('tasks');
    const open = state.tasks.openSorted();
    const seen = new Set();
    for (const task of open) {
      seen.add(task.id);
      let row = taskElements.get(task.id);
      if (!row) {
        row = document.createElement('li');
        taskElements.set(task.id, row);
      }
      fillTaskRow(row, task, { now: serverNow(), pending: state.pendingTasks.has(task.id) });
      list.append(row);
    }
    for (const [id, row] of taskElements) {
      if (seen.has(id)) continue;
      row.remove();
      taskElements.delete(id);
    }
    $('tasks-empty').hidden = open.length > 0;
    $('task-count').textContent = open.length > 0 ? t('tasks.openCount', { n: open.length }) : '';
  }

  function renderBanners() {
    const unacked = state.token ? state.queue.unacknowledgedLifeSafety() : 0;
    const banner = $('unack-banner');
    banner.hidden = unacked === 0;
    $('unack-text').textContent = unacked > 1 ? t('banner.unackCount', { n: unacked }) : t('banner.unack');
    sound.setAlarm(unacked > 0);
    banner.dataset.alarm = unacked === 0 ? 'off' : sound.isMuted() ? 'muted' : 'on';
    $('sound-hint').hidden = !sound.isBlocked();
    document.title = unacked > 0 ? `(${unacked}) ${t('app.title')}` : t('app.title');

    const mute = $('mute-toggle');
    mute.textContent = sound.isMuted() ? t('sound.off') : t('sound.on');
    mute.setAttribute('aria-pressed', String(sound.isMuted()));

    const live = $('live-banner');
    live.hidden = !state.token || state.link.up;
    if (!live.hidden) {
      const seconds = state.link.retryAt ? Math.ceil((state.link.retryAt - Date.now()) / 1000) : 0;
      live.textContent = seconds > 0 ? t('banner.liveRetry', { s: seconds }) : t('banner.liveDown');
    }
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

  function renderLangSwitch() {
    for (const button of document.querySelectorAll('[data-testid=lang-switch] button')) {
      button.setAttribute('aria-pressed', String(button.dataset.lang === getLang()));
    }
  }

  function renderAll() {
    applyStatic(document);
    renderLangSwitch();
    renderQueue();
    renderTasks();
    renderNotice();
    renderLoginError();
  }

  /** Once a second: the ages and the reconnect countdown. */
  function tick() {
    const now = serverNow();
    for (const row of rowElements.values()) {
      const alert = state.queue.get(row.dataset.alertId);
      const age = row.querySelector('.age');
      if (alert && age) age.textContent = ageText(alert, now);
    }
    for (const row of taskElements.values()) {
      const task = state.tasks.get(row.dataset.taskId);
      const age = row.querySelector('.age');
      if (task && age) age.textContent = taskAgeText(task, now);
    }
    renderBanners();
  }

  return { renderQueue, renderTasks, renderBanners, renderNotice, renderLoginError, renderAll, tick };
}
