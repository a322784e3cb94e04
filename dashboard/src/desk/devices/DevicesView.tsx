// The devices tab (设备, issue 22): the region's devices as a dense table with their state in words and colour,
// filtered by kind, state, town or community, firmware, battery and silence, two hundred at a time with "more"; a
// count line that says what is wrong on screen; a line opens the device's panel beside the list (its facts, commands
// and their history, retire / replace / move). "批量登记" registers a CSV of devices. The filters stay while the
// operator visits other tabs (a module signal).

import { signal } from '@preact/signals';
import { useState } from 'preact/hooks';
import type { DeviceView } from '../../../../schemas/index.js';
import { errorMessage } from '../../shared/api.js';
import { t } from '../../shared/i18n.js';
import { ListStatus } from '../../shared/ui/ListStatus.js';
import { BulkRegisterDialog } from './bulk/BulkRegisterDialog.js';
import { defaultDeviceFilter, type DeviceFilter } from './device-filter.js';
import { PAGE_SIZE } from './device-request.js';
import { DeviceCounts } from './DeviceCounts.js';
import { DeviceFilters } from './DeviceFilters.js';
import { DeviceTable } from './DeviceTable.js';
import { DevicePanel } from './panel/DevicePanel.js';
import { useDevicePages } from './use-device-pages.js';
import '../../styles/registry.css';
import './devices.css';

const filterState = signal<DeviceFilter>(defaultDeviceFilter());

export function DevicesView() {
  const filter = filterState.value;
  const [selected, setSelected] = useState<DeviceView | null>(null);
  const [importing, setImporting] = useState(false);
  const [generation, setGeneration] = useState(0);
  const { pages, more, replace } = useDevicePages(filter, generation);
  const failed = pages.error !== null ? errorMessage(pages.error) : null;

  function changed(device: DeviceView) {
    replace(device);
    setSelected((current) => (current?.id === device.id ? device : current));
  }

  return (
    <section class="registry-view devices-view" data-testid="devices-view" aria-labelledby="devices-heading">
      <div class="registry-head">
        <h2 id="devices-heading">{t('devices.heading')}</h2>
        {pages.state === 'ok' ? <DeviceCounts items={pages.items} more={pages.nextCursor !== null} batteryBelow={filter.batteryBelow} /> : null}
        <span class="registry-actions">
          <button type="button" class="small" data-testid="devices-import" onClick={() => setImporting(true)}>
            {t('devices.import')}
          </button>
        </span>
      </div>
      <DeviceFilters filter={filter} onChange={(change) => (filterState.value = { ...filterState.value, ...change })} />
      <div class={selected ? 'registry-body with-panel' : 'registry-body'}>
        <div class="registry-results">
          <ListStatus failed={failed} loading={pages.state === 'loading' && pages.items.length === 0} empty={pages.state === 'ok' && pages.items.length === 0 ? t('devices.empty') : null} />
          {pages.items.length > 0 ? <DeviceTable items={pages.items} selectedId={selected?.id ?? null} stale={pages.state === 'loading'} onSelect={setSelected} /> : null}
          {pages.nextCursor ? (
            <button type="button" class="more" data-testid="devices-more" disabled={pages.loadingMore} onClick={more}>
              {t('devices.more', { n: PAGE_SIZE })}
            </button>
          ) : null}
        </div>
        {selected ? (
          <DevicePanel key={selected.id} device={selected} elderName={selected.elderName} onChanged={changed} onClose={() => setSelected(null)} />
        ) : pages.items.length > 0 ? (
          <p class="registry-hint">{t('devices.pickHint')}</p>
        ) : null}
      </div>
      {importing ? <BulkRegisterDialog onClose={() => setImporting(false)} onRegistered={() => setGeneration((g) => g + 1)} /> : null}
    </section>
  );
}
