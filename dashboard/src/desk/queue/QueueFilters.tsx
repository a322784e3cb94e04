// The queue's filters (queue-filter.ts): region, type and status selects, and a button to clear them.

import type { ComponentChildren } from 'preact';
import { t } from '../../shared/i18n.js';
import { statusLabel, typeLabel } from '../../shared/labels.js';
import { regions } from '../state/desk-state.js';
import { levelName } from '../state/region-levels.js';
import { clearQueueFilter, FILTER_STATUSES, isFiltered, queueFilter, regionChoices, setQueueFilter, type QueueFilter } from './queue-filter.js';
import { openAlerts } from './shown-alerts.js';

function FilterSelect({ field, testid, label, children }: { field: keyof QueueFilter; testid: string; label: string; children: ComponentChildren }) {
  return (
    <label class="filter">
      <span>{label}</span>
      <select data-testid={testid} value={queueFilter.value[field]} onChange={(ev) => setQueueFilter({ [field]: ev.currentTarget.value })}>
        <option value="">{t('filter.all')}</option>
        {children}
      </select>
    </label>
  );
}

export function QueueFilters() {
  const filter = queueFilter.value;
  // the types on the queue now, and the chosen one even when its last alert is gone
  const types = [...new Set([...openAlerts.value.map((a) => a.type), ...(filter.type ? [filter.type] : [])])].sort((a, b) =>
    typeLabel(a).localeCompare(typeLabel(b), 'zh-CN'),
  );
  const places = regionChoices(regions.value);
  return (
    <div class="queue-filters" role="group" aria-label={t('filter.label')}>
      <FilterSelect field="region" testid="filter-region" label={t('filter.region')}>
        {places.map(({ region, nested, indent }) => (
          <option key={region.id} value={region.id} data-level={region.level} class={nested ? 'typed nested' : 'typed'}>
            {'\u00a0\u00a0'.repeat(indent)}
            {t('region.withLevel', { name: region.name, level: levelName(region.level) })}
          </option>
        ))}
      </FilterSelect>
      <FilterSelect field="type" testid="filter-type" label={t('filter.type')}>
        {types.map((type) => (
          <option key={type} value={type}>
            {typeLabel(type)}
          </option>
        ))}
      </FilterSelect>
      <FilterSelect field="status" testid="filter-status" label={t('filter.status')}>
        {FILTER_STATUSES.map((status) => (
          <option key={status} value={status}>
            {statusLabel(status)}
          </option>
        ))}
      </FilterSelect>
      <button type="button" class="small" data-testid="filter-clear" disabled={!isFiltered(filter)} onClick={clearQueueFilter}>
        {t('filter.clear')}
      </button>
    </div>
  );
}
