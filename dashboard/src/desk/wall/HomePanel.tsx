// A home's devices, opened from its tile when it has no open alert (a tile with one opens the alert itself):
// what each device is, where it is, and whether and when it was last heard from. Follows live events.

import { useEffect } from 'preact/hooks';
import type { WallDevice } from '../../../../schemas/index.js';
import { formatDateTime, known, t } from '../../shared/i18n.js';
import { Typed } from '../../shared/ui/Typed.js';
import { ActivityTrend } from './ActivityTrend.js';
import { wallBook } from '../state/desk-wall.js';
import { isLow, isOffline, type HomeTile } from '../../model/wall-home.js';
import { STATE_MARK, problemText, stateLabel } from './wall-labels.js';

function deviceState(device: WallDevice, batteryLow: number): 'offline' | 'noData' | 'lowBattery' | 'online' {
  if (device.online === null) return 'noData';
  if (isOffline(device)) return 'offline';
  return isLow(device, batteryLow) ? 'lowBattery' : 'online';
}

export function HomePanel({ home, onClose }: { home: HomeTile; onClose: () => void }) {
  void wallBook.rev.value; // the devices change in place
  useEffect(() => {
    // an open dialog (an alert's detail) takes its own Esc
    const onKey = (event: KeyboardEvent) => event.key === 'Escape' && !document.querySelector('dialog[open]') && onClose();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);
  return (
    <aside class="wall-panel" data-testid="wall-panel" aria-label={t('wall.panel.label')}>
      <div class="wall-panel-head">
        <div class="wall-panel-who">
          <Typed class="wall-panel-name" value={home.name} />
          <Typed class="wall-panel-address" value={home.address} />
        </div>
        <button type="button" data-testid="wall-panel-close" onClick={onClose}>
          {t('wall.panel.close')}
        </button>
      </div>
      <p class={`wall-panel-state wall-${home.state}`}>
        <span aria-hidden="true">{STATE_MARK[home.state]} </span>
        {problemText(home)}
      </p>
      {home.states.length > 1 && (
        <p class="wall-panel-also" data-testid="wall-panel-also">
          {home.states.slice(1).map((state) => (
            <span key={state} class={`wall-chip wall-${state}`} data-state={state}>
              <span aria-hidden="true">{STATE_MARK[state]} </span>
              {stateLabel(state)}
            </span>
          ))}
        </p>
      )}
      {home.devices.length === 0 && <p class="empty">{t('wall.panel.noDevices')}</p>}
      <ul class="wall-devices">
        {home.devices.map((device) => {
          const state = deviceState(device, home.batteryLow);
          return (
            <li key={device.id} class="wall-device" data-testid="wall-device" data-state={state}>
              <span class="wall-device-kind">{known(`kind.${device.kind}`) ?? device.kind}</span>
              {device.room && <Typed class="wall-device-room" value={device.room} />}
              <Typed class="device" value={device.id} />
              <span class={`wall-device-state wall-${state}`}>
                <span aria-hidden="true">{STATE_MARK[state]} </span>
                {t(`wall.device.${state}`)}
              </span>
              {device.battery !== null && <span>{t('wall.device.battery', { pct: Math.round(device.battery) })}</span>}
              {device.lastSeenAt && <span class="wall-device-seen">{t('wall.device.lastSeen', { time: formatDateTime(device.lastSeenAt) })}</span>}
            </li>
          );
        })}
      </ul>
      <ActivityTrend elderId={home.elderId} />
    </aside>
  );
}
