// The pages' small forms in native <dialog>s: opened modal, Esc or the back button closes without acting, the confirm
// button (value="confirm") checks the form and resolves with its values. Shared by the desk and the responder page.
// Back buttons are type="button" with data-role="dismiss", so Enter in a text field confirms rather than goes back.

import { t } from './i18n.js';

/**
 * Opens `dialog` (holding one <form method="dialog">) after `prepare(form)` filled it in, and resolves with the
 * form's values when it was confirmed, or null. Fields marked `required` must hold more than spaces: the server
 * trims, so "   " would come back as a 400.
 * @param {HTMLDialogElement} dialog
 * @param {(form: HTMLFormElement) => void} [prepare]
 * @returns {Promise<Record<string, string> | null>}
 */
export function ask(dialog, prepare) {
  const form = dialog.querySelector('form');
  form.reset();
  showError(form, null);
  dialog.returnValue = '';
  prepare?.(form);
  return new Promise((resolve) => {
    const onSubmit = (ev) => {
      if (ev.submitter?.value !== 'confirm') return;
      const blank = [...form.querySelectorAll('[required]')].find((field) => String(field.value).trim() === '');
      if (blank) {
        ev.preventDefault();
        showError(form, t('form.required'));
        blank.focus();
      }
    };
    const onDismiss = (ev) => {
      if (ev.target.closest('[data-role=dismiss]')) dialog.close('cancel');
    };
    form.addEventListener('submit', onSubmit);
    form.addEventListener('click', onDismiss);
    dialog.addEventListener(
      'close',
      () => {
        form.removeEventListener('submit', onSubmit);
        form.removeEventListener('click', onDismiss);
        resolve(dialog.returnValue === 'confirm' ? Object.fromEntries(new FormData(form)) : null);
      },
      { once: true },
    );
    dialog.showModal();
  });
}

function showError(form, text) {
  const box = form.querySelector('[data-role=form-error]');
  if (!box) return;
  box.hidden = !text;
  box.textContent = text ?? '';
}

/** Closes every open dialog of the page without acting (logout, session expired). */
export function closeAll(root = document) {
  for (const dialog of root.querySelectorAll('dialog[open]')) dialog.close('cancel');
}

const labelled = new Map();

/**
 * Fills a <select> with one option per code, labelled in the current language by `labelOf(code)`, after a first
 * empty "choose…" option when `placeholder` (a required select then needs a deliberate choice). relabelSelects()
 * re-labels them after a language switch, keeping the choice.
 * @param {HTMLSelectElement} select
 * @param {Array<string>} codes
 * @param {(code: string) => string} labelOf
 */
export function fillCodes(select, codes, labelOf, { placeholder = true, selected = '' } = {}) {
  labelled.set(select, { codes, labelOf, placeholder });
  const nodes = [];
  if (placeholder) {
    const empty = document.createElement('option');
    empty.value = '';
    empty.textContent = t('form.choose');
    nodes.push(empty);
  }
  for (const code of codes) {
    const option = document.createElement('option');
    option.value = code;
    option.textContent = labelOf(code);
    nodes.push(option);
  }
  select.replaceChildren(...nodes);
  select.value = selected || (placeholder ? '' : (codes[0] ?? ''));
}

/** After a language switch: the options of every select filled by fillCodes, in the new language. */
export function relabelSelects() {
  for (const [select, { codes, labelOf, placeholder }] of labelled) {
    if (!select.isConnected) {
      labelled.delete(select);
      continue;
    }
    fillCodes(select, codes, labelOf, { placeholder, selected: select.value });
  }
}
