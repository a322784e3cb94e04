// The home's open alerts on its panel, most urgent first, as the queue orders them. A click shows the alert in the
// queue's side pane (desk-state.ts selectedAlertId, the queue's own selection), where every action on it is.

import type { Alert } from '../../model/alert-book.js';
import { formatAge, t } from '../../shared/i18n.js';
import { statusLabel, typeLabel } from '../../shared/labels.js';
import { Phrase, TestBadge, Typed } from '../../shared/ui/Typed.js';
import { showTab } from '../header/tab-choice.js';
import { alerts, alertsRev, selectedAlertId, serverNow } from '../state/desk-state.js';

function showInQueue(alert: Alert): void {
  selectedAlertId.value = alert.id;
  showTab('queue');
}

export function HomeAlerts({ elderId }: { elderId: string }) {
  void alertsRev.value;
  const open = alerts.openSorted().filter((alert) => alert.elder.id === elderId);
  return (
    <section class="home-part" data-testid="home-alerts" data-count={open.length}>
      <h3 class="home-title">
        {t('home.alerts')} <span class="count-pill">{open.length}</span>
      </h3>
      {open.length === 0 ? (
        <p class="home-none">{t('home.noAlerts')}</p>
      ) : (
        <ul class="home-alerts">
          {open.map((alert) => {
            const assignee = alerts.assigneeOf(alert);
            return (
              <li key={alert.id}>
                <button
                  type="button"
                  class={`home-alert priority-${alert.priority}`}
                  data-testid="home-alert"
                  data-alert-id={alert.id}
                  title={t('home.openAlert')}
                  onClick={() => showInQueue(alert)}
                >
                  <span class="priority">P{alert.priority}</span>
                  <span class="home-alert-type">{typeLabel(alert.type)}</span>
                  {alert.test ? <TestBadge /> : null}
                  <span class={`status status-${alert.status}`}>{statusLabel(alert.status)}</span>
                  <span class="home-alert-age">{t('row.ago', { age: formatAge(serverNow() - Date.parse(alert.raisedAt)) })}</span>
                  {assignee ? <Phrase class="home-alert-assignee" k="home.assignee" vars={{ name: <Typed value={assignee.displayName} /> }} /> : null}
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
