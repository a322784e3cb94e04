// Drawing the desk from its state: the queue, the closed list, the tasks, the banners, the gateway's pulse, the
// notices. The state object is owned by app.js; everything here reads it and touches only the DOM and the alarm.

import { applyStatic, formatTime, getLang, t } from './i18n.js';
import { isOpen } from './queue.js';
import { ageText, closedRow, fillOpenRow, fillTaskRow, phrase, syncList, taskAgeText, typed, typeLabel } from './rows.js';
import * as sound from './sound.js';

const $ = (id) => document.getElementById(id);

export function createDeskView(state) {
  const serverNow = () => Date.now() + state.clockOffset;
  const rowElements = new Map();
  const taskElements = new Map();

  function isFlashing(id) {
    const until = state.flashUntil.get(id);
    return until !== undefined && until > Date.now();
  }

  function renderQueue() {
    const open = state.queue.openSorted();
    const target = state.queue.keyboardTarget();
    syncList($('queue'), rowElements, open, (row, alert) =>
      fillOpenRow(row, alert, {
        now: serverNow(),
        device: state.devices.get(alert.deviceId),
        pending: state.pending.has(alert.id),
        names: state.names,
        assignee: state.queue.assigneeOf(alert),
        keyTarget: target?.id === alert.id,
        flashing: isFlashing(alert.id),
      }),
    );
    $('queue-empty').hidden = open.length > 0;
    $('open-count').textContent = open.length > 0 ? t('queue.openCount', { n: open.length }) : '';

    const closed = state.queue.closedSorted();
    $('closed').replaceChildren(...closed.map((alert) => closedRow(alert, { names: state.names, assignee: state.queue.assigneeOf(alert) })));
    $('closed-empty').hidden = closed.length > 0;
    renderBanners();
  }

  /** Both lists: an alert's change may change a task row (the on-site visit of that alert). */
  function renderLists() {
    renderQueue();
    renderTasks();
  }

  /** Open tasks; rows are kept across renders like alert rows, so a focused button stays put. */
  function renderTasks() {
    const now = serverNow();
    const open = state.tasks.openSorted(now);
    syncList($('tasks'), taskElements, open, (row, task) => {
      const alert = task.kind === 'visit' && task.alertId ? state.queue.get(task.alertId) : null;
      fillTaskRow(row, task, { now, pending: state.pendingTasks.has(task.id), withAlert: Boolean(alert && isOpen(alert)) });
    });
    $('tasks-empty').hidden = open.length > 0;
    $('task-count').textContent = open.length > 0 ? t('tasks.openCount', { n: open.length }) : '';
  }

  /** The top bar's pulse: ok, waiting for the first heartbeat, stale (none for 15 s), or the link is down. */
  function renderPulse() {
    const pulse = $('pulse');
    pulse.hidden = !state.token;
    const stale = Boolean(state.token) && state.link.up && state.pulse.isStale();
    const last = state.pulse.last();
    const mode = !state.link.up ? 'down' : stale ? 'stale' : last ? 'ok' : 'waiting';
    pulse.dataset.state = mode;
    pulse.textContent = t(`pulse.${mode}`);
    pulse.title = last?.at ? t('pulse.title', { time: formatTime(last.at), n: last.desksWatching ?? '?' }) : t('pulse.titleNone');

    const banner = $('stale-banner');
    banner.hidden = !stale;
    if (stale) banner.textContent = t('banner.stale', { s: Math.floor((state.pulse.silentFor() ?? 0) / 1000) });
    $('queue').classList.toggle('stale', Boolean(state.token) && (!state.link.up || stale));
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

    const store = $('store-banner');
    store.hidden = !state.token || !state.storeFailingSince;
    if (!store.hidden) store.textContent = t('banner.storeFailing', { time: formatTime(state.storeFailingSince) });

    const live = $('live-banner');
    live.hidden = !state.token || state.link.up;
    if (!live.hidden) {
      const seconds = state.link.retryAt ? Math.ceil((state.link.retryAt - Date.now()) / 1000) : 0;
      live.textContent = seconds > 0 ? t('banner.liveRetry', { s: seconds }) : t('banner.liveDown');
    }
    renderPulse();
  }

  function renderMe() {
    const me = $('me');
    me.hidden = !state.token || !state.me;
    if (me.hidden) {
      me.replaceChildren();
      return;
    }
    const role = t(`role.${state.me.role}`);
    me.replaceChildren(phrase('', 'me.label', { name: typed('person', state.me.displayName), role }));
  }

  function renderNotice() {
    const notice = $('notice');
    notice.hidden = !state.notice;
    if (!state.notice) {
      notice.textContent = '';
      return;
    }
    const { key, vars } = state.notice;
    notice.textContent = t(key, vars.alertType ? { ...vars, type: typeLabel(vars.alertType) } : vars);
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
    renderMe();
    renderQueue();
    renderTasks();
    renderNotice();
    renderLoginError();
  }

  /** Once a second: the ages, the reconnect countdown, the pulse, and the end of escalation flashes. */
  function tick() {
    let flashEnded = false;
    for (const [id, until] of state.flashUntil) {
      if (until > Date.now()) continue;
      state.flashUntil.delete(id);
      flashEnded = true;
    }
    if (flashEnded) renderQueue();
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

  return { renderQueue, renderTasks, renderLists, renderBanners, renderNotice, renderLoginError, renderMe, renderAll, tick };
}
