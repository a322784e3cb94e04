// The registry's filters on one line: a name or ID-number tail, the group, the town or community, the assessment
// level and 高龄 only. Every change searches again (the typing after a pause).

import { ASSESSMENT_LEVELS, ASSESSMENT_LEVEL_LABELS, ELDER_GROUPS, ELDER_GROUP_LABELS } from '../../../../schemas/index.js';
import { lang, t } from '../../shared/i18n.js';
import { RegionFilterSelect } from '../../shared/ui/RegionFilterSelect.js';
import { regions } from '../state/desk-state.js';
import { defaultRegistryFilter, type RegistryFilter } from './registry-filter.js';

interface RegistryFiltersProps {
  filter: RegistryFilter;
  onChange: (change: Partial<RegistryFilter>) => void;
}

export function RegistryFilters({ filter, onChange }: RegistryFiltersProps) {
  return (
    <div class="registry-filters" role="search" aria-label={t('registry.filters')}>
      <label class="registry-filter registry-filter-q">
        <span>{t('registry.search')}</span>
        <input type="search" data-testid="registry-q" maxLength={40} placeholder={t('registry.searchPlaceholder')} value={filter.q} onInput={(ev) => onChange({ q: ev.currentTarget.value })} />
      </label>
      <label class="registry-filter">
        <span>{t('registry.group')}</span>
        <select data-testid="registry-group" value={filter.group} onChange={(ev) => onChange({ group: ev.currentTarget.value })}>
          <option value="">{t('filter.all')}</option>
          {ELDER_GROUPS.map((g) => (
            <option key={g} value={g}>
              {ELDER_GROUP_LABELS[g][lang.value]}
            </option>
          ))}
        </select>
      </label>
      <RegionFilterSelect class="registry-filter" label={t('registry.community')} testid="registry-region" value={filter.regionId} regions={regions.value} onChoose={(regionId) => onChange({ regionId })} />
      <label class="registry-filter">
        <span>{t('registry.assessment')}</span>
        <select data-testid="registry-assessment" value={filter.assessment} onChange={(ev) => onChange({ assessment: ev.currentTarget.value })}>
          <option value="">{t('filter.all')}</option>
          {ASSESSMENT_LEVELS.map((level) => (
            <option key={level} value={level}>
              {ASSESSMENT_LEVEL_LABELS[level][lang.value]}
            </option>
          ))}
          <option value="none">{t('registry.assessmentNone')}</option>
        </select>
      </label>
      <label class="registry-filter registry-filter-check">
        <input type="checkbox" data-testid="registry-very-old" checked={filter.veryOld} onChange={(ev) => onChange({ veryOld: ev.currentTarget.checked })} />
        <span>{t('registry.veryOldOnly')}</span>
      </label>
      <button type="button" class="small" data-testid="registry-reset" onClick={() => onChange(defaultRegistryFilter())}>
        {t('registry.reset')}
      </button>
    </div>
  );
}
