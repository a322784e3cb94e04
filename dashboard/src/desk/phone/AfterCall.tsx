// What the panel says once the call is on record but something is left for the operator to see or do, instead of
// closing at once: the elder must be visited in person, so the phone check was saved without counting as the
// month's visit; or the caller is nobody registered yet, and may be registered as a new elder now, from the call.
// 完成 closes the panel (with the usual notice); registering closes it too.

import { useState } from 'preact/hooks';
import type { CallView } from '../../../../schemas/index.js';
import type { MessageRef } from '../../shared/api.js';
import { t } from '../../shared/i18n.js';
import { RegisterElderDialog } from '../calls/RegisterElderDialog.js';
import { showNotice } from '../state/desk-state.js';
import { finishPhoneCall } from '../state/phone-state.js';

/** True when the panel should stay open on the saved call rather than close. */
export const somethingLeft = (call: CallView, visitRefused: boolean) => visitRefused || call.elder === null;

export function AfterCall({ call, done, visitRefused }: { call: CallView; done: MessageRef; visitRefused: boolean }) {
  const [registering, setRegistering] = useState(false);
  return (
    <div class="call-bar after-call" data-testid="after-call">
      <p class="phone-saved">{t(done[0], done[1])}</p>
      {visitRefused ? (
        <p class="form-error" data-testid="visit-refused" role="alert">
          {t('phone.error.visitNotAllowed')}
          <br />
          {t('phone.visitRefusedSaved')}
        </p>
      ) : null}
      {call.elder === null ? <p class="phone-hint">{t('phone.unregistered')}</p> : null}
      <div class="call-actions">
        {call.elder === null ? (
          <button type="button" data-testid="after-register" onClick={() => setRegistering(true)}>
            {t('calls.register')}
          </button>
        ) : null}
        <button
          type="button"
          class="primary"
          data-testid="after-finish"
          onClick={() => {
            showNotice(done[0], done[1]);
            finishPhoneCall();
          }}
        >
          {t('phone.finish')}
        </button>
      </div>
      {registering ? (
        <RegisterElderDialog
          call={call}
          onRegistered={({ elder }) => {
            showNotice('calls.registered', { name: elder.name });
            finishPhoneCall();
          }}
          onClose={() => setRegistering(false)}
        />
      ) : null}
    </div>
  );
}
