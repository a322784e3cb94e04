// The contacts in calling order, each with name, relation, phone and whether to notify on an alarm, and one legal
// guardian chosen among them (a radio: at most one, as the record allows) or none.

import { t } from '../../../shared/i18n.js';
import type { ContactRow } from './record-form.js';

const MAX_CONTACTS = 10;

interface ContactsFieldProps {
  contacts: ContactRow[];
  guardian: number | null;
  onChange: (contacts: ContactRow[], guardian: number | null) => void;
}

export function ContactsField({ contacts, guardian, onChange }: ContactsFieldProps) {
  const set = (i: number, change: Partial<ContactRow>) => onChange(contacts.map((c, j) => (j === i ? { ...c, ...change } : c)), guardian);
  function remove(i: number) {
    const next = contacts.filter((_, j) => j !== i);
    // the guardian stays the same person when someone above them is removed
    onChange(next, guardian === null || guardian === i ? null : guardian > i ? guardian - 1 : guardian);
  }
  return (
    <div class="record-contacts" data-testid="record-contacts">
      {contacts.map((c, i) => (
        <fieldset key={i} class="record-contact" data-testid="record-contact">
          <span class="contact-order">{i + 1}</span>
          <label>
            <span>{t('record.contactName')}</span>
            <input data-testid="contact-name" maxLength={100} value={c.name} onInput={(ev) => set(i, { name: ev.currentTarget.value })} />
          </label>
          <label>
            <span>{t('record.contactRelation')}</span>
            <input data-testid="contact-relation" maxLength={40} value={c.relation} onInput={(ev) => set(i, { relation: ev.currentTarget.value })} />
          </label>
          <label>
            <span>{t('record.contactPhone')}</span>
            <input data-testid="contact-phone" inputMode="tel" maxLength={40} value={c.phone} onInput={(ev) => set(i, { phone: ev.currentTarget.value })} />
          </label>
          <div class="contact-flags">
            <label class="check">
              <input type="radio" name="guardian" data-testid="contact-guardian" checked={guardian === i} onChange={() => onChange(contacts, i)} />
              <span>{t('record.contactGuardian')}</span>
            </label>
            <label class="check">
              <input type="checkbox" data-testid="contact-notify" checked={c.notify} onChange={(ev) => set(i, { notify: ev.currentTarget.checked })} />
              <span>{t('record.contactNotify')}</span>
            </label>
            <button type="button" class="small" data-testid="contact-remove" onClick={() => remove(i)}>
              {t('record.contactRemove')}
            </button>
          </div>
        </fieldset>
      ))}
      <div class="record-contacts-foot">
        <label class="check">
          <input type="radio" name="guardian" data-testid="contact-no-guardian" checked={guardian === null} onChange={() => onChange(contacts, null)} />
          <span>{t('record.noGuardian')}</span>
        </label>
        <button
          type="button"
          class="small"
          data-testid="contact-add"
          disabled={contacts.length >= MAX_CONTACTS}
          onClick={() => onChange([...contacts, { name: '', relation: '', phone: '', notify: false }], guardian)}
        >
          {t('record.contactAdd')}
        </button>
      </div>
    </div>
  );
}
