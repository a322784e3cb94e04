// The pages' form dialogs, built from JS instead of repeated markup: each is a <dialog class="form-dialog"> holding
// one <form method="dialog"> with a heading, the "type · name" line, its fields, an error line and back / confirm
// buttons (see dialogs.js for how they are asked). build() appends the named ones to the page; their static text
// carries data-i18n, so applyStatic() relabels them after a language switch like the rest of the page.

import { t } from './i18n.js';
import { phrase, typed } from './rows.js';

/** An element with attributes (data-i18n also fills the text in the current language) and children. */
function h(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === true) node.setAttribute(name, '');
    else node.setAttribute(name, value);
  }
  if (attrs['data-i18n']) node.textContent = t(attrs['data-i18n']);
  node.append(...children);
  return node;
}

/** A labelled field: <label><span data-i18n=…>…</span><field></label>. */
const field = (labelKey, tag, attrs) => h('label', {}, h('span', { 'data-i18n': labelKey }), h(tag, attrs));
const note = (testid, extra = {}) => h('textarea', { name: 'note', rows: '3', maxlength: '2000', ...extra, 'data-testid': testid });
const status = (extra = {}) => h('p', { class: 'dialog-status', 'data-role': 'status', ...extra, hidden: true });

/** id → its testid prefix, heading key (null: set when asked), confirm key, back button [testid suffix, key], fields. */
const SPECS = {
  'resolve-dialog': () => ({
    prefix: 'resolve',
    heading: 'resolve.heading',
    confirm: 'resolve.confirm',
    fields: [
      field('resolve.reason', 'select', { name: 'reason', required: true, 'data-testid': 'resolve-reason' }),
      field('resolve.note', 'textarea', { name: 'note', rows: '3', maxlength: '2000', 'data-testid': 'resolve-note' }),
    ],
  }),
  'false-alarm-dialog': () => ({
    prefix: 'false-alarm',
    heading: 'falseAlarm.heading',
    confirm: 'falseAlarm.confirm',
    fields: [h('label', {}, h('span', { 'data-i18n': 'falseAlarm.note' }), note('false-alarm-note', { required: true }))],
  }),
  'hold-dialog': () => ({
    prefix: 'hold',
    heading: 'hold.heading',
    confirm: 'hold.confirm',
    fields: [
      field('hold.reason', 'input', {
        name: 'reason',
        required: true,
        maxlength: '500',
        list: 'hold-reasons',
        autocomplete: 'off',
        'data-testid': 'hold-reason',
      }),
      h('datalist', { id: 'hold-reasons' }, h('option', { 'data-i18n-value': 'hold.suggest1' }), h('option', { 'data-i18n-value': 'hold.suggest2' })),
      field('hold.minutes', 'select', { name: 'minutes', required: true, 'data-testid': 'hold-minutes' }),
      h('p', { class: 'dialog-hint', 'data-i18n': 'hold.after' }),
    ],
  }),
  'dispatch-dialog': () => ({
    prefix: 'dispatch',
    heading: 'dispatch.heading',
    confirm: 'dispatch.confirm',
    wide: true,
    fields: [
      status({ 'data-testid': 'dispatch-status' }),
      h('div', { class: 'picker', 'data-role': 'options', 'data-testid': 'dispatch-options', role: 'radiogroup' }),
    ],
  }),
  'task-assign-dialog': () => ({
    prefix: 'task-assign',
    heading: 'taskAssign.heading',
    confirm: 'taskAssign.confirm',
    fields: [
      field('taskAssign.responder', 'select', { name: 'responderId', required: true, 'data-testid': 'task-assign-responder' }),
      status(),
    ],
  }),
  'task-complete-dialog': () => ({
    prefix: 'task-complete',
    heading: 'taskComplete.heading',
    confirm: 'taskComplete.confirm',
    fields: [
      field('taskComplete.outcome', 'select', { name: 'outcome', required: true, 'data-testid': 'task-outcome' }),
      h('label', {}, h('span', { 'data-i18n': 'taskComplete.note' }), note('task-complete-note')),
    ],
  }),
  'task-cancel-dialog': () => ({
    prefix: 'task-cancel',
    heading: 'taskCancel.heading',
    confirm: 'taskCancel.confirm',
    back: ['back', 'form.back'],
    fields: [
      field('taskCancel.reason', 'textarea', { name: 'reason', rows: '2', maxlength: '500', required: true, 'data-testid': 'task-cancel-reason' }),
    ],
  }),
  'decline-dialog': () => ({
    prefix: 'decline',
    heading: null,
    confirm: 'decline.confirm',
    back: ['back', 'form.back'],
    fields: [field('decline.reason', 'input', { name: 'reason', maxlength: '500', autocomplete: 'off', 'data-testid': 'decline-reason' })],
  }),
};

function buildDialog(id) {
  const { prefix, heading, confirm, back = ['cancel', 'resolve.cancel'], wide = false, fields } = SPECS[id]();
  const [backName, backKey] = back;
  const form = h(
    'form',
    { method: 'dialog' },
    heading ? h('h2', { 'data-i18n': heading }) : h('h2', { 'data-role': 'heading' }),
    h('p', { class: 'dialog-for', 'data-role': 'for' }),
    ...fields,
    h('p', { class: 'form-error', 'data-role': 'form-error', role: 'alert', hidden: true }),
    h(
      'div',
      { class: 'dialog-actions' },
      h('button', { type: 'button', 'data-role': 'dismiss', 'data-testid': `${prefix}-${backName}`, 'data-i18n': backKey }),
      h('button', { value: 'confirm', class: 'primary', 'data-testid': `${prefix}-confirm`, 'data-i18n': confirm }),
    ),
  );
  return h('dialog', { id, class: wide ? 'form-dialog wide' : 'form-dialog', 'data-testid': id }, form);
}

/** Builds the named dialogs and appends them to the page's body. */
export function buildDialogs(ids) {
  document.body.append(...ids.map(buildDialog));
}

/** The "type · name" line at the top of a dialog. */
export function forLine(dialog, type, name) {
  dialog.querySelector('[data-role=for]').replaceChildren(phrase('', 'resolve.for', { type, name: typed('for-name', name) }));
}
