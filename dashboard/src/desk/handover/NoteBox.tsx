// The outgoing operator's note for the next shift (POST /handover/notes): saved with their name and the time, it
// appears among the shift's notes at once and in the next shift's handover. Not printed: the sheet shows it saved.

import { useState } from 'preact/hooks';
import { addHandoverNote } from '../../shared/api.js';
import { t } from '../../shared/i18n.js';
import { FormError } from '../../shared/ui/FormError.js';
import { withSession } from '../phone/phone-request.js';
import { usePhoneAction } from '../phone/use-phone-action.js';
import { showNotice } from '../state/desk-state.js';

export function NoteBox({ onSaved }: { onSaved: () => void }) {
  const [text, setText] = useState('');
  const { busy, error, run } = usePhoneAction();

  function save(ev: Event) {
    ev.preventDefault();
    if (text.trim() === '' || busy) return;
    void run(async () => {
      await withSession((session) => addHandoverNote(session, text));
      setText('');
      showNotice('handover.saved');
      onSaved();
    });
  }

  return (
    <form class="handover-write" data-testid="handover-write" onSubmit={save}>
      <label for="handover-note">{t('handover.write')}</label>
      <textarea id="handover-note" data-testid="handover-note" rows={3} maxLength={2000} value={text} placeholder={t('handover.writePlaceholder')} onInput={(ev) => setText(ev.currentTarget.value)} />
      <FormError error={error} />
      <button type="submit" class="primary" data-testid="handover-save" disabled={busy || text.trim() === ''}>
        {t('handover.save')}
      </button>
    </form>
  );
}
