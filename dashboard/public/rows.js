// DOM for one alert row and one task row. Server strings go in through textContent only, never as HTML.

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

/** A label for a server-sent code, or null when the page has none (then the code is not shown at all). */
function known(key) {
  const text = t(key);
  return text === key ? null : text;
}

/** The TEST mark of an alert or task from a device in test mode. */
function testBadge() {
  const badge = el('span', 'test-badge', t('badge.test'));
  badge.dataset.testid = 'test-badge';
  badge.title = t('badge.testTitle');
  return badge;
}

const text = (v) => (typeof v === 'string' && v.trim() !== '' ? v : null);
const num = (v) => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const round1 = (n) => String(Math.round(n * 10) / 10);

/** " 次/分" / " bpm"; a unit the page does not know is shown as sent. */
function unitText(unit) {
  const raw = text(unit);
  if (!raw) return '';
  return known(`unit.${raw}`) ?? ` ${raw}`;
}

/**
 * The parts of an alert's context line, from the fields that exist: where, what was measured, how sure, where it
 * came from. Fields the page has no label for are left out rather than shown in the server's words.
 */
export function contextParts(alert) {
  const c = alert.context && typeof alert.context === 'object' ? alert.context : {};
  const parts = [];
  if (text(c.room)) parts.push(t('ctx.room', { room: c.room }));
  if (text(c.zone)) parts.push(t('ctx.zone', { zone: c.zone }));
  if (text(c.fence)) parts.push(t('ctx.fence', { fence: c.fence }));
  if (num(c.value) !== null) {
    const unit = unitText(c.unit);
    const vars = { value: round1(c.value), unit, threshold: num(c.threshold) === null ? '' : round1(c.threshold) };
    parts.push(t(num(c.threshold) === null ? 'ctx.value' : 'ctx.valueThreshold', vars));
  }
  if (num(c.ppm) !== null) parts.push(t('ctx.ppm', { ppm: round1(c.ppm) }));
  if (num(c.battery) !== null) parts.push(t('ctx.battery', { n: Math.round(c.battery) }));
  if (num(c.minutesOutOfBed) !== null) parts.push(t('ctx.minutesOutOfBed', { n: Math.round(c.minutesOutOfBed) }));
  if (num(c.hoursWithoutMotion) !== null) parts.push(t('ctx.hoursWithoutMotion', { n: round1(c.hoursWithoutMotion) }));
  // `hours` is the prolonged-stay rule's own word; other types might use it for something else
  if (alert.type === 'prolonged_stay' && num(c.hours) !== null) parts.push(t('ctx.hours', { n: round1(c.hours) }));
  if (num(c.hoursIdle) !== null) parts.push(t('ctx.hoursIdle', { n: round1(c.hoursIdle) }));
  if (num(c.offlineSinceMinutes) !== null) parts.push(t('ctx.offlineSinceMinutes', { n: Math.round(c.offlineSinceMinutes) }));
  if (num(c.hoursSinceLastSignal) !== null) parts.push(t('ctx.hoursSinceLastSignal', { n: round1(c.hoursSinceLastSignal) }));
  if (c.neverReceived === true) parts.push(t('ctx.neverReceived'));
  if (num(c.confidence) !== null) parts.push(t('ctx.confidence', { pct: Math.round(c.confidence * 100) }));
  const source = text(c.source) ? known(`kind.${c.source}`) : null;
  if (source) parts.push(t('ctx.source', { kind: source }));
  if (text(c.snapshotRef)) parts.push(t('ctx.snapshot', { ref: c.snapshotRef }));
  return parts;
}

function contextLine(alert) {
  const parts = contextParts(alert);
  if (parts.length === 0) return null;
  const line = el('div', 'row-context');
  line.dataset.testid = 'alert-context';
  for (const part of parts) line.append(el('span', 'ctx', part));
  return line;
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
  const test = alert.test === true;
  row.className = `alert-row priority-${alert.priority} status-${alert.status}${test ? ' is-test' : ''}`;
  row.dataset.testid = 'alert-row';
  row.dataset.alertId = alert.id;
  row.dataset.status = alert.status;
  row.dataset.priority = String(alert.priority);
  row.dataset.type = alert.type;
  row.dataset.test = String(test);
  row.replaceChildren();

  const head = el('div', 'row-head');
  const top = el('span', 'head-top');
  top.append(el('span', 'priority', t(`priority.${alert.priority}`)));
  if (test) top.append(testBadge());
  head.append(
    top,
    el('span', 'type', typeLabel(alert.type)),
    el('span', `status status-${alert.status}`, statusLabel(alert.status)),
  );
  // an elder presses a button; a detector or a deadline reports again
  if (alert.count > 1) head.append(el('span', 'repeat', t(alert.type === 'sos' ? 'row.count' : 'row.repeats', { n: alert.count })));

  const who = el('div', 'row-who');
  const name = el('span', 'elder-name', alert.elder.name);
  name.dataset.testid = 'elder-name';
  who.append(name, el('span', 'elder-address', alert.elder.address));

  const meta = el('div', 'row-meta');
  meta.append(el('span', 'device', t('row.device', { id: alert.deviceId })));
  if (device && !device.online) meta.append(el('span', 'warn', t('row.offline')));
  // the context line already gives the level the alert is about
  if (device && typeof device.battery === 'number' && device.battery <= 20 && num(alert.context?.battery) === null) {
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

  const context = contextLine(alert);
  row.append(head, who, ...(context ? [context] : []), meta, when, actions);
}

/** A greyed line in "recently closed". */
export function closedRow(alert) {
  const row = el('li', `closed-row status-${alert.status}`);
  row.dataset.testid = 'closed-alert-row';
  row.dataset.alertId = alert.id;
  row.dataset.status = alert.status;
  row.dataset.type = alert.type;
  row.dataset.test = String(alert.test === true);
  const closedAt = alert.resolvedAt ?? alert.cancelledAt ?? alert.clearedAt;
  row.append(
    el('span', 'clock', closedAt ? formatTime(closedAt) : ''),
    el('span', `status status-${alert.status}`, statusLabel(alert.status)),
  );
  if (alert.test === true) row.append(testBadge());
  row.append(
    el('span', 'type', typeLabel(alert.type)),
    el('span', 'elder-name', alert.elder.name),
    el('span', 'elder-address', alert.elder.address),
  );
  if (alert.resolvedBy) row.append(el('span', 'by', t('row.resolvedBy', { who: actorName(alert.resolvedBy) })));
  if (alert.resolutionNote) row.append(el('span', 'note', t('row.note', { note: alert.resolutionNote })));
  return row;
}

/** Text of a task's ticking age cell; `now` is server time in ms. */
export function taskAgeText(task, now) {
  return formatAge(now - Date.parse(task.createdAt));
}

/** What the task is about: the service asked for, or why the device needs a visit. */
function taskWhat(task) {
  if (task.kind === 'service' && task.service) return known(`service.${task.service}`) ?? known(`task.reason.${task.reason}`);
  return known(`task.reason.${task.reason}`);
}

/**
 * Fills `row` (an <li>) for an open task.
 * @param {HTMLElement} row
 * @param {object} task TaskView
 * @param {{ now: number, pending: boolean }} view
 */
export function fillTaskRow(row, task, { now, pending }) {
  const test = task.test === true;
  row.className = `task-row task-${task.kind}${test ? ' is-test' : ''}`;
  row.dataset.testid = 'task-row';
  row.dataset.taskId = task.id;
  row.dataset.kind = task.kind;
  row.dataset.reason = task.reason;
  if (task.service) row.dataset.service = task.service;
  else delete row.dataset.service;
  row.dataset.test = String(test);
  row.replaceChildren();

  const head = el('div', 'task-head');
  head.append(el('span', 'task-kind', known(`task.kind.${task.kind}`) ?? ''));
  if (test) head.append(testBadge());
  const what = taskWhat(task);
  if (what) head.append(el('span', 'task-what', what));

  const who = el('div', 'row-who');
  const name = el('span', 'elder-name', task.elder.name);
  name.dataset.testid = 'elder-name';
  who.append(name, el('span', 'elder-address', task.elder.address));

  const meta = el('div', 'row-meta');
  if (task.deviceId) meta.append(el('span', 'device', t('row.device', { id: task.deviceId })));
  meta.append(el('span', 'clock', t('task.created', { time: formatTime(task.createdAt) })));

  const age = el('span', 'age task-age', taskAgeText(task, now));
  age.dataset.since = task.createdAt;

  const done = el('button', 'done', t('action.done'));
  done.type = 'button';
  done.dataset.testid = 'task-done-button';
  done.dataset.action = 'done';
  done.disabled = pending;

  const side = el('div', 'task-side');
  side.append(age, done);
  row.append(head, who, meta, side);
}
