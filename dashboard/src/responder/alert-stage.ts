// Where an alert stands for the responder it was sent to; decides the card's one next step and the dispatch beep.

import type { Alert } from '../model/alert-book.js';

/** offered: to accept or decline; accepted: on the way; onSite: there, to resolve; other: nothing to do here. */
export type AlertStage = 'offered' | 'accepted' | 'onSite' | 'other';

export function alertStage(alert: Alert): AlertStage {
  if (alert.status === 'on_site') return 'onSite';
  if (alert.status === 'dispatched') return alert.acceptedAt ? 'accepted' : 'offered';
  return 'other';
}
