// The desk's views as tabs. The queue's tab carries the open count, and marks unacknowledged
// life-safety alarms in words and colour, so a P1 is seen from the wall and the task board too.

import { t } from '../../shared/i18n.js';
import { unacknowledgedLifeSafety } from '../banners/alarm.js';
import { openAlerts } from '../queue/shown-alerts.js';
import { ComplaintCount } from '../complaints/ComplaintCount.js';
import { PolicyUnsavedMark } from '../visits/VisitsView.js';
import { showTab, tab, TABS, type DeskTab } from './tab-choice.js';

const LABELS: Record<DeskTab, string> = {
  queue: 'tab.queue',
  wall: 'tab.wall',
  tasks: 'tab.tasks',
  calls: 'tab.calls',
  complaints: 'tab.complaints',
  history: 'tab.history',
  handover: 'tab.handover',
  reports: 'tab.reports',
  visits: 'tab.visits',
  elders: 'tab.elders',
  devices: 'tab.devices',
  letters: 'tab.letters',
};

function QueueCount() {
  const open = openAlerts.value.length;
  const unacked = unacknowledgedLifeSafety.value;
  if (open === 0) return null;
  return (
    <span class={unacked > 0 ? 'tab-count alarm' : 'tab-count'} data-testid="queue-count" title={unacked > 0 ? t('banner.unack') : undefined}>
      {open}
    </span>
  );
}

export function DeskTabs() {
  const current = tab.value;
  return (
    <nav class="desk-tabs" role="tablist" aria-label={t('tab.label')}>
      {TABS.map((name) => (
        <button
          key={name}
          type="button"
          role="tab"
          id={`tab-${name}`}
          aria-selected={current === name}
          aria-controls="desk-panel"
          data-testid={`tab-${name}`}
          class={current === name ? 'desk-tab current' : 'desk-tab'}
          onClick={() => showTab(name)}
        >
          {t(LABELS[name])}
          {name === 'queue' ? <QueueCount /> : name === 'complaints' ? <ComplaintCount /> : name === 'visits' ? <PolicyUnsavedMark /> : null}
        </button>
      ))}
    </nav>
  );
}
