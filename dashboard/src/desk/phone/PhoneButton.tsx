// The header's button for the incoming-call panel, with its key, for the operator who reaches for the mouse; it
// rings (in words and colour) while a call waits beside a draft.

import { t } from '../../shared/i18n.js';
import { phonePanelShown, ringing, showPhonePanel } from '../state/phone-state.js';
import { PHONE_KEY } from './use-phone-key.js';

export function PhoneButton() {
  const waiting = ringing.value !== null;
  return (
    <button
      type="button"
      class={waiting ? 'tool phone-button ringing' : 'tool phone-button'}
      data-testid="phone-button"
      aria-pressed={phonePanelShown.value}
      aria-keyshortcuts={PHONE_KEY}
      onClick={() => showPhonePanel()}
    >
      {t(waiting ? 'phone.buttonRinging' : 'phone.button')} <kbd>{PHONE_KEY}</kbd>
    </button>
  );
}
