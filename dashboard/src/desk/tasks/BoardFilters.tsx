// The board's two filters: the kind of task and the elder's place of the lowest level (a community, in both plans;
// those of the desk's region, by name after their parent's), named by the deployment's level name.

import { known, t } from '../../shared/i18n.js';
import { nameWithParent } from '../../model/region-tree.js';
import { regions } from '../state/desk-state.js';
import { levelName, lowestLevel } from '../state/region-levels.js';
import { KINDS, kindFilter, regionFilter } from './board-columns.js';

export function BoardFilters() {
  const all = regions.value;
  const lowest = lowestLevel();
  const communities = [...all.values()]
    .filter((r) => r.level === lowest)
    .map((region) => ({ region, label: nameWithParent(all, region) }))
    .sort((a, b) => a.label.localeCompare(b.label, 'zh-CN'));
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
        <span>{levelName(lowest)}</span>
        <select data-testid="task-filter-region" value={regionFilter.value} onChange={(ev) => (regionFilter.value = ev.currentTarget.value)}>
          <option value="">{t('region.allLowest', { level: levelName(lowest) })}</option>
          {communities.map(({ region, label }) => (
            <option key={region.id} value={region.id} class="typed">
              {label}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}
