// A filter's "town or community" select (the history's, the registry's): "all", then every region the desk sees
// below the root in tree order, a region below another indented under it.

import type { RegionView } from '../../../../schemas/index.js';
import { regionTree } from '../../model/region-tree.js';
import { t } from '../i18n.js';

interface RegionFilterSelectProps {
  /** The label's class, the filter line's own. */
  class: string;
  label: string;
  testid: string;
  /** A region id, or '' for all. */
  value: string;
  regions: ReadonlyMap<string, RegionView>;
  onChoose: (regionId: string) => void;
}

export function RegionFilterSelect({ class: className, label, testid, value, regions, onChoose }: RegionFilterSelectProps) {
  return (
    <label class={className}>
      <span>{label}</span>
      <select data-testid={testid} value={value} onChange={(ev) => onChoose(ev.currentTarget.value)}>
        <option value="">{t('filter.all')}</option>
        {regionTree(regions).map(({ region, indent }) => (
          <option key={region.id} value={region.id} class={indent > 0 ? 'typed nested' : 'typed'}>
            {indent > 0 ? `\u00a0\u00a0${region.name}` : region.name}
          </option>
        ))}
      </select>
    </label>
  );
}
