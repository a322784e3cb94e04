// The desk's status wall: the wall book (model/wall-book.ts) fed from the desk's session, clock and alert book.

import { effect, untracked, type ReadonlySignal } from '@preact/signals';
import { getStatusWall } from '../../shared/api.js';
import { WallBook } from '../../model/wall-book.js';
import type { WallCounts } from '../../model/wall-home.js';
import { alerts, alertsRev, clockOffset, token } from './desk-state.js';

export const wallBook = new WallBook({
  getStatusWall,
  token: () => token.peek(),
  clockOffset: () => clockOffset.peek(),
  openAlerts: () => alerts.openSorted(),
});

/** Homes per state, for the KPI strip and the wall's count buttons. */
export const wallCounts: ReadonlySignal<WallCounts> = wallBook.counts;
/** How many devices are offline right now (the KPI strip). */
export const devicesOffline: ReadonlySignal<number> = wallBook.devicesOffline;

// The open alerts live in the desk's alert book; a logout (no token) forgets the wall.
// untracked: what the book writes must not make these effects depend on it.
effect(() => {
  void alertsRev.value;
  untracked(() => wallBook.syncAlerts());
});
effect(() => {
  if (token.value === null) untracked(() => wallBook.clear());
});
