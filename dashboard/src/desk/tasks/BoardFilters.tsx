// The board's two filters: the kind of task and the elder's community (those of the desk's region, by name).

import { known, t } from '../../shared/i18n.js';
import { regions } from '../state/desk-state.js';
import { KINDS, kindFilter, regionFilter } from './board-columns.js';

export function BoardFilters() {
  const communities = [...regions.value.values()].filter((r) => r.level === 'community').sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
  return (
    <div class="board-filters">
      <label>
        <span>{t('board.filter.kind')}</span>
        <select data-testid="task-filter-kind" value={kindFilter.value} onChange={(ev) => (kindFilter.value = ev.currentTarget.value as typeof kindFilter.value)}>
          <option value="">{t('board.filter.allKinds')}</option>
          {KINDS.map((kind) => (
            <option key={kind} value={kind}>
              {known(`task.kind.${kind}`) ?? kind}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span>{t('board.filter.region')}</span>
        <select data-testid="task-filter-region" value={regionFilter.value} onChange={(ev) => (regionFilter.value = ev.currentTarget.value)}>
          <option value="">{t('board.filter.allRegions')}</option>
          {communities.map((region) => (
            <option key={region.id} value={region.id} class="typed">
              {region.name}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}
