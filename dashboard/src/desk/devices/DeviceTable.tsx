// The devices as a dense table, one line each: id, kind in words, the elder's name, the place, the state in words
// and colour, battery (low in red), how long since it was heard, firmware, model. A click, or Enter on a focused
// line, opens the device's panel beside the list.

import type { DeviceView } from '../../../../schemas/index.js';
import { t } from '../../shared/i18n.js';
import { Typed } from '../../shared/ui/Typed.js';
import { now } from '../state/desk-state.js';
import { LOW_BATTERY_PCT } from './device-filter.js';
import { kindWords, sinceWords, stateWords } from './device-words.js';

export function StateChip({ state }: { state: string }) {
  return (
    <span class={`device-state state-${state}`} data-testid="device-state" data-state={state}>
      {stateWords(state)}
    </span>
  );
}

export function ElderName({ name }: { name: string | null | undefined }) {
  return name ? <Typed class="device-elder" value={name} /> : <span class="muted">{name === null ? t('devices.unknownElder') : '…'}</span>;
}

interface RowProps {
  device: DeviceView;
  elderName: string | null | undefined;
  selected: boolean;
  onSelect: (device: DeviceView) => void;
}

function Row({ device, elderName, selected, onSelect }: RowProps) {
  const low = device.battery !== null && device.battery < LOW_BATTERY_PCT;
  return (
    <tr
      class={selected ? 'registry-row device-row selected' : 'registry-row device-row'}
      data-testid="devices-row"
      data-device-id={device.id}
      data-state={device.state}
      aria-selected={selected}
      tabIndex={0}
      onClick={() => onSelect(device)}
      onKeyDown={(ev) => {
        if (ev.key === 'Enter' || ev.key === ' ') {
          ev.preventDefault();
          onSelect(device);
        }
      }}
    >
      <td class="device-id">
        <Typed value={device.id} />
        {device.testModeUntil ? <span class="device-test">{t('devices.testMode')}</span> : null}
      </td>
      <td>{kindWords(device.kind)}</td>
      <td>
        <ElderName name={elderName} />
      </td>
      <td>{device.room ? <Typed class="room" value={device.room} /> : ''}</td>
      <td>
        <StateChip state={device.state} />
      </td>
      <td class={low ? 'num battery-low' : 'num'} data-testid="device-battery">
        {device.battery === null ? '' : `${Math.round(device.battery)}%`}
      </td>
      <td class="num" title={device.lastSeenAt ?? undefined}>
        {device.state === 'never_seen' ? '' : sinceWords(device.lastSeenAt, now.value)}
      </td>
      <td>{device.firmware ? <Typed value={device.firmware} /> : ''}</td>
      <td>{device.model ? <Typed value={device.model} /> : ''}</td>
    </tr>
  );
}

interface DeviceTableProps {
  items: DeviceView[];
  selectedId: string | null;
  stale: boolean;
  onSelect: (device: DeviceView) => void;
}

export function DeviceTable({ items, selectedId, stale, onSelect }: DeviceTableProps) {
  return (
    <table class={stale ? 'registry-table device-table stale' : 'registry-table device-table'} data-testid="devices-table">
      <thead>
        <tr>
          <th>{t('devices.col.id')}</th>
          <th>{t('devices.col.kind')}</th>
          <th>{t('devices.col.elder')}</th>
          <th>{t('devices.col.room')}</th>
          <th>{t('devices.col.state')}</th>
          <th>{t('devices.col.battery')}</th>
          <th>{t('devices.col.lastSeen')}</th>
          <th>{t('devices.col.firmware')}</th>
          <th>{t('devices.col.model')}</th>
        </tr>
      </thead>
      <tbody>
        {items.map((device) => (
          <Row key={device.id} device={device} elderName={device.elderName} selected={device.id === selectedId} onSelect={onSelect} />
        ))}
      </tbody>
    </table>
  );
}
