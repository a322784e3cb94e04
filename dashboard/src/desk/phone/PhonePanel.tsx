// The incoming-call panel, docked at the side of the desk so the queue stays in sight (a P1 raised from the call
// appears there while the operator is still on the line): the number field that searches as it is typed, the hits,
// the chosen elder's record, and the call form. Opened by F2, the header's button, or a ringing call the PBX
// announced (its number and line filled in, the gateway's matches shown at once). Not a modal dialog: the queue's
// keys and the alarm banner keep working beside it.

import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { ElderLookupItem } from '../../../../schemas/index.js';
import { t } from '../../shared/i18n.js';
import { Typed } from '../../shared/ui/Typed.js';
import { finishPhoneCall, hidePhonePanel, phoneDraftDirty, phonePanel, phonePanelShown, ringing, takeRinging, type PhonePanelOpening } from '../state/phone-state.js';
import { CallerRecord } from './CallerRecord.js';
import { CallForm } from './CallForm.js';
import { lineLabel } from './call-labels.js';
import { LookupHits } from './LookupHits.js';
import { useLookup } from './use-lookup.js';
import { usePanelHeight } from './use-panel-height.js';
import '../../styles/phone.css';

function RingingStrip() {
  const next = ringing.value;
  if (!next) return null;
  return (
    <div class="ringing-strip" role="alert" data-testid="phone-ringing">
      <span>
        {t('phone.anotherCall')} <Typed class="phone" value={next.number} /> {next.line ? lineLabel(next.line) : ''}
      </span>
      <button type="button" class="small" data-testid="phone-take-ringing" onClick={takeRinging}>
        {t('phone.takeCall')}
      </button>
    </div>
  );
}

function PhoneCall({ opening, shown }: { opening: PhonePanelOpening; shown: boolean }) {
  const [number, setNumber] = useState(opening.number);
  // a ringing call whose number belongs to one elder only: chosen at once, one click less on a busy line
  const [chosen, setChosen] = useState<ElderLookupItem | null>(opening.matches.length === 1 ? (opening.matches[0] ?? null) : null);
  const lookup = useLookup(number, opening.matches);
  const field = useRef<HTMLInputElement>(null);
  const panel = useRef<HTMLElement>(null);
  const height = usePanelHeight(panel);

  // before the browser paints: the operator types right after F2, and no key may land elsewhere meanwhile
  useLayoutEffect(() => {
    if (shown && !chosen) field.current?.focus();
  }, [shown]);

  return (
    <aside
      ref={panel}
      class="phone-panel"
      data-testid="phone-panel"
      hidden={!shown}
      aria-labelledby="phone-heading"
      style={height === null ? undefined : { maxHeight: `${height}px` }}
      onInput={() => (phoneDraftDirty.value = true)}
    >
      <div class="phone-top">
        <h2 id="phone-heading">
          {t('phone.heading')}
          {opening.line ? <span class="line-chip">{lineLabel(opening.line)}</span> : null}
        </h2>
        <div class="phone-top-buttons">
          <button type="button" class="small" data-testid="phone-hide" title={t('phone.hideTitle')} onClick={hidePhonePanel}>
            {t('phone.hide')}
          </button>
          <button type="button" class="small" data-testid="phone-discard" onClick={finishPhoneCall}>
            {t('phone.discard')}
          </button>
        </div>
      </div>
      <RingingStrip />
      <label class="number-field">
        {t('phone.number')}
        <input
          ref={field}
          type="search"
          inputMode="tel"
          autoComplete="off"
          data-testid="phone-number"
          maxLength={100}
          placeholder={t('phone.numberPlaceholder')}
          value={number}
          onInput={(ev) => setNumber(ev.currentTarget.value)}
        />
      </label>
      {chosen ? (
        <CallerRecord key={chosen.id} item={chosen} onChange={() => setChosen(null)} />
      ) : (
        <LookupHits lookup={lookup} onChoose={setChosen} />
      )}
      <CallForm opening={opening} number={number} elder={chosen} />
    </aside>
  );
}

export function PhonePanel() {
  const opening = phonePanel.value;
  if (!opening) return null;
  // keyed by the opening: every call starts from a fresh form
  return <PhoneCall key={opening.serial} opening={opening} shown={phonePanelShown.value} />;
}
