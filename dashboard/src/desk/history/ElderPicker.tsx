// The history's elder field: type a name or a phone number, pick the elder from the hits (GET /elders/lookup, as
// the telephone finds a caller); once picked the field shows the name with a button to clear it.

import { useState } from 'preact/hooks';
import type { ElderLookupItem } from '../../../../schemas/index.js';
import { t } from '../../shared/i18n.js';
import { Typed } from '../../shared/ui/Typed.js';
import { useLookup } from '../phone/use-lookup.js';

interface ElderPickerProps {
  chosen: { id: string; name: string } | null;
  onChoose: (elder: { id: string; name: string } | null) => void;
}

function Hits({ text, onChoose }: { text: string; onChoose: (item: ElderLookupItem) => void }) {
  const lookup = useLookup(text);
  if (lookup.state === 'idle') return null;
  const items = lookup.items;
  return (
    <ol class="history-hits" data-testid="history-elder-hits" data-state={lookup.state}>
      {lookup.state === 'ok' && items.length === 0 ? <li class="history-hit-none">{t('history.noHits')}</li> : null}
      {items.map((item) => (
        <li key={item.id}>
          <button type="button" class="history-hit" data-testid="history-elder-hit" data-elder-id={item.id} onClick={() => onChoose(item)}>
            <Typed class="hit-name" value={item.name} />
            <Typed class="hit-address" value={item.address} />
            {item.phone ? <Typed class="hit-phone" value={item.phone} /> : null}
          </button>
        </li>
      ))}
    </ol>
  );
}

export function ElderPicker({ chosen, onChoose }: ElderPickerProps) {
  const [text, setText] = useState('');
  if (chosen) {
    return (
      <span class="history-elder-chosen" data-testid="history-elder-chosen" data-elder-id={chosen.id}>
        <Typed class="person" value={chosen.name} />
        <button type="button" class="small" data-testid="history-elder-clear" aria-label={t('history.elderClear')} title={t('history.elderClear')} onClick={() => onChoose(null)}>
          ×
        </button>
      </span>
    );
  }
  return (
    <span class="history-elder-field">
      <input
        type="search"
        data-testid="history-elder"
        value={text}
        placeholder={t('history.elderPlaceholder')}
        autocomplete="off"
        onInput={(ev) => setText(ev.currentTarget.value)}
      />
      <Hits
        text={text}
        onChoose={(item) => {
          setText('');
          onChoose({ id: item.id, name: item.name });
        }}
      />
    </span>
  );
}
