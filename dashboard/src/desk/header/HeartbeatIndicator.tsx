// The top bar's pulse: ok, waiting for the first heartbeat, stale (none for 15 s), or the link is down.

import { formatTime, t } from '../../shared/i18n.js';
import { pulseMode } from '../banners/link-health.js';
import { pulse, pulseRev } from '../state/desk-state.js';

export function HeartbeatIndicator() {
  void pulseRev.value;
  const mode = pulseMode.value;
  const last = pulse.last();
  const title = last?.at ? t('pulse.title', { time: formatTime(last.at), n: last.desksWatching ?? '?' }) : t('pulse.titleNone');
  return (
    <span class="pulse" data-testid="heartbeat-indicator" data-state={mode} role="status" title={title}>
      {t(`pulse.${mode}`)}
    </span>
  );
}
