// What the queue shows, derived from the alert book and the filters: every open alert in queue order, the ones
// the filters let through, and the keyboard target among those (the selected alert, desk-state.ts selectedAlertId).

import { computed } from '@preact/signals';
import { AlertBook, type Alert } from '../../model/alert-book.js';
import { alerts, alertsRev, regions, selectedAlertId } from '../state/desk-state.js';
import { matchesFilter, queueFilter } from './queue-filter.js';

/** Every open alert, in queue order (alert-book.ts compareOpen). */
export const openAlerts = computed(() => {
  void alertsRev.value;
  return alerts.openSorted();
});

/** The open alerts the filters let through. */
export const shownAlerts = computed(() => openAlerts.value.filter((alert) => matchesFilter(alert, queueFilter.value, regions.value)));

const unacknowledgedLifeSafety = (list: Alert[]) => list.filter((a) => a.priority === 1 && a.status === 'raised').length;

/** Life-safety alerts nobody acknowledged that the filters hide: the banner says so, the alarm sounds for them anyway. */
export const hiddenUnacknowledged = computed(() => unacknowledgedLifeSafety(openAlerts.value) - unacknowledgedLifeSafety(shownAlerts.value));

/** The selection, under the name the session's sign-out clears it by. */
export const chosenTarget = selectedAlertId;

/**
 * The alert the shortcuts act on: the selected one while the queue shows it; nothing while the selection is an alert
 * the queue no longer shows (closed, filtered out: a key must never land on an alert the pane does not show); with
 * nothing selected, the queue's own choice (AlertBook.keyboardTarget).
 */
export const keyTarget = computed<Alert | null>(() => {
  const shown = shownAlerts.value;
  const chosen = selectedAlertId.value;
  if (chosen) return shown.find((a) => a.id === chosen) ?? null;
  return AlertBook.keyboardTarget(shown);
});

/** Moves the selection one row up (-1) or down (+1) the shown queue, stopping at either end; from outside it, to the top. */
export function moveSelection(step: -1 | 1): Alert | null {
  const shown = shownAlerts.value;
  if (shown.length === 0) return null;
  const current = keyTarget.value;
  const at = current ? shown.findIndex((a) => a.id === current.id) : -1;
  const next = at < 0 ? shown[0] : shown[Math.min(shown.length - 1, Math.max(0, at + step))];
  selectedAlertId.value = next?.id ?? null;
  return next ?? null;
}
