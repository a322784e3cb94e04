// What the queue shows, derived from the alert book and the filters: every open alert in queue order, the ones
// the filters let through, and the keyboard target among those.

import { computed, signal } from '@preact/signals';
import { AlertBook, type Alert } from '../../model/alert-book.js';
import { alerts, alertsRev, regions } from '../state/desk-state.js';
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

/** The row the operator moved the keyboard to (J/K, ↑/↓); null: the queue's own choice. */
export const chosenTarget = signal<string | null>(null);

/**
 * The alert the shortcuts act on: the row the operator moved to while it is shown, else the top unacknowledged
 * shown alert, then the top acknowledged one, then the top one being worked on (AlertBook.keyboardTarget).
 */
export const keyTarget = computed<Alert | null>(() => {
  const shown = shownAlerts.value;
  const chosen = chosenTarget.value;
  return (chosen ? shown.find((a) => a.id === chosen) : undefined) ?? AlertBook.keyboardTarget(shown);
});

/** Moves the keyboard target one row up (-1) or down (+1) the shown queue, stopping at either end. */
export function moveKeyTarget(step: -1 | 1): Alert | null {
  const shown = shownAlerts.value;
  if (shown.length === 0) return null;
  const at = keyTarget.value ? shown.findIndex((a) => a.id === keyTarget.value?.id) : -1;
  const next = shown[Math.min(shown.length - 1, Math.max(0, at + step))] ?? null;
  chosenTarget.value = next?.id ?? null;
  return next;
}
