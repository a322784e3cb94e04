// "Recently closed": the alerts this page saw resolved, marked false, cancelled by the elder or cleared by the
// gateway during the shift, newest first.

import { t } from '../../shared/i18n.js';
import { alerts, alertsRev } from '../state/desk-state.js';
import { ClosedRow } from './ClosedRow.js';

export function ClosedList() {
  void alertsRev.value;
  const closed = alerts.closedSorted();
  return (
    <section class="closed-section" aria-labelledby="closed-heading">
      <h2 id="closed-heading">{t('closed.heading')}</h2>
      {closed.length === 0 ? <p class="empty">{t('closed.empty')}</p> : null}
      <ol class="closed" data-testid="closed-list">
        {closed.map((alert) => (
          <ClosedRow key={alert.id} alert={alert} assignee={alerts.assigneeOf(alert)} />
        ))}
      </ol>
    </section>
  );
}
