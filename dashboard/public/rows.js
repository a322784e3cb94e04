// DOM for one alert row. Server strings go in through textContent only, never as HTML.

import { formatAge, formatTime, t } from './i18n.js';

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function typeLabel(type) {
  const key = `type.${type}`;
  const text = t(key);
  return text === key ? type : text;
}

/** Actors come as "user:<name>" or "device:<id>"; the desk shows the name. */
function actorName(actor) {
  return actor.startsWith('user:') ? actor.slice(5) : actor;
}

function statusLabel(status) {
  return t(`status.${status}`);
}

/** Text of the ticking age cell; `now` is server time in ms. */
export function ageText(alert, now) {
  return formatAge(now - Date.parse(alert.raisedAt));
}

/**
 * Fills `row` (an <li>) for an open alert.
 * @param {HTMLElement} row
 * @param {object} alert AlertView
 * @param {{ now: number, device: object | undefined, pending: boolean }} view
 */
export function fillOpenRow(row, alert, { now, device, pending }) {
  row.className = `alert-row priority-${alert.priority} status-${alert.status}`;
  row.dataset.testid = 'alert-row';
  row.dataset.alertId = alert.id;
  row.dataset.status = alert.status;
  row.dataset.priority = String(alert.priority);
  row.replaceChildren();

  const head = el('div', 'row-head');
  head.append(
    el('span', 'priority', t(`priority.${alert.priority}`)),
    el('span', 'type', typeLabel(alert.type)),
    el('span', `status status-${alert.status}`, statusLabel(alert.status)),
  );
  if (alert.count > 1) head.append(el('span', 'repeat', t('row.count', { n: alert.count })));

  const who = el('div', 'row-who');
  const name = el('span', 'elder-name', alert.elder.name);
  name.dataset.testid = 'elder-name';
  who.append(name, el('span', 'elder-address', alert.elder.address));

  const meta = el('div', 'row-meta');
  meta.append(el('span', 'device', t('row.device', { id: alert.deviceId })));
  if (device && !device.online) meta.append(el('span', 'warn', t('row.offline')));
  if (device && typeof device.battery === 'number' && device.battery <= 20) {
    meta.append(el('span', 'warn', t('row.battery', { n: Math.round(device.battery) })));
  }
  if (alert.acknowledgedBy) meta.append(el('span', 'ack-by', t('row.ackBy', { who: actorName(alert.acknowledgedBy) })));

  const when = el('div', 'row-when');
  const age = el('span', 'age', ageText(alert, now));
  age.dataset.testid = 'alert-age';
  age.dataset.since = alert.raisedAt;
  when.append(age, el('span', 'clock', formatTime(alert.raisedAt)));

  const actions = el('div', 'row-actions');
  if (alert.status === 'raised') {
    const ack = el('button', 'ack primary', t('action.ack'));
    ack.type = 'button';
    ack.dataset.testid = 'ack-button';
    ack.dataset.action = 'ack';
    ack.disabled = pending;
    actions.append(ack);
  }
  const resolve = el('button', 'resolve', t('action.resolve'));
  resolve.type = 'button';
  resolve.dataset.testid = 'resolve-button';
  resolve.dataset.action = 'resolve';
  resolve.disabled = pending;
  actions.append(resolve);

  row.append(head, who, meta, when, actions);
}

/** A greyed line in "recently closed". */
export function closedRow(alert) {
  const row = el('li', `closed-row status-${alert.status}`);
  row.dataset.testid = 'closed-alert-row';
  row.dataset.alertId = alert.id;
  row.dataset.status = alert.status;
  const closedAt = alert.resolvedAt ?? alert.cancelledAt;
  row.append(
    el('span', 'clock', closedAt ? formatTime(closedAt) : ''),
    el('span', `status status-${alert.status}`, statusLabel(alert.status)),
    el('span', 'type', typeLabel(alert.type)),
    el('span', 'elder-name', alert.elder.name),
    el('span', 'elder-address', alert.elder.address),
  );
  if (alert.resolvedBy) row.append(el('span', 'by', t('row.resolvedBy', { who: actorName(alert.resolvedBy) })));
  if (alert.resolutionNote) row.append(el('span', 'note', t('row.note', { note: alert.resolutionNote })));
  return row;
}
