// An alert's age, ticking each second on its own, so the row around it is not drawn again every second. Red once an
// alert has waited over a minute with nobody acknowledging it (the P1 escalation's first deadline).

import { formatAge } from '../../shared/i18n.js';
import { serverNow } from '../state/desk-state.js';

const OVERDUE_MS = 60_000;

export function AlertAge({ since, waiting = false }: { since: string; waiting?: boolean }) {
  const age = serverNow() - Date.parse(since);
  const overdue = waiting && age > OVERDUE_MS;
  return (
    <span class={overdue ? 'age overdue' : 'age'} data-testid="alert-age" data-since={since} data-overdue={String(overdue)}>
      {formatAge(age)}
    </span>
  );
}
