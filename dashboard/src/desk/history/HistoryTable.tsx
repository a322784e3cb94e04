// The history's results, one compact line per alert: when (local), type, priority, elder, community, final status,
// who closed it and how long it took. A click, or Enter on a focused line, opens the alert's details beside it.

import type { AlertView } from '../../../../schemas/index.js';
import { lang, t } from '../../shared/i18n.js';
import { statusLabel, typeLabel } from '../../shared/labels.js';
import { TestBadge, Typed } from '../../shared/ui/Typed.js';
import { names, regions } from '../state/desk-state.js';
import { closedByText, dayAndTime, durationText, regionNameOf } from './alert-facts.js';

interface HistoryTableProps {
  items: AlertView[];
  selectedId: string | null;
  stale: boolean;
  onSelect: (alert: AlertView) => void;
}

function Row({ alert, selected, onSelect }: { alert: AlertView; selected: boolean; onSelect: (alert: AlertView) => void }) {
  return (
    <tr
      class={`history-row prio-${alert.priority} status-${alert.status}${selected ? ' selected' : ''}`}
      data-testid="history-row"
      data-alert-id={alert.id}
      data-type={alert.type}
      data-status={alert.status}
      aria-selected={selected}
      tabIndex={0}
      onClick={() => onSelect(alert)}
      onKeyDown={(ev) => {
        if (ev.key === 'Enter' || ev.key === ' ') {
          ev.preventDefault();
          onSelect(alert);
        }
      }}
    >
      <td class="clock">{dayAndTime(alert.raisedAt, lang.value)}</td>
      <td class="type">
        {typeLabel(alert.type)}
        {alert.test ? <TestBadge /> : null}
      </td>
      <td>
        <span class={`prio prio-${alert.priority}`}>P{alert.priority}</span>
      </td>
      <td>
        <Typed class="elder-name" value={alert.elder.name} />
      </td>
      <td>
        <Typed class="region-name" value={regionNameOf(alert.elder.regionId, regions.value)} />
      </td>
      <td>
        <span class={`status status-${alert.status}`}>{statusLabel(alert.status)}</span>
      </td>
      <td>
        <Typed class="person" value={closedByText(alert, names.value)} />
      </td>
      <td class="duration">{durationText(alert)}</td>
    </tr>
  );
}

export function HistoryTable({ items, selectedId, stale, onSelect }: HistoryTableProps) {
  return (
    <table class={stale ? 'history-table stale' : 'history-table'} data-testid="history-results">
      <thead>
        <tr>
          <th scope="col">{t('history.col.time')}</th>
          <th scope="col">{t('history.col.type')}</th>
          <th scope="col">{t('history.col.priority')}</th>
          <th scope="col">{t('history.col.elder')}</th>
          <th scope="col">{t('history.col.region')}</th>
          <th scope="col">{t('history.col.status')}</th>
          <th scope="col">{t('history.col.by')}</th>
          <th scope="col">{t('history.col.duration')}</th>
        </tr>
      </thead>
      <tbody>
        {items.map((alert) => (
          <Row key={alert.id} alert={alert} selected={alert.id === selectedId} onSelect={onSelect} />
        ))}
      </tbody>
    </table>
  );
}
