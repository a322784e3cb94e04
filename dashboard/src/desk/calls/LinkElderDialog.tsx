// Links a call from somebody nobody knew yet to an elder found since (POST /calls/:id/link): the same search as the
// incoming-call panel, in a small modal dialog over the call log.

import { useState } from 'preact/hooks';
import type { CallView, ElderLookupItem } from '../../../../schemas/index.js';
import { linkCallToElder } from '../../shared/api.js';
import { t } from '../../shared/i18n.js';
import { FormError } from '../../shared/ui/FormError.js';
import { Typed } from '../../shared/ui/Typed.js';
import { useModal } from '../../shared/ui/use-modal.js';
import { LookupHits } from '../phone/LookupHits.js';
import { withSession } from '../phone/phone-request.js';
import { usePhoneAction } from '../phone/use-phone-action.js';
import { useLookup } from '../phone/use-lookup.js';

export function LinkElderDialog({ call, onLinked, onClose }: { call: CallView; onLinked: () => void; onClose: () => void }) {
  const ref = useModal();
  const [text, setText] = useState(call.callerName ?? call.callerNumber ?? '');
  const { busy, error, run } = usePhoneAction();
  const lookup = useLookup(text);

  const link = (item: ElderLookupItem) =>
    run(async () => {
      await withSession((session) => linkCallToElder(session, call.id, item.id));
      onLinked();
      onClose();
    });

  return (
    <dialog ref={ref} class="form-dialog wide link-dialog" data-testid="link-dialog" onClose={onClose}>
      <div class="dialog-top">
        <h2>{t('calls.linkHeading')}</h2>
        <button type="button" data-testid="link-cancel" onClick={onClose}>
          {t('form.back')}
        </button>
      </div>
      <p class="dialog-for">
        <Typed value={[call.callerName, call.address, call.callerNumber].filter(Boolean).join(' · ')} />
      </p>
      <label>
        {t('phone.number')}
        <input type="search" data-testid="link-search" value={text} placeholder={t('phone.numberPlaceholder')} onInput={(ev) => setText(ev.currentTarget.value)} />
      </label>
      <fieldset class="link-hits" disabled={busy}>
        <LookupHits lookup={lookup} onChoose={(item) => void link(item)} />
      </fieldset>
      <FormError error={error} />
    </dialog>
  );
}
