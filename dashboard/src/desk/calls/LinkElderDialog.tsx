// Links a call from somebody nobody knew yet to an elder found since (POST /calls/:id/link): the same search as the
// incoming-call panel, in a small modal dialog over the call log.

import { useEffect, useRef, useState } from 'preact/hooks';
import type { CallView, ElderLookupItem } from '../../../../schemas/index.js';
import { linkCallToElder, type MessageRef } from '../../shared/api.js';
import { t } from '../../shared/i18n.js';
import { Typed } from '../../shared/ui/Typed.js';
import { LookupHits } from '../phone/LookupHits.js';
import { phoneErrorMessage, withSession } from '../phone/phone-request.js';
import { useLookup } from '../phone/use-lookup.js';

export function LinkElderDialog({ call, onLinked, onClose }: { call: CallView; onLinked: () => void; onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const [text, setText] = useState(call.callerName ?? call.callerNumber ?? '');
  const [error, setError] = useState<MessageRef | null>(null);
  const [busy, setBusy] = useState(false);
  const lookup = useLookup(text);

  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => {
      if (dialog?.open) dialog.close();
    };
  }, []);

  async function link(item: ElderLookupItem) {
    setBusy(true);
    setError(null);
    try {
      await withSession((session) => linkCallToElder(session, call.id, item.id));
      onLinked();
      onClose();
    } catch (err) {
      setError(phoneErrorMessage(err));
      setBusy(false);
    }
  }

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
      <p class="form-error" role="alert" hidden={!error}>
        {error ? t(error[0], error[1]) : ''}
      </p>
    </dialog>
  );
}
