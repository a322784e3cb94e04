// The device that raised the alert (GET /devices/:id): its kind, where it is installed, whether the gateway hears
// it now, its battery and when it was last heard. Until the reply (or if it fails) the id alone.

import { getDevice } from '../../shared/api.js';
import { formatDateTime, known, t } from '../../shared/i18n.js';
import { Phrase, Typed } from '../../shared/ui/Typed.js';
import { useLoad } from './use-load.js';

export function DeviceLine({ deviceId }: { deviceId: string }) {
  const device = useLoad(deviceId, (session) => getDevice(session, deviceId));
  const view = device.state === 'ok' ? device.value : null;
  const kind = view ? known(`kind.${view.kind}`) : null;
  return (
    <p class="detail-device" data-testid="detail-device" data-online={view ? String(view.online) : undefined}>
      <span class="record-title">{t('detail.device')}</span>
      {kind ? <span class="device-kind">{kind}</span> : null}
      <span class="device-id">{kind ? deviceId : t('row.device', { id: deviceId })}</span>
      {view?.room ? <Phrase class="device-room" k="detail.deviceRoom" vars={{ room: <Typed class="room" value={view.room} /> }} /> : null}
      {view ? <span class={view.online ? 'device-online' : 'device-offline warn'}>{t(view.online ? 'detail.deviceOnline' : 'detail.deviceOffline')}</span> : null}
      {typeof view?.battery === 'number' ? <span class="device-battery">{t('row.battery', { n: Math.round(view.battery) })}</span> : null}
      {view?.lastSeenAt ? <span class="clock">{t('detail.lastSeen', { time: formatDateTime(view.lastSeenAt) })}</span> : null}
    </p>
  );
}
