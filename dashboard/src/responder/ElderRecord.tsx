// The elder's record as a person going there needs it: the access notes first (they decide whether the responder
// gets in at all), the emergency contacts in calling order with tap-to-call links, and the medical notes.
// Everything from the server goes in as text; a phone number becomes a tel: link holding only the characters a
// dialler uses, so no other URL scheme can get in.

import type { Elder } from '../../../schemas/index.js';
import { known, t } from '../shared/i18n.js';
import { Typed } from '../shared/ui/Typed.js';
import type { RecordState } from './state.js';

/** "tel:+8613900000001" from what was typed ("139 0000 0001"), or null when nothing diallable is left. */
export function telHref(phone: string): string | null {
  const digits = phone.replace(/[^\d+*#]/g, '');
  return /\d/.test(digits) ? `tel:${digits}` : null;
}

/** A tap-to-call link showing the number; plain text when the number holds nothing to dial. */
export function CallLink({ phone, testid, label }: { phone: string; testid: string; label?: string }) {
  const href = telHref(phone);
  const content = (
    <>
      {label ? <span class="call-label">{label}</span> : null}
      <Typed class="phone" value={phone} />
    </>
  );
  return href ? (
    <a class="call" href={href} data-testid={testid}>
      {content}
    </a>
  ) : (
    <span class="call" data-testid={testid}>
      {content}
    </span>
  );
}

function Notes({ text, testid, part }: { text: string; testid: string; part: 'access' | 'medical' }) {
  const value = text.trim();
  return (
    <section class={`record-part record-${part}`} data-testid={testid}>
      <h3 class="record-title">{t(`detail.${part}`)}</h3>
      {value ? <Typed class="note record-text" value={value} /> : <span class="record-none">{t('detail.none')}</span>}
    </section>
  );
}

function Contacts({ contacts }: { contacts: Elder['contacts'] }) {
  return (
    <section class="record-part" data-testid="elder-contacts">
      <h3 class="record-title">{t('detail.contacts')}</h3>
      {contacts.length === 0 ? (
        <span class="record-none">{t('detail.noContacts')}</span>
      ) : (
        <ol class="contact-list">
          {contacts.map((contact, i) => (
            <li key={i} class="contact" data-testid="elder-contact">
              <span class="contact-who">
                <Typed class="contact-name" value={contact.name} />
                <Typed class="contact-relation" value={contact.relation} />
              </span>
              <CallLink phone={contact.phone} testid="contact-call" />
              {contact.notify ? <span class="contact-notify">{t('detail.notify')}</span> : null}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

/** The record under an alert or an unfolded task: the elder's own number as a big call button, then the rest. */
export function RecordBlock({ record }: { record: RecordState | undefined }) {
  if (record === undefined || record === 'loading') return <p class="record-status">{t('r.loadingRecord')}</p>;
  if (record instanceof Error) return <p class="record-status warn">{t('r.recordFailed')}</p>;
  const risk = known(`risk.${record.riskCategory}`);
  return (
    <div class="r-record">
      {record.phone ? <CallLink phone={record.phone} testid="elder-call" label={t('r.callElder')} /> : null}
      <div class="elder-record" data-testid="elder-record">
        {risk ? (
          <dl class="record-facts">
            <dt>{t('detail.risk')}</dt>
            <dd>
              <span class="risk">{risk}</span>
            </dd>
          </dl>
        ) : null}
        <Notes text={record.accessNotes} testid="elder-access" part="access" />
        <Contacts contacts={record.contacts} />
        <Notes text={record.medicalNotes} testid="elder-medical" part="medical" />
      </div>
    </div>
  );
}
