// The life-safety banner: shown on every tab while a P1 is unacknowledged, flashing, saying how many (and how many
// the queue's filters hide). A click opens the queue with those alerts in view. data-alarm says what the desk does
// about it: on (beeping), muted (the operator's choice) or off (nothing unacknowledged). A browser that blocks the
// sound gets the large prompt under this banner (EnableSoundPrompt.tsx).

import { t } from '../../shared/i18n.js';
import { soundState } from '../../shared/sound.js';
import { showTab, tab } from '../header/tab-choice.js';
import { clearQueueFilter } from '../queue/queue-filter.js';
import { hiddenUnacknowledged } from '../queue/shown-alerts.js';
import { unacknowledgedLifeSafety } from './alarm.js';

function showInQueue() {
  showTab('queue');
  if (hiddenUnacknowledged.value > 0) clearQueueFilter();
}

export function UnackBanner() {
  const count = unacknowledgedLifeSafety.value;
  const hidden = hiddenUnacknowledged.value;
  const { muted } = soundState.value;
  const elsewhere = tab.value !== 'queue' || hidden > 0;
  return (
    <div
      class="banner banner-unack"
      data-testid="unack-banner"
      role="alert"
      hidden={count === 0}
      data-alarm={count === 0 ? 'off' : muted ? 'muted' : 'on'}
      onClick={elsewhere ? showInQueue : undefined}
    >
      <span>{count > 1 ? t('banner.unackCount', { n: count }) : t('banner.unack')}</span>
      {hidden > 0 ? <span class="unack-hidden" data-testid="unack-hidden">{t('banner.unackHidden', { n: hidden })}</span> : null}
      {elsewhere && count > 0 ? (
        <button type="button" class="banner-action" data-testid="unack-show">
          {t('banner.unackShow')}
        </button>
      ) : null}
    </div>
  );
}
