// How much the page can be trusted right now, said honestly: a banner while the live link is down (with the
// reconnect countdown), another when the gateway has been silent for 15 s, and the pulse dot in the top bar.
// They follow the clock (`now`) without being told.

import { formatTime, t } from '../shared/i18n.js';
import { link, linkMode, me, now, pulse, pulseRev } from './state.js';

export function LiveBanner() {
  const { up, retryAt } = link.value;
  if (!me.value || up) return null;
  const seconds = retryAt ? Math.ceil((retryAt - now.value) / 1000) : 0;
  return (
    <div class="banner banner-link" data-testid="live-banner" role="status">
      {seconds > 0 ? t('banner.liveRetry', { s: seconds }) : t('banner.liveDown')}
    </div>
  );
}

export function StaleBanner() {
  if (!me.value || linkMode.value !== 'stale') return null;
  return (
    <div class="banner banner-stale" data-testid="stale-banner" role="status">
      {t('banner.stale', { s: Math.floor((pulse.silentFor(now.value) ?? 0) / 1000) })}
    </div>
  );
}

/** The dot in the top bar; its words stay for screen readers when the phone shows only the dot. */
export function PulseIndicator() {
  if (!me.value) return null;
  const mode = linkMode.value;
  void pulseRev.value; // every heartbeat: the title tells its time
  const beat = pulse.last();
  const title = beat?.at ? t('pulse.title', { time: formatTime(beat.at), n: beat.desksWatching ?? 0 }) : t('pulse.titleNone');
  return (
    <span class="pulse" data-testid="heartbeat-indicator" data-state={mode} role="status" title={title}>
      {t(`pulse.${mode}`)}
    </span>
  );
}
