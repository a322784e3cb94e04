// DOM of the responder's phone page: one card per alert dispatched to them (what, who, where, how to get in, whom to
// call, and the one next step as a big button), one card per task. Server strings go in through textContent only.

import { callLink, elderRecord } from './elder-record.js';
import { formatAge, formatClock, known, t } from './i18n.js';
import { actionButton, contextParts, el, taskFacts, taskWhat, testBadge, typed, typeLabel, workflowBadges } from './rows.js';

/** Where the alert stands for its responder: offered (to accept), accepted (on the way), on site. */
export function alertStage(alert) {
  if (alert.status === 'on_site') return 'onSite';
  if (alert.status === 'dispatched' && alert.acceptedAt) return 'accepted';
  if (alert.status === 'dispatched') return 'offered';
  return 'other';
}

/** "14:05 派单 · 3分12秒前": when the alert was sent to me; ticks once a second. */
export function whenText(alert, now) {
  const since = alert.assignedAt ?? alert.raisedAt;
  return `${t('r.dispatchedAt', { time: formatClock(since) })} · ${t('row.ago', { age: formatAge(now - Date.parse(since)) })}`;
}

function recordBlock(elderId, record) {
  if (record === undefined || record === 'loading') return el('p', 'record-status', t('r.loadingRecord'));
  if (record instanceof Error) return el('p', 'record-status warn', t('r.recordFailed'));
  const box = el('div', 'r-record');
  if (record.phone) box.append(callLink(record.phone, { testid: 'elder-call', label: t('r.callElder') }));
  box.append(elderRecord(record, { withPhone: !record.phone }));
  box.dataset.elderId = elderId;
  return box;
}

/**
 * Fills `card` (an <li>) for an alert dispatched to this responder.
 * @param {HTMLElement} card
 * @param {object} alert AlertView
 * @param {{ now: number, pending: boolean, record: object | Error | 'loading' | undefined }} view
 */
export function fillAlertCard(card, alert, { now, pending, record }) {
  const stage = alertStage(alert);
  card.className = `r-card r-alert priority-${alert.priority} stage-${stage}`;
  card.dataset.testid = 'responder-alert';
  card.dataset.alertId = alert.id;
  card.dataset.status = alert.status;
  card.dataset.stage = stage;
  card.dataset.accepted = String(Boolean(alert.acceptedAt));
  card.replaceChildren();

  const head = el('div', 'r-head');
  head.append(el('span', 'priority', t(`priority.${alert.priority}`)));
  if (alert.test === true) head.append(testBadge());
  head.append(el('span', 'type', typeLabel(alert.type)), ...workflowBadges(alert));
  const stageText = { offered: 'r.statusOffered', accepted: 'r.statusAccepted', onSite: 'r.statusOnSite' }[stage];
  const status = el('p', `r-stage stage-${stage}`, stageText ? t(stageText) : (known(`status.${alert.status}`) ?? ''));
  status.dataset.testid = 'responder-stage';

  const who = el('div', 'r-who');
  const name = typed('elder-name', alert.elder.name);
  name.dataset.testid = 'elder-name';
  who.append(name, typed('elder-address', alert.elder.address));

  const parts = [head, status, who];
  const context = contextParts(alert);
  if (context.length > 0) {
    const line = el('p', 'r-context');
    for (const part of context) line.append(el('span', 'ctx', part));
    parts.push(line);
  }
  parts.push(el('p', 'r-when', whenText(alert, now)));

  const actions = el('div', 'r-actions');
  if (stage === 'offered') {
    actions.append(
      actionButton(t('action.accept'), 'accept', 'r-accept', { className: 'primary big', disabled: pending }),
      actionButton(t('action.decline'), 'decline', 'r-decline', { className: 'big', disabled: pending }),
    );
  } else if (stage === 'accepted') {
    actions.append(actionButton(t('action.arrive'), 'arrive', 'r-arrive', { className: 'primary big', disabled: pending }));
  } else if (stage === 'onSite') {
    actions.append(actionButton(t('action.resolveOnSite'), 'resolve', 'r-resolve', { className: 'primary big', disabled: pending }));
  }
  if (actions.childElementCount > 0) parts.push(actions);
  parts.push(recordBlock(alert.elder.id, record));
  card.append(...parts);
}

/**
 * Fills `card` (an <li>) for a task: the responder's own (accept, decline, done) or an open one of the community
 * (take it). The elder's record is folded away in <details> and loaded when opened.
 * @param {HTMLElement} card
 * @param {object} task TaskView
 * @param {{ now: number, pending: boolean, mine: boolean, record: object | Error | 'loading' | undefined,
 *           recordOpen: boolean }} view
 */
export function fillTaskCard(card, task, { now, pending, mine, record, recordOpen }) {
  card.className = `r-card r-task task-${task.kind}`;
  card.dataset.testid = 'responder-task';
  card.dataset.taskId = task.id;
  card.dataset.status = task.status;
  card.dataset.kind = task.kind;
  card.replaceChildren();

  const head = el('div', 'r-head');
  head.append(el('span', 'task-kind', known(`task.kind.${task.kind}`) ?? ''));
  if (task.test === true) head.append(testBadge());
  const what = taskWhat(task);
  if (what) head.append(el('span', 'task-what', what));

  const who = el('div', 'r-who');
  const name = typed('elder-name', task.elder.name);
  name.dataset.testid = 'elder-name';
  who.append(name, typed('elder-address', task.elder.address));

  const facts = el('p', 'task-facts');
  facts.append(...taskFacts(task, now));
  const parts = [head, who, facts];
  if (task.note) {
    const note = el('p', 'note-line');
    note.append(typed('note', task.note));
    parts.push(note);
  }

  const actions = el('div', 'r-actions');
  if (!mine && task.status === 'open') {
    actions.append(actionButton(t('action.claimTask'), 'accept', 'r-task-claim', { className: 'primary', disabled: pending }));
  }
  if (mine && task.status === 'assigned') {
    actions.append(
      actionButton(t('action.acceptTask'), 'accept', 'r-task-accept', { className: 'primary', disabled: pending }),
      actionButton(t('action.declineTask'), 'decline', 'r-task-decline', { disabled: pending }),
    );
  }
  if (mine && (task.status === 'assigned' || task.status === 'accepted')) {
    const primary = task.status === 'accepted' ? 'primary done' : 'done';
    actions.append(actionButton(t('action.done'), 'done', 'r-task-done', { className: primary, disabled: pending }));
  }
  if (actions.childElementCount > 0) parts.push(actions);

  if (mine) {
    const more = el('details', 'r-more');
    more.open = recordOpen;
    more.dataset.elderId = task.elder.id;
    more.append(el('summary', undefined, t('detail.elder')));
    if (recordOpen) more.append(recordBlock(task.elder.id, record));
    parts.push(more);
  }
  card.append(...parts);
}
