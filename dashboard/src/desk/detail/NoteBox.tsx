// The note box of the alert pane: a free note for the timeline ("family called back"), on an open or a closed
// alert (POST /alerts/:id/notes). Ctrl+Enter or the button sends it; the box empties once the gateway took it, and
// the pane's timeline reads again.

import { useState } from 'preact/hooks';
import { addAlertNote } from '../../shared/api.js';
import { t } from '../../shared/i18n.js';
import { FormError } from '../../shared/ui/FormError.js';
import { withSession } from '../phone/phone-request.js';
import { usePhoneAction } from '../phone/use-phone-action.js';

const MAX_NOTE = 500;

export function NoteBox({ alertId, onAdded }: { alertId: string; onAdded: () => void }) {
  const [text, setText] = useState('');
  const { busy, error, run } = usePhoneAction();
  const empty = text.trim() === '';

  const send = () =>
    run(async () => {
      if (empty) return;
      await withSession((session) => addAlertNote(session, alertId, text));
      setText('');
      onAdded();
    });

  return (
    <form
      class="note-box"
      data-testid="note-box"
      onSubmit={(ev) => {
        ev.preventDefault();
        void send();
      }}
    >
      <label class="note-label" for={`note-${alertId}`}>
        {t('qnote.label')}
      </label>
      <textarea
        id={`note-${alertId}`}
        rows={2}
        maxLength={MAX_NOTE}
        placeholder={t('qnote.placeholder')}
        value={text}
        data-testid="note-input"
        onInput={(ev) => setText(ev.currentTarget.value)}
        onKeyDown={(ev) => {
          if (ev.key === 'Enter' && (ev.ctrlKey || ev.metaKey)) {
            ev.preventDefault();
            void send();
          }
        }}
      />
      <div class="note-bar">
        <span class="note-left">{t('qnote.left', { n: MAX_NOTE - text.length })}</span>
        <button type="submit" class="small" data-testid="note-submit" disabled={busy || empty}>
          {busy ? t('qnote.busy') : t('qnote.add')}
        </button>
      </div>
      <FormError error={error} />
    </form>
  );
}
