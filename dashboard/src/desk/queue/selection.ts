// Which alert the side pane shows. Until the operator picks one, the pane follows the queue's own choice (the top
// unacknowledged alert, as the keyboard does: a new P1 takes the pane, an acknowledged alert hands it to the next).
// A pick (a click on a row, J/K, "details" from the phone panel or another view, or any use of the pane itself)
// pins it (desk-state.ts selectedAlertId): then the pane stays on that alert while the queue re-sorts and after it
// closes (shown closed) until the operator picks another.

import { computed } from '@preact/signals';
import type { Alert } from '../../model/alert-book.js';
import { showTab, tab } from '../header/tab-choice.js';
import { selectedAlertId } from '../state/desk-state.js';
import { keyTarget } from './shown-alerts.js';

/** The alert on the pane: the pinned one, else the queue's choice; null when there is nothing to show. */
export const paneAlertId = computed<string | null>(() => selectedAlertId.value ?? keyTarget.value?.id ?? null);

export function selectAlert(id: string): void {
  selectedAlertId.value = id;
}

/** The pane was used (a button, the note box): what it shows stays there. */
export function pinPaneAlert(): void {
  if (selectedAlertId.peek() === null) selectedAlertId.value = paneAlertId.peek();
}

/** Shows the alert in the queue's pane, switching to the queue when another view is on screen. */
export function showAlert(alert: Alert): void {
  selectAlert(alert.id);
  if (tab.value !== 'queue') showTab('queue');
}
