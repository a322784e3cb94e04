// The device list's filters on one line: id search, kind, state, town or community, firmware, battery below, not seen
// for. Every change asks again (typing after a pause).

import { DEVICE_KINDS, DEVICE_STATES, type DeviceKind, type DeviceState } from '../../../../schemas/index.js';
import { t } from '../../shared/i18n.js';
import { RegionFilterSelect } from '../../shared/ui/RegionFilterSelect.js';
import { regions } from '../state/desk-state.js';
import { defaultDeviceFilter, type DeviceFilter } from './device-filter.js';
import { kindWords, stateWords } from './device-words.js';

const SILENT_CHOICES = [
  { hours: '', key: 'devices.filter.silentAny' },
  { hours: '1', key: 'devices.filter.silent1h' },
  { hours: '24', key: 'devices.filter.silent24h' },
  { hours: '168', key: 'devices.filter.silent7d' },
];

export function DeviceFilters({ filter, onChange }: { filter: DeviceFilter; onChange: (change: Partial<DeviceFilter>) => void }) {
  return (
    <div class="registry-filters device-filters" role="search" aria-label={t('devices.filters')}>
      <label class="registry-filter registry-filter-q">
        <span>{t('devices.filter.q')}</span>
        <input type="search" data-testid="devices-q" maxLength={64} placeholder={t('devices.filter.qPlaceholder')} value={filter.q} onInput={(ev) => onChange({ q: ev.currentTarget.value })} />
      </label>
      <label class="registry-filter">
        <span>{t('devices.filter.kind')}</span>
        <select data-testid="devices-kind" value={filter.kind} onChange={(ev) => onChange({ kind: ev.currentTarget.value as DeviceKind | '' })}>
          <option value="">{t('filter.all')}</option>
          {DEVICE_KINDS.map((kind) => (
            <option key={kind} value={kind}>
              {kindWords(kind)}
            </option>
          ))}
        </select>
      </label>
      <label class="registry-filter">
        <span>{t('devices.filter.state')}</span>
        <select data-testid="devices-state" value={filter.state} onChange={(ev) => onChange({ state: ev.currentTarget.value as DeviceState | '' })}>
          <option value="">{t('devices.filter.stateActive')}</option>
          {DEVICE_STATES.map((state) => (
            <option key={state} value={state}>
              {stateWords(state)}
            </option>
          ))}
        </select>
      </label>
      <RegionFilterSelect class="registry-filter" label={t('devices.filter.region')} testid="devices-region" value={filter.regionId} regions={regions.value} onChoose={(regionId) => onChange({ regionId })} />
      <label class="registry-filter device-filter-short">
        <span>{t('devices.filter.firmware')}</span>
        <input type="search" data-testid="devices-firmware" maxLength={64} value={filter.firmware} onInput={(ev) => onChange({ firmware: ev.currentTarget.value })} />
      </label>
      <label class="registry-filter device-filter-short">
        <span>{t('devices.filter.batteryBelow')}</span>
        <input type="number" inputMode="numeric" min={1} max={100} data-testid="devices-battery" value={filter.batteryBelow} onInput={(ev) => onChange({ batteryBelow: ev.currentTarget.value })} />
      </label>
      <label class="registry-filter">
        <span>{t('devices.filter.silentFor')}</span>
        <select data-testid="devices-silent" value={filter.silentHours} onChange={(ev) => onChange({ silentHours: ev.currentTarget.value })}>
          {SILENT_CHOICES.map((choice) => (
            <option key={choice.hours} value={choice.hours}>
              {t(choice.key)}
            </option>
          ))}
        </select>
      </label>
      <button type="button" class="small" data-testid="devices-reset" onClick={() => onChange(defaultDeviceFilter())}>
        {t('devices.filter.reset')}
      </button>
    </div>
  );
}
