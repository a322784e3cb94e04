// The tab's title counts the unacknowledged life-safety alarms, "(2) 云监控值班台", so a desk in another window
// still sees them in the taskbar.

import { useSignalEffect } from '@preact/signals';
import { t } from '../../shared/i18n.js';
import { unacknowledgedLifeSafety } from './alarm.js';

export function usePageTitle(): void {
  useSignalEffect(() => {
    const count = unacknowledgedLifeSafety.value;
    document.title = count > 0 ? `(${count}) ${t('app.title')}` : t('app.title');
  });
}
