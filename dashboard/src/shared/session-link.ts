// The live link of a signed-in session, opened alike by the desk and the responder page: the page's link signal
// starts as up and follows the link, the pulse starts afresh, the link re-checks the token after a silence and ends
// the session when the gateway no longer accepts it.

import type { Signal } from '@preact/signals';
import { tokenStillValid } from './api.js';
import { openLiveLink, type LinkState, type LiveLink, type LiveLinkOptions } from './live-link.js';
import { SILENT_RECONNECT_MS, type Pulse } from './pulse.js';

export interface SessionLinkOptions {
  token: string;
  link: Signal<LinkState>;
  pulse: Pulse;
  /** Tells the page the pulse changed. */
  bumpPulse: () => void;
  onEvent: LiveLinkOptions['onEvent'];
  /** The gateway refused the token: the page ends the session. */
  onExpired: () => void;
}

export function openSessionLink({ token, link, pulse, bumpPulse, onEvent, onExpired }: SessionLinkOptions): LiveLink {
  link.value = { up: true, retryAt: null };
  pulse.alive();
  bumpPulse();
  return openLiveLink({
    token,
    onEvent,
    onLink: (state) => (link.value = state),
    onTokenRejected: onExpired,
    checkToken: () => tokenStillValid(token),
    silenceMs: SILENT_RECONNECT_MS,
  });
}
