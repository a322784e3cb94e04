// Device messages the gateway refused or salvaged (GET /api/v1/dead-letters), newest first: a firmware that sends
// seconds for milliseconds, or a sensor with a field too many, is seen here on the day it is installed, not the day
// an alarm goes missing. Loaded when the view opens and on "refresh"; narrowed by reason. A salvaged life-safety
// event still raised its alarm: the row says so, and the alert carries the defects too.

import { useState } from 'preact/hooks';
import type { DeadLetterReason, DeadLetterView } from '../../../../schemas/index.js';
import { listDeadLetters } from '../../shared/api.js';
import { known, t } from '../../shared/i18n.js';
import { LoadStatus } from '../detail/LoadStatus.js';
import { useLoad } from '../detail/use-load.js';
import { regions } from '../state/desk-state.js';
import '../../styles/letters.css';

// Every reason, as a record so that the compiler finds a reason added to the schema and missing here (importing the
// schema's list itself would bring zod into the page).
const REASONS = Object.keys({
  salvaged: true,
  payload_invalid: true,
  payload_not_json: true,
  payload_not_utf8: true,
  payload_too_large: true,
  channel_not_for_kind: true,
  duplicate_msg_id_other_type: true,
  offline_not_will: true,
  unknown_device: true,
} satisfies Record<DeadLetterReason, true>) as DeadLetterReason[];

/** What the payload began with, as text where it is text; a device's bytes are shown, never interpreted. */
function excerptText(base64: string): string {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: false }).decode(Uint8Array.from(atob(base64), (c) => c.charCodeAt(0)));
  } catch {
    return '';
  }
  return text.length > 160 ? `${text.slice(0, 160)}…` : text;
}

const timeText = (iso: string) => new Date(iso).toLocaleString(document.documentElement.lang || 'zh-CN', { hour12: false });

function LetterRow({ letter }: { letter: DeadLetterView }) {
  const region = letter.regionId ? regions.value.get(letter.regionId)?.name : undefined;
  return (
    <tr data-testid="dead-letter" data-reason={letter.reason} class={letter.reason === 'salvaged' ? 'salvaged' : undefined}>
      <td class="at">{timeText(letter.receivedAt)}</td>
      <td class="device">
        <span class="typed">{letter.deviceId}</span>
        {region ? <span class="region typed">{region}</span> : null}
      </td>
      <td class="reason">{known(`letters.reason.${letter.reason}`) ?? letter.reason}</td>
      <td class="detail">
        {letter.detail ? <span class="typed">{letter.detail}</span> : null}
        <code class="typed excerpt">{excerptText(letter.payloadExcerpt)}</code>
      </td>
    </tr>
  );
}

export function DeadLetters() {
  const [reason, setReason] = useState('');
  const [round, setRound] = useState(0);
  const loaded = useLoad(`letters:${reason}:${round}`, (session) => listDeadLetters(session, reason || undefined));
  const items = loaded.state === 'ok' ? loaded.value.items : [];
  return (
    <section class="dead-letters" data-testid="dead-letters" aria-labelledby="letters-heading">
      <header class="board-head">
        <h2 id="letters-heading">{t('letters.heading')}</h2>
        <p class="letters-hint">{t('letters.hint')}</p>
        <div class="board-filters">
          <label>
            <span>{t('letters.filter.reason')}</span>
            <select data-testid="letters-filter-reason" value={reason} onChange={(ev) => setReason(ev.currentTarget.value)}>
              <option value="">{t('letters.filter.all')}</option>
              {REASONS.map((r) => (
                <option key={r} value={r}>
                  {known(`letters.reason.${r}`) ?? r}
                </option>
              ))}
            </select>
          </label>
          <button type="button" data-testid="letters-refresh" onClick={() => setRound((n) => n + 1)}>
            {t('letters.refresh')}
          </button>
        </div>
      </header>
      <LoadStatus loaded={loaded} />
      {loaded.state === 'ok' && items.length === 0 ? <p class="letters-empty">{t('letters.empty')}</p> : null}
      {items.length > 0 ? (
        <table class="letters-table">
          <thead>
            <tr>
              <th>{t('letters.col.at')}</th>
              <th>{t('letters.col.device')}</th>
              <th>{t('letters.col.reason')}</th>
              <th>{t('letters.col.detail')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((letter) => (
              <LetterRow key={letter.seq} letter={letter} />
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
