// The alarm queue tab: the open alerts in queue order (priority, then unacknowledged first, then the one waiting
// longest), narrowed by the filters, with the keyboard on the row marked ⌨, and the recently closed below.

import { t } from '../../shared/i18n.js';
import { pictureOutdated } from '../banners/link-health.js';
import { ClosedList } from './ClosedList.js';
import { AlertRow } from './AlertRow.js';
import { isFiltered, queueFilter } from './queue-filter.js';
import { QueueFilters } from './QueueFilters.js';
import { ShortcutHint } from './ShortcutHint.js';
import { keyTarget, openAlerts, shownAlerts } from './shown-alerts.js';
import { useQueueShortcuts } from './use-queue-shortcuts.js';

export function AlarmQueue() {
  useQueueShortcuts();
  const shown = shownAlerts.value;
  const total = openAlerts.value.length;
  const filtered = isFiltered(queueFilter.value);
  const target = keyTarget.value;
  return (
    <div class="queue-panel">
      <section class="queue-section" aria-labelledby="queue-heading">
        <div class="queue-top">
          <h2 id="queue-heading">
            {t('queue.heading')} <span class="count-pill">{total > 0 ? t('queue.openCount', { n: total }) : ''}</span>
          </h2>
          <QueueFilters />
        </div>
        {filtered ? (
          <p class="filter-summary" data-testid="queue-filter-summary">
            {t('filter.summary', { x: shown.length, y: total })}
          </p>
        ) : null}
        <ShortcutHint />
        {shown.length === 0 ? <p class="empty">{t(total > 0 ? 'queue.emptyFiltered' : 'queue.empty')}</p> : null}
        {/* faded while the picture may be out of date (link down, no heartbeat) */}
        <ol class={pictureOutdated.value ? 'queue stale' : 'queue'} data-testid="alert-queue">
          {shown.map((alert) => (
            <AlertRow key={alert.id} alert={alert} keyTarget={alert.id === target?.id} />
          ))}
        </ol>
      </section>
      <ClosedList />
    </div>
  );
}
