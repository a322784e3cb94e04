// What the status wall knows about the alert's device, when it matters to the operator: offline (a call to the
// home may be the only way to check), or a battery at or under 20 % that the alert's own context does not already
// give.

import { t } from '../../shared/i18n.js';
import type { Alert } from '../../model/alert-book.js';
import { wallBook } from '../state/desk-wall.js';

const LOW_BATTERY = 20;

export function DeviceWarnings({ alert }: { alert: Alert }) {
  void wallBook.rev.value;
  const device = wallBook.home(alert.elder.id)?.devices.find((d) => d.id === alert.deviceId);
  if (!device) return null;
  const battery = device.battery !== null && device.battery <= LOW_BATTERY && typeof alert.context.battery !== 'number' ? Math.round(device.battery) : null;
  return (
    <>
      {device.online === false ? <span class="warn">{t('row.offline')}</span> : null}
      {battery !== null ? <span class="warn">{t('row.battery', { n: battery })}</span> : null}
    </>
  );
}
