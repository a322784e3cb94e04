// Which of an alert's dialogs is open: one at a time, for one alert. The dialog keeps the alert as it was when it
// was opened, so its "type · name" line stays readable if the alert closes meanwhile (the action then fails with
// the usual notice).

import { signal } from '@preact/signals';
import type { Alert } from '../../model/alert-book.js';

export type AlertDialogKind = 'resolve' | 'false-alarm' | 'hold' | 'dispatch' | 'details';

export interface OpenAlertDialog {
  kind: AlertDialogKind;
  alert: Alert;
}

export const alertDialog = signal<OpenAlertDialog | null>(null);

export function openAlertDialog(kind: AlertDialogKind, alert: Alert): void {
  alertDialog.value = { kind, alert };
}

/**
 * Closes `which` only if it is still the open one: a dialog's late close event (the browser sends it after the
 * element is gone) must not close the dialog opened after it. Without an argument, closes whatever is open.
 */
export function closeAlertDialog(which?: OpenAlertDialog): void {
  if (which === undefined || alertDialog.value === which) alertDialog.value = null;
}
