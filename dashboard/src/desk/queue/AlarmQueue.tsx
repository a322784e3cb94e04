// The alarm queue tab: on the left the open alerts in queue order (priority, then unacknowledged first, then the
// one waiting longest), one line each, narrowed by the filters, with "recently closed" folded under them; on the
// right the selected alert in a side pane with every action. The two fill the window below the banners and scroll
// inside themselves, so the top bar, the banner and the KPI strip stay in sight. The selected row is kept in view
// as the queue re-sorts (an acknowledge or a dispatch moves it).

import { useEffect, useRef } from 'preact/hooks';
import { t } from '../../shared/i18n.js';
import { isOpen } from '../../model/alert-book.js';
import { pictureOutdated } from '../banners/link-health.js';
import { AlertPane } from '../detail/AlertPane.js';
import { usePanelHeight } from '../phone/use-panel-height.js';
import { alerts } from '../state/desk-state.js';
import { ClosedList } from './ClosedList.js';
import { AlertRow } from './AlertRow.js';
import { isFiltered, queueFilter } from './queue-filter.js';
import { QueueFilters } from './QueueFilters.js';
import { paneAlertId } from './selection.js';
import { keyTarget, openAlerts, shownAlerts } from './shown-alerts.js';
import { useQueueShortcuts } from './use-queue-shortcuts.js';

/** Below this the window is too low for two scrolling columns: the page scrolls as a whole instead. */
const MIN_FILL_HEIGHT = 420;

export function AlarmQueue() {
  useQueueShortcuts();
  const panel = useRef<HTMLDivElement>(null);
  const height = usePanelHeight(panel);
  const shown = shownAlerts.value;
  const total = openAlerts.value.length;
  const filtered = isFiltered(queueFilter.value);
  const target = keyTarget.value;
  const selected = paneAlertId.value;
  const order = shown.map((a) => a.id).join(',');
  // after a re-sort (acknowledged, dispatched) or a new pick, the selected row is scrolled back into view
  useEffect(() => {
    if (!selected) return;
    panel.current?.querySelector(`[data-testid=alert-row][data-alert-id="${CSS.escape(selected)}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [selected, order]);

  const selectedAlert = selected ? alerts.get(selected) : undefined;
  const shownInQueue = !selectedAlert || !isOpen(selectedAlert) || shown.some((a) => a.id === selected);
  const fill = height !== null && height >= MIN_FILL_HEIGHT ? { height: `${height}px` } : undefined;
  return (
    <div class={fill ? 'queue-panel fill' : 'queue-panel'} ref={panel} style={fill}>
      <div class="queue-column">
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
          {shown.length === 0 ? <p class="empty">{t(total > 0 ? 'queue.emptyFiltered' : 'queue.empty')}</p> : null}
          {/* faded while the picture may be out of date (link down, no heartbeat) */}
          <ol class={pictureOutdated.value ? 'queue stale' : 'queue'} data-testid="alert-queue" aria-label={t('queue.heading')}>
            {shown.map((alert) => (
              <AlertRow key={alert.id} alert={alert} selected={alert.id === selected} keyTarget={alert.id === target?.id} />
            ))}
          </ol>
        </section>
        <ClosedList />
      </div>
      <AlertPane alertId={selected} shownInQueue={shownInQueue} />
    </div>
  );
}
