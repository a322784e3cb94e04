// DOM for one alert row, one closed row and one task row of the desk, and the small builders the other views share.
// Server strings go in through textContent only, never as HTML; every one of them carries the class "typed", so a
// test can tell what people typed (names, addresses, notes) from the page's own labels.

import { formatAge, formatClock, formatDateTime, formatTime, known, t } from './i18n.js';

export function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/** A span of server text (a name, an address, a note). */
export function typed(className, value) {
  return el('span', className ? `${className} typed` : 'typed', String(value ?? ''));
}

/**
 * A translated phrase whose placeholders may be nodes: t('row.assignee') is "派给 {name}", and {name} becomes the
 * typed span of the responder's name, so the label and the data stay apart in the DOM.
 */
export function phrase(className, key, vars = {}) {
  const node = el('span', className);
  const template = t(key);
  let last = 0;
  for (const match of template.matchAll(/\{(\w+)\}/g)) {
    if (match.index > last) node.append(template.slice(last, match.index));
    const value = vars[match[1]];
    node.append(value instanceof Node ? value : String(value ?? match[0]));
    last = match.index + match[0].length;
  }
  if (last < template.length) node.append(template.slice(last));
  return node;
}

export function typeLabel(type) {
  return known(`type.${type}`) ?? type;
}

export function statusLabel(status) {
  return known(`status.${status}`) ?? '';
}

/**
 * Who did it, for people: "user:<username>" becomes the person's display name when the page knows it (`names`:
 * username → display name), "device:<id>" the device, "system:…" the gateway.
 */
export function actorText(actor, names) {
  if (typeof actor !== 'string') return '';
  if (actor.startsWith('user:')) {
    const username = actor.slice(5);
    return names?.get(username) ?? username;
  }
  if (actor.startsWith('device:')) return t('actor.device', { id: actor.slice(7) });
  if (actor.startsWith('system:')) return t('actor.system');
  return actor;
}

/** The TEST mark of an alert or task from a device in test mode. */
export function testBadge() {
  const badge = el('span', 'test-badge', t('badge.test'));
  badge.dataset.testid = 'test-badge';
  badge.title = t('badge.testTitle');
  return badge;
}

export function actionButton(label, action, testid, { className = '', disabled = false } = {}) {
  const button = el('button', className || undefined, label);
  button.type = 'button';
  button.dataset.action = action;
  button.dataset.testid = testid;
  button.disabled = disabled;
  return button;
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

/** The escalation, late-arrival and hold marks of an alert, shared by the desk row and the detail dialog. */
export function workflowBadges(alert) {
  const badges = [];
  if (alert.escalationLevel === 1 || alert.escalationLevel === 2) {
    const badge = el('span', `badge escalation escalation-${alert.escalationLevel}`, t(`row.escalated${alert.escalationLevel}`));
    badge.dataset.testid = 'escalation-badge';
    badges.push(badge);
  }
  if (alert.lateArrival === true) {
    const badge = el('span', 'badge late', t('row.late'));
    badge.dataset.testid = 'late-badge';
    badges.push(badge);
  }
  return badges;
}

/** "派给 护理员张 · 14:05 已接单 · 14:20 到场" for a dispatched alert; null when nobody is sent. */
export function assigneeLine(alert, assignee) {
  if (!assignee) return null;
  const line = el('span', 'assignee');
  line.dataset.testid = 'alert-assignee';
  line.append(phrase('assignee-name', 'row.assignee', { name: typed('person', assignee.displayName) }));
  if (alert.status === 'dispatched' && !alert.acceptedAt) line.append(el('span', 'pending-accept', t('row.awaitingAccept')));
  if (alert.acceptedAt) line.append(el('span', 'accepted-at', t('row.accepted', { time: formatClock(alert.acceptedAt) })));
  if (alert.arrivedAt) line.append(el('span', 'arrived-at', t('row.arrived', { time: formatClock(alert.arrivedAt) })));
  return line;
}

/** "暂缓至 14:30" and the reason the operator typed; null when not on hold. */
export function holdLine(alert) {
  if (alert.status !== 'on_hold' || !alert.holdUntil) return null;
  const line = el('span', 'hold-info');
  line.dataset.testid = 'hold-info';
  line.append(el('span', 'hold-until', t('row.holdUntil', { time: formatClock(alert.holdUntil) })));
  if (alert.holdReason) line.append(typed('note hold-reason', alert.holdReason));
  return line;
}

/** The row's buttons for what the desk may do in the alert's status. Test alerts are never dispatched. */
function alertActions(alert, pending) {
  const main = el('div', 'actions-main');
  const more = el('div', 'actions-more');
  const canDispatch = alert.test !== true && (alert.status === 'raised' || alert.status === 'acknowledged');
  if (alert.status === 'raised') main.append(actionButton(t('action.ack'), 'ack', 'ack-button', { className: 'ack primary', disabled: pending }));
  if (canDispatch) {
    const primary = alert.status === 'acknowledged' ? ' primary' : '';
    main.append(actionButton(t('action.dispatch'), 'dispatch', 'dispatch-button', { className: `dispatch${primary}`, disabled: pending }));
  }
  main.append(actionButton(t('action.resolve'), 'resolve', 'resolve-button', { className: 'resolve', disabled: pending }));
  if (alert.status === 'raised' || alert.status === 'acknowledged') {
    more.append(actionButton(t('action.hold'), 'hold', 'hold-button', { className: 'small', disabled: pending }));
  }
  more.append(actionButton(t('action.falseAlarm'), 'false-alarm', 'false-alarm-button', { className: 'small', disabled: pending }));
  more.append(actionButton(t('action.details'), 'details', 'details-button', { className: 'small' }));
  const actions = el('div', 'row-actions');
  actions.append(main, more);
  return actions;
}

/**
 * Fills `row` (an <li>) for an open alert.
 * @param {HTMLElement} row
 * @param {object} alert AlertView
 * @param {{ now: number, device: object | undefined, pending: boolean, names: Map<string,string>,
 *           assignee: object | null, keyTarget: boolean, flashing: boolean }} view
 */
export function fillOpenRow(row, alert, { now, device, pending, names, assignee, keyTarget, flashing }) {
  const test = alert.test === true;
  row.className = `alert-row priority-${alert.priority} status-${alert.status}${test ? ' is-test' : ''}${flashing ? ' flash' : ''}${keyTarget ? ' key-target' : ''}`;
  row.dataset.testid = 'alert-row';
  row.dataset.alertId = alert.id;
  row.dataset.status = alert.status;
  row.dataset.priority = String(alert.priority);
  row.dataset.type = alert.type;
  row.dataset.test = String(test);
  row.dataset.escalationLevel = String(alert.escalationLevel ?? 0);
  row.dataset.lateArrival = String(alert.lateArrival === true);
  row.dataset.accepted = String(Boolean(alert.acceptedAt));
  row.dataset.flash = String(Boolean(flashing));
  row.dataset.keyTarget = String(Boolean(keyTarget));
  if (assignee) row.dataset.assigneeId = assignee.id;
  else delete row.dataset.assigneeId;
  row.tabIndex = 0;
  row.replaceChildren();

  const head = el('div', 'row-head');
  const top = el('span', 'head-top');
  top.append(el('span', 'priority', t(`priority.${alert.priority}`)));
  if (test) top.append(testBadge());
  if (keyTarget) {
    const mark = el('span', 'key-mark', '⌨');
    mark.dataset.testid = 'keyboard-target';
    mark.title = t('row.keyTarget');
    mark.setAttribute('aria-label', t('row.keyTarget'));
    top.append(mark);
  }
  const status = el('span', `status status-${alert.status}`, statusLabel(alert.status));
  status.dataset.testid = 'alert-status';
  head.append(top, el('span', 'type', typeLabel(alert.type)), status);
  const badges = workflowBadges(alert);
  if (badges.length > 0) {
    const line = el('span', 'badges');
    line.append(...badges);
    head.append(line);
  }
  // an elder presses a button; a detector or a deadline reports again
  if (alert.count > 1) head.append(el('span', 'repeat', t(alert.type === 'sos' ? 'row.count' : 'row.repeats', { n: alert.count })));

  const who = el('div', 'row-who');
  const name = typed('elder-name', alert.elder.name);
  name.dataset.testid = 'elder-name';
  who.append(name, typed('elder-address', alert.elder.address));

  const meta = el('div', 'row-meta');
  const sent = assigneeLine(alert, assignee);
  if (sent) meta.append(sent);
  const hold = holdLine(alert);
  if (hold) meta.append(hold);
  meta.append(el('span', 'device', t('row.device', { id: alert.deviceId })));
  if (device && !device.online) meta.append(el('span', 'warn', t('row.offline')));
  // the context line already gives the level the alert is about
  if (device && typeof device.battery === 'number' && device.battery <= 20 && num(alert.context?.battery) === null) {
    meta.append(el('span', 'warn', t('row.battery', { n: Math.round(device.battery) })));
  }
  if (alert.acknowledgedBy) meta.append(phrase('ack-by', 'row.ackBy', { who: typed('person', actorText(alert.acknowledgedBy, names)) }));

  const when = el('div', 'row-when');
  const age = el('span', 'age', ageText(alert, now));
  age.dataset.testid = 'alert-age';
  age.dataset.since = alert.raisedAt;
  when.append(age, el('span', 'clock', formatTime(alert.raisedAt)));

  const context = contextLine(alert);
  row.append(head, who, ...(context ? [context] : []), meta, when, alertActions(alert, pending));
}

/**
 * A greyed line in "recently closed": how it ended, the reason, who went and who closed it.
 * @param {object} alert AlertView
 * @param {{ names: Map<string,string>, assignee: object | null }} view
 */
export function closedRow(alert, { names, assignee }) {
  const row = el('li', `closed-row status-${alert.status}`);
  row.dataset.testid = 'closed-alert-row';
  row.dataset.alertId = alert.id;
  row.dataset.status = alert.status;
  row.dataset.type = alert.type;
  row.dataset.test = String(alert.test === true);
  if (alert.resolutionReason) row.dataset.reason = alert.resolutionReason;
  const closedAt = alert.resolvedAt ?? alert.cancelledAt ?? alert.clearedAt;
  row.append(
    el('span', 'clock', closedAt ? formatTime(closedAt) : ''),
    el('span', `status status-${alert.status}`, statusLabel(alert.status)),
  );
  if (alert.test === true) row.append(testBadge());
  row.append(el('span', 'type', typeLabel(alert.type)), typed('elder-name', alert.elder.name), typed('elder-address', alert.elder.address));
  const reason = alert.resolutionReason ? known(`reason.${alert.resolutionReason}`) : null;
  if (reason) row.append(el('span', 'reason', reason));
  if (assignee) row.append(phrase('by responder', 'row.responder', { name: typed('person', assignee.displayName) }));
  if (alert.resolvedBy) {
    const key = alert.status === 'false_alarm' ? 'row.closedBy' : 'row.resolvedBy';
    row.append(phrase('by', key, { who: typed('person', actorText(alert.resolvedBy, names)) }));
  }
  if (alert.resolutionNote) row.append(phrase('note-line', 'row.note', { note: typed('note', alert.resolutionNote) }));
  return row;
}

/** Text of a task's ticking age cell; `now` is server time in ms. */
export function taskAgeText(task, now) {
  return formatAge(now - Date.parse(task.createdAt));
}

/** What the task is about: the service asked for, or why somebody has to go. */
export function taskWhat(task) {
  if (task.kind === 'service' && task.service) return known(`service.${task.service}`) ?? known(`task.reason.${task.reason}`);
  return known(`task.reason.${task.reason}`);
}

/** Status, assignee, due time and month of a task: shared by the desk and the responder page. */
export function taskFacts(task, now) {
  const facts = [];
  const status = el('span', `task-status task-status-${task.status}`, known(`taskStatus.${task.status}`) ?? '');
  status.dataset.testid = 'task-status';
  facts.push(status);
  if (task.assignee) {
    const who = phrase('task-assignee', 'task.assignee', { name: typed('person', task.assignee.displayName) });
    who.dataset.testid = 'task-assignee';
    facts.push(who);
  } else if (task.status === 'open') {
    facts.push(el('span', 'task-assignee unassigned', t('task.unassigned')));
  }
  if (task.dueAt) {
    const late = Date.parse(task.dueAt) < now;
    const due = el('span', `task-due${late ? ' warn' : ''}`, t('task.due', { time: formatDateTime(task.dueAt) }));
    due.dataset.testid = 'task-due';
    facts.push(due);
    if (late) facts.push(el('span', 'badge late', t('task.overdue')));
  }
  if (task.month) facts.push(el('span', 'task-month', t('task.month', { month: task.month })));
  return facts;
}

/**
 * Fills `row` (an <li>) for an open task on the desk.
 * @param {HTMLElement} row
 * @param {object} task TaskView
 * @param {{ now: number, pending: boolean, withAlert: boolean }} view  withAlert: the on-site visit of an alert still
 *        open, done when the alert is resolved; its buttons would only compete with the alert's own
 */
export function fillTaskRow(row, task, { now, pending, withAlert = false }) {
  const test = task.test === true;
  row.className = `task-row task-${task.kind} task-status-${task.status}${test ? ' is-test' : ''}`;
  row.dataset.testid = 'task-row';
  row.dataset.taskId = task.id;
  row.dataset.kind = task.kind;
  row.dataset.reason = task.reason;
  row.dataset.status = task.status;
  if (task.service) row.dataset.service = task.service;
  else delete row.dataset.service;
  if (task.assignee) row.dataset.assigneeId = task.assignee.id;
  else delete row.dataset.assigneeId;
  row.dataset.test = String(test);
  row.replaceChildren();

  const head = el('div', 'task-head');
  head.append(el('span', 'task-kind', known(`task.kind.${task.kind}`) ?? ''));
  if (test) head.append(testBadge());
  const what = taskWhat(task);
  if (what) head.append(el('span', 'task-what', what));

  const who = el('div', 'row-who');
  const name = typed('elder-name', task.elder.name);
  name.dataset.testid = 'elder-name';
  who.append(name, typed('elder-address', task.elder.address));

  const facts = el('div', 'task-facts');
  facts.append(...taskFacts(task, now));

  const meta = el('div', 'row-meta');
  if (task.deviceId) meta.append(el('span', 'device', t('row.device', { id: task.deviceId })));
  meta.append(el('span', 'clock', t('task.created', { time: formatTime(task.createdAt) })));

  const parts = [head, who, facts, meta];
  if (task.note) parts.push(phrase('note-line', 'row.note', { note: typed('note', task.note) }));

  const age = el('span', 'age task-age', taskAgeText(task, now));
  age.dataset.since = task.createdAt;

  const buttons = el('div', 'task-buttons');
  if (withAlert) {
    const label = el('span', 'with-alert', t('task.withAlert'));
    label.dataset.testid = 'task-with-alert';
    buttons.append(label);
    const side = el('div', 'task-side');
    side.append(age, buttons);
    parts.push(side);
    row.append(...parts);
    return;
  }
  if (task.status === 'open' || task.status === 'assigned') {
    const label = task.status === 'open' ? t('action.assign') : t('action.reassign');
    buttons.append(actionButton(label, 'assign', 'task-assign-button', { className: 'assign', disabled: pending }));
  }
  buttons.append(actionButton(t('action.done'), 'done', 'task-done-button', { className: 'done', disabled: pending }));
  buttons.append(actionButton(t('action.cancelTask'), 'cancel', 'task-cancel-button', { className: 'small', disabled: pending }));

  const side = el('div', 'task-side');
  side.append(age, buttons);
  parts.push(side);
  row.append(...parts);
}

/**
 * Keeps `list` showing `items` in order, one <li> per item id kept in `elements` across renders (so a focused button
 * stays put): `fill(li, item)` redraws an item's element, whose focused action button gets the focus back; elements
 * of items gone are removed.
 * @param {HTMLElement} list
 * @param {Map<string, HTMLLIElement>} elements
 * @param {Array<{ id: string }>} items
 * @param {(li: HTMLLIElement, item: any) => void} fill
 */
export function syncList(list, elements, items, fill) {
  const seen = new Set();
  for (const item of items) {
    seen.add(item.id);
    let li = elements.get(item.id);
    if (!li) {
      li = document.createElement('li');
      elements.set(item.id, li);
    }
    const focused = li.contains(document.activeElement) ? document.activeElement.dataset?.action : null;
    fill(li, item);
    // the element's buttons are new: keep the keyboard where it was
    if (focused) li.querySelector(`button[data-action="${focused}"]`)?.focus();
    list.append(li); // appending an existing node moves it: the list ends in sorted order
  }
  for (const [id, li] of elements) {
    if (seen.has(id)) continue;
    li.remove();
    elements.delete(id);
  }
}
