// How current the desk's picture is: the live link's state and the gateway's heartbeat (every 5 s; none for 15 s
// means what is on screen may be stale). Read by the top bar's indicator, the banners and the queue.

import { computed } from '@preact/signals';
import { link, now, pulse, pulseRev, token } from '../state/desk-state.js';

export type PulseMode = 'ok' | 'waiting' | 'stale' | 'down';

/** The link is up but no heartbeat came for 15 s. */
export const heartbeatStale = computed(() => {
  void pulseRev.value;
  return token.value !== null && link.value.up && pulse.isStale(now.value);
});

/** Link down or heartbeat stale: the queue is faded. */
export const pictureOutdated = computed(() => token.value !== null && (!link.value.up || heartbeatStale.value));

export const pulseMode = computed<PulseMode>(() => {
  void pulseRev.value;
  if (!link.value.up) return 'down';
  if (heartbeatStale.value) return 'stale';
  return pulse.last() ? 'ok' : 'waiting';
});
