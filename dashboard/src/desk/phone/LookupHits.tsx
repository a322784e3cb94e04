// The lookup's hits under the number field, best first: each says who (large), what matched (号码, 联系人号码 with
// whose, 姓名, 地址, 身份证尾号), the address and the phone. A click chooses the elder for the call.

import type { ElderLookupItem } from '../../../../schemas/index.js';
import { t } from '../../shared/i18n.js';
import { Typed } from '../../shared/ui/Typed.js';
import { matchLabel } from './call-labels.js';
import { phoneErrorMessage } from './phone-request.js';
import type { Lookup } from './use-lookup.js';

function Hit({ item, onChoose }: { item: ElderLookupItem; onChoose: (item: ElderLookupItem) => void }) {
  return (
    <li>
      <button type="button" class="lookup-hit" data-testid="lookup-hit" data-elder-id={item.id} onClick={() => onChoose(item)}>
        <span class="hit-main">
          <Typed class="hit-name" value={item.name} />
          <span class="hit-matched" data-testid="lookup-matched">
            {item.matchedOn.map((m) => {
              const label = matchLabel(m);
              return label ? (
                <span key={m} class={`match match-${m}`}>
                  {label}
                </span>
              ) : null;
            })}
          </span>
        </span>
        {item.contact ? (
          <span class="hit-contact">
            {t('phone.hitContact')} <Typed value={item.contact.name} /> · <Typed value={item.contact.relation} />
          </span>
        ) : null}
        <Typed class="hit-address" value={item.address} />
        {item.phone ? <Typed class="hit-phone" value={item.phone} /> : null}
      </button>
    </li>
  );
}

export function LookupHits({ lookup, onChoose }: { lookup: Lookup; onChoose: (item: ElderLookupItem) => void }) {
  if (lookup.state === 'idle') return <p class="phone-hint">{t('phone.searchHint')}</p>;
  const items = lookup.items;
  let status: string | null = null;
  if (lookup.state === 'failed') {
    const [key, vars] = phoneErrorMessage(lookup.error);
    status = t(key, vars);
  } else if (lookup.state === 'ok' && items.length === 0) status = t('phone.noHits');
  return (
    <div class="lookup" data-testid="lookup" data-state={lookup.state}>
      {status ? (
        <p class={lookup.state === 'failed' ? 'phone-hint failed' : 'phone-hint'} role={lookup.state === 'failed' ? 'alert' : undefined}>
          {status}
        </p>
      ) : null}
      {items.length > 0 ? (
        <ol class="lookup-hits" aria-label={t('phone.hits', { n: items.length })}>
          {items.map((item) => (
            <Hit key={item.id} item={item} onChoose={onChoose} />
          ))}
        </ol>
      ) : null}
    </div>
  );
}
