// The alert detail dialog: what happened and what was done (GET /alerts/:id with its timeline) and the elder's
// record (GET /elders/:id): contacts in calling order with their numbers, medical notes, access notes. It follows
// the alert: a live update of the alert on show re-reads its timeline. Beside them, charts of the elder's recent
// readings (heart rate, SpO2, ...) from the history API.

import { ApiError, errorMessage, getAlert, getElder } from './api.js';
import { ask } from './dialogs.js';
import { elderRecord } from './elder-record.js';
import { showReadings } from './readings-chart.js';
import { formatTime, known, t } from './i18n.js';
import { actorText, assigneeLine, el, holdLine, statusLabel, typed, typeLabel, workflowBadges } from './rows.js';

const REFRESH_DEBOUNCE_MS = 300;

/**
 * @param {{ dialog: HTMLDialogElement, token: () => string | null, names: () => Map<string,string>,
 *           regions: () => Map<string,string>, assigneeOf: (alert: object) => object | null,
 *           onUnauthorised: () => void }} deps
 */
export function createDetail(deps) {
  const { dialog } = deps;
  const summary = dialog.querySelector('[data-role=summary]');
  const record = dialog.querySelector('[data-role=record]');
  const timeline = dialog.querySelector('[data-role=timeline]');
  const readings = dialog.querySelector('[data-role=readings]');
  const timelineStatus = dialog.querySelector('[data-role=timeline-status]');
  let shown = null; // { alert, elder, detail }
  let refreshTimer = null;

  function failed(err, box) {
    if (err instanceof ApiError && err.status === 401) {
      dialog.close('cancel');
      deps.onUnauthorised();
      return;
    }
    const [key, vars] = errorMessage(err);
    box.replaceChildren(el('p', 'dialog-status', t(key, vars)));
  }

  function renderSummary() {
    const alert = shown.detail ?? shown.alert;
    const head = el('p', 'detail-title');
    head.append(
      el('span', `priority priority-${alert.priority}`, t(`priority.${alert.priority}`)),
      el('span', 'type', typeLabel(alert.type)),
      el('span', `status status-${alert.status}`, statusLabel(alert.status)),
      ...workflowBadges(alert),
    );
    const who = el('p', 'detail-who');
    who.append(typed('detail-name', alert.elder.name), typed('elder-address', alert.elder.address));
    const meta = el('p', 'detail-meta');
    meta.append(el('span', 'clock', t('detail.raisedAt', { time: formatTime(alert.raisedAt) })));
    const sent = assigneeLine(alert, deps.assigneeOf(alert));
    if (sent) meta.append(sent);
    const hold = holdLine(alert);
    if (hold) meta.append(hold);
    const reason = alert.resolutionReason ? known(`reason.${alert.resolutionReason}`) : null;
    if (reason) meta.append(el('span', 'reason', reason));
    summary.replaceChildren(head, who, meta);
  }

  function renderRecord() {
    if (shown.elder instanceof Error) return failed(shown.elder, record);
    if (!shown.elder) {
      record.replaceChildren(el('p', 'dialog-status', t('detail.loading')));
      return;
    }
    record.replaceChildren(elderRecord(shown.elder, { regionName: deps.regions().get(shown.elder.regionId) ?? null }));
  }

  function renderTimeline() {
    if (shown.timelineError) {
      timeline.replaceChildren();
      const [key, vars] = errorMessage(shown.timelineError);
      timelineStatus.hidden = false;
      timelineStatus.textContent = t(key, vars);
      return;
    }
    const entries = Array.isArray(shown.detail?.timeline) ? shown.detail.timeline : null;
    timelineStatus.hidden = entries !== null;
    timelineStatus.textContent = entries === null ? t('detail.loading') : '';
    const names = deps.names();
    timeline.replaceChildren(
      ...(entries ?? []).map((entry) => {
        const li = el('li', `timeline-entry tl-${entry.action}`);
        li.dataset.testid = 'timeline-entry';
        li.dataset.action = entry.action;
        li.append(
          el('span', 'clock', formatTime(entry.at)),
          el('span', 'tl-action', known(`tl.${entry.action}`) ?? ''),
          typed('person', actorText(entry.actor, names)),
        );
        if (entry.note) li.append(typed('note', entry.note));
        return li;
      }),
    );
  }

  function render() {
    if (!shown) return;
    renderSummary();
    renderRecord();
    renderTimeline();
  }

  function loadAlert(id) {
    const token = deps.token();
    if (!token) return;
    getAlert(token, id).then(
      (detail) => {
        if (shown?.alert.id !== id) return;
        shown.detail = detail;
        shown.timelineError = null;
        render();
      },
      (err) => {
        if (shown?.alert.id !== id) return;
        if (err instanceof ApiError && err.status === 401) return failed(err, record);
        shown.timelineError = err;
        renderTimeline();
      },
    );
  }

  return {
    /** Opens the dialog for `alert` (an AlertView); resolves when it is closed. */
    open(alert) {
      const token = deps.token();
      if (!token) return Promise.resolve(null);
      shown = { alert, elder: null, detail: null, timelineError: null };
      const closed = ask(dialog, render);
      getElder(token, alert.elder.id).then(
        (elder) => {
          if (shown?.alert.id !== alert.id) return;
          shown.elder = elder;
          renderRecord();
        },
        (err) => {
          if (shown?.alert.id !== alert.id) return;
          shown.elder = err instanceof Error ? err : new Error(String(err));
          renderRecord();
        },
      );
      loadAlert(alert.id);
      void showReadings(readings, token, alert.elder.id, () => shown?.alert.id === alert.id);
      return closed.then(() => {
        clearTimeout(refreshTimer);
        shown = null;
      });
    },
    /** A live update of an alert: when it is the one on show, its summary follows and its timeline is re-read. */
    updated(alert) {
      if (!shown || shown.alert.id !== alert.id || !dialog.open) return;
      shown.alert = alert;
      if (shown.detail) shown.detail = { ...alert, timeline: shown.detail.timeline };
      renderSummary();
      clearTimeout(refreshTimer);
      refreshTimer = setTimeout(() => loadAlert(alert.id), REFRESH_DEBOUNCE_MS);
    },
    /** After a language switch: the charts' captions and axes are redrawn in the new language too. */
    render() {
      render();
      const token = deps.token();
      if (shown && token) {
        const id = shown.alert.id;
        void showReadings(readings, token, shown.alert.elder.id, () => shown?.alert.id === id);
      }
    },
  };
}
