// The count line above the list: how many are loaded, and what is wrong among them (offline, never seen, low
// battery), each figure what still waits for somebody. Only the loaded pages are counted, and it says so: a county's
// whole fleet would cost a count query per filter.

import type { DeviceView } from '../../../../schemas/index.js';
import { t } from '../../shared/i18n.js';
import { LOW_BATTERY_PCT } from './device-filter.js';

export function DeviceCounts({ items, more, batteryBelow }: { items: DeviceView[]; more: boolean; batteryBelow: string }) {
  const lowAt = Number(batteryBelow) >= 1 ? Number(batteryBelow) : LOW_BATTERY_PCT;
  const offline = items.filter((d) => d.state === 'offline').length;
  const neverSeen = items.filter((d) => d.state === 'never_seen').length;
  const low = items.filter((d) => d.state !== 'retired' && d.battery !== null && d.battery < lowAt).length;
  const problems = [
    offline > 0 ? { key: 'devices.problemOffline', n: offline, cls: 'offline' } : null,
    neverSeen > 0 ? { key: 'devices.problemNeverSeen', n: neverSeen, cls: 'never_seen' } : null,
    low > 0 ? { key: 'devices.problemBattery', n: low, cls: 'battery' } : null,
  ].filter((p) => p !== null);
  return (
    <span class="device-counts" data-testid="devices-counts" title={t('devices.problemHint')}>
      <span class="count-pill" data-testid="devices-count">
        {more ? t('devices.countMore', { n: items.length }) : t('devices.count', { n: items.length })}
      </span>
      {problems.length === 0 && items.length > 0 ? <span class="device-problem none">{t('devices.problemNone')}</span> : null}
      {problems.map((p) => (
        <span key={p.key} class={`device-problem problem-${p.cls}`} data-testid={`devices-problem-${p.cls}`} data-n={p.n}>
          {t(p.key, { n: p.n, pct: lowAt })}
        </span>
      ))}
    </span>
  );
}
