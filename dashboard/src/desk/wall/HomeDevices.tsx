// The home's devices on its panel: what each is, where it is, whether and when it was last heard from, its battery.
// Live: the wall book changes the devices in place and bumps its revision.

import type { WallDevice } from '../../../../schemas/index.js';
import { formatDateTime, known, t } from '../../shared/i18n.js';
import { Typed } from '../../shared/ui/Typed.js';
import { isLow, isOffline, type HomeTile } from '../../model/wall-home.js';
import { wallBook } from '../state/desk-wall.js';
import { STATE_MARK } from './wall-labels.js';

function deviceState(device: WallDevice, batteryLow: number): 'offline' | 'noData' | 'lowBattery' | 'online' {
  if (device.online === null) return 'noData';
  if (isOffline(device)) return 'offline';
  return isLow(device, batteryLow) ? 'lowBattery' : 'online';
}

export function HomeDevices({ home }: { home: HomeTile }) {
  void wallBook.rev.value; // the devices change in place
  return (
    <section class="home-part" data-testid="home-devices">
      <h3 class="home-title">
        {t('home.devices')} <span class="count-pill">{home.devices.length}</span>
      </h3>
      {home.devices.length === 0 && <p class="home-none">{t('wall.panel.noDevices')}</p>}
      <ul class="wall-devices">
        {home.devices.map((device) => {
          const state = deviceState(device, home.batteryLow);
          return (
            <li key={device.id} class="wall-device" data-testid="wall-device" data-device-id={device.id} data-state={state}>
              <span class="wall-device-kind">{known(`kind.${device.kind}`) ?? device.kind}</span>
              {device.room && <Typed class="wall-device-room" value={device.room} />}
              <span class={`wall-device-state wall-${state}`}>
                <span aria-hidden="true">{STATE_MARK[state]} </span>
                {t(`wall.device.${state}`)}
              </span>
              {device.battery !== null && <span class="wall-device-battery">{t('wall.device.battery', { pct: Math.round(device.battery) })}</span>}
              {device.lastSeenAt && <span class="wall-device-seen">{t('wall.device.lastSeen', { time: formatDateTime(device.lastSeenAt) })}</span>}
              <Typed class="device wall-device-id" value={device.id} />
            </li>
          );
        })}
      </ul>
    </section>
  );
}
