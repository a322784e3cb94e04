// The history's filters on one line: the elder (picked by name or phone), the type, the status (open, closed or
// one status), the town or community, and the range of days. Every change searches again.

import { ALERT_STATUSES, ALERT_TYPES } from '../../../../schemas/index.js';
import { t } from '../../shared/i18n.js';
import { statusLabel, typeLabel } from '../../shared/labels.js';
import { RegionFilterSelect } from '../../shared/ui/RegionFilterSelect.js';
import { regions } from '../state/desk-state.js';
import { ElderPicker } from './ElderPicker.js';
import { defaultFilter, type HistoryFilter } from './history-filter.js';

interface HistoryFiltersProps {
  filter: HistoryFilter;
  onChange: (change: Partial<HistoryFilter>) => void;
}

export function HistoryFilters({ filter, onChange }: HistoryFiltersProps) {
  const types = [...ALERT_TYPES].sort((a, b) => typeLabel(a).localeCompare(typeLabel(b), 'zh-CN'));
  return (
    <div class="history-filters" role="search" aria-label={t('history.filters')}>
      <label class="history-filter history-filter-elder">
        <span>{t('history.elder')}</span>
        <ElderPicker chosen={filter.elder} onChoose={(elder) => onChange({ elder })} />
      </label>
      <label class="history-filter">
        <span>{t('history.type')}</span>
        <select data-testid="history-type" value={filter.type} onChange={(ev) => onChange({ type: ev.currentTarget.value })}>
          <option value="">{t('filter.all')}</option>
          {types.map((type) => (
            <option key={type} value={type}>
              {typeLabel(type)}
            </option>
          ))}
        </select>
      </label>
      <label class="history-filter">
        <span>{t('history.status')}</span>
        <select data-testid="history-status" value={filter.status} onChange={(ev) => onChange({ status: ev.currentTarget.value })}>
          <option value="">{t('filter.all')}</option>
          <option value="open">{t('history.statusOpen')}</option>
          <option value="closed">{t('history.statusClosed')}</option>
          {ALERT_STATUSES.map((status) => (
            <option key={status} value={status}>
              {statusLabel(status)}
            </option>
          ))}
        </select>
      </label>
      <RegionFilterSelect class="history-filter" label={t('history.region')} testid="history-region" value={filter.regionId} regions={regions.value} onChoose={(regionId) => onChange({ regionId })} />
      <label class="history-filter">
        <span>{t('history.from')}</span>
        <input type="date" data-testid="history-from" value={filter.fromDay} onInput={(ev) => onChange({ fromDay: ev.currentTarget.value })} />
      </label>
      <label class="history-filter">
        <span>{t('history.to')}</span>
        <input type="date" data-testid="history-to" value={filter.toDay} onInput={(ev) => onChange({ toDay: ev.currentTarget.value })} />
      </label>
      <button type="button" class="small" data-testid="history-reset" onClick={() => onChange(defaultFilter())}>
        {t('history.reset')}
      </button>
    </div>
  );
}
