// The banners about the desk's own health: the live link is down (with the countdown to the next try), no
// heartbeat for 15 s, the gateway's store cannot write.

import { formatTime, t } from '../../shared/i18n.js';
import { link, now, pulse, pulseRev, storeFailingSince, token } from '../state/desk-state.js';
import { heartbeatStale } from './link-health.js';

export function LiveBanner() {
  const { up, retryAt } = link.value;
  const shown = token.value !== null && !up;
  const seconds = shown && retryAt ? Math.ceil((retryAt - now.value) / 1000) : 0;
  return (
    <div class="banner banner-link" data-testid="live-banner" role="status" hidden={!shown}>
      {shown ? (seconds > 0 ? t('banner.liveRetry', { s: seconds }) : t('banner.liveDown')) : ''}
    </div>
  );
}

export function StaleBanner() {
  void pulseRev.value;
  const shown = heartbeatStale.value;
  return (
    <div class="banner banner-stale" data-testid="stale-banner" role="status" hidden={!shown}>
      {shown ? t('banner.stale', { s: Math.floor((pulse.silentFor(now.value) ?? 0) / 1000) }) : ''}
    </div>
  );
}

export function StoreBanner() {
  const since = token.value !== null ? storeFailingSince.value : null;
  return (
    <div class="banner banner-store" data-testid="store-banner" role="alert" hidden={!since}>
      {since ? t('banner.storeFailing', { time: formatTime(since) }) : ''}
    </div>
  );
}
