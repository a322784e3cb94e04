// The shift handover (交接班): the summary of the last shift, laid out to be read aloud or printed (window.print(),
// with its own print sheet in handover.css: no tabs, banners or buttons, black on white, A4), and the box where the
// outgoing operator leaves a note for the next shift.

import { useState } from 'preact/hooks';
import { errorMessage } from '../../shared/api.js';
import { formatDateTime, t } from '../../shared/i18n.js';
import { ListStatus } from '../../shared/ui/ListStatus.js';
import { HandoverSheet } from './HandoverSheet.js';
import { NoteBox } from './NoteBox.js';
import { useHandover } from './use-handover.js';
import '../../styles/handover.css';

const SHIFT_HOURS = [8, 12, 24] as const;

export function HandoverView() {
  const [hours, setHours] = useState<number>(12);
  const [refresh, setRefresh] = useState(0);
  const loaded = useHandover(hours, refresh);
  const handover = loaded.state === 'ok' ? loaded.value : loaded.last;
  return (
    <section class="handover-view" data-testid="handover-view" data-state={loaded.state} aria-labelledby="handover-heading">
      <div class="handover-head">
        <h2 id="handover-heading">{t('handover.heading')}</h2>
        <div class="handover-controls">
          <label>
            {t('handover.shift')}
            <select data-testid="handover-hours" value={String(hours)} onChange={(ev) => setHours(Number(ev.currentTarget.value))}>
              {SHIFT_HOURS.map((n) => (
                <option key={n} value={String(n)}>
                  {t('handover.hours', { n })}
                </option>
              ))}
            </select>
          </label>
          <button type="button" class="small" data-testid="handover-refresh" onClick={() => setRefresh((n) => n + 1)}>
            {t('handover.refresh')}
          </button>
          <button type="button" class="primary" data-testid="handover-print" disabled={!handover} onClick={() => window.print()}>
            {t('handover.print')}
          </button>
        </div>
        {handover ? <p class="handover-printed">{t('handover.asOf', { time: formatDateTime(handover.until) })}</p> : null}
      </div>
      <ListStatus failed={loaded.state === 'failed' ? errorMessage(loaded.error) : null} loading={loaded.state === 'loading' && !handover} empty={null} />
      <div class="handover-columns">
        {handover ? <HandoverSheet handover={handover} /> : null}
        <NoteBox onSaved={() => setRefresh((n) => n + 1)} />
      </div>
    </section>
  );
}
