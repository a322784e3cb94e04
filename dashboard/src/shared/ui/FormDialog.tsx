// A small form in a native modal <dialog>: Esc or the back button closes without acting; the confirm button checks
// that required fields hold more than spaces (the server trims, so "   " would come back as a 400) and hands the
// form's values to onConfirm. The parent decides whether it is open; closing (either way) calls onClose.
// Shared by the desk and the responder page.

import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { t } from '../i18n.js';
import { useModal } from './use-modal.js';

export interface FormDialogProps {
  /** data-testid of the <dialog> (the e2e tests find dialogs by it). */
  testid: string;
  title: string;
  /** The "type · name" line under the title: what the dialog acts on. */
  subject?: ComponentChildren;
  confirmLabel: string;
  /** The buttons' test ids: `${prefix}-confirm` and `${prefix}-${backName}` (backName 'cancel' unless given). */
  prefix: string;
  backName?: string;
  backLabel?: string;
  wide?: boolean;
  /** While true the confirm button is disabled (the dispatch picker, until its choices are loaded). */
  confirmDisabled?: boolean;
  children: ComponentChildren;
  onConfirm: (values: Record<string, string>) => void;
  onClose: () => void;
}

export function FormDialog({ testid, title, subject, confirmLabel, prefix, backName = 'cancel', backLabel, wide, confirmDisabled = false, children, onConfirm, onClose }: FormDialogProps) {
  const ref = useModal();
  const [error, setError] = useState<string | null>(null);

  function submit(ev: SubmitEvent) {
    ev.preventDefault();
    const form = ev.currentTarget as HTMLFormElement;
    const blank = [...form.querySelectorAll<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>('[required]')].find((f) => String(f.value).trim() === '');
    if (blank) {
      setError(t('form.required'));
      blank.focus();
      return;
    }
    const values: Record<string, string> = {};
    for (const [name, value] of new FormData(form)) values[name] = String(value);
    onConfirm(values);
    onClose();
  }

  return (
    <dialog ref={ref} class={wide ? 'form-dialog wide' : 'form-dialog'} data-testid={testid} onClose={onClose} onCancel={onClose}>
      <form method="dialog" onSubmit={submit}>
        <h2>{title}</h2>
        {subject ? <p class="dialog-for">{subject}</p> : null}
        {children}
        <p class="form-error" data-role="form-error" role="alert" hidden={!error}>
          {error ?? ''}
        </p>
        <div class="dialog-actions">
          <button type="button" data-role="dismiss" data-testid={`${prefix}-${backName}`} onClick={onClose}>
            {backLabel ?? t('form.back')}
          </button>
          <button type="submit" class="primary" value="confirm" data-testid={`${prefix}-confirm`} disabled={confirmDisabled}>
            {confirmLabel}
          </button>
        </div>
      </form>
    </dialog>
  );
}
