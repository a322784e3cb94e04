// The elder's record as a person going there needs it (GET /elders/:id): who and where, the phone, the access notes
// (key safe, door code, the dog) first because they decide whether the responder gets in at all, the emergency
// contacts in calling order with tap-to-call links, and the medical notes. Name and address come with the alert,
// so they show at once; the rest follows the request. Everything from the server goes in as text.

import { getElder } from '../../shared/api.js';
import { known, t } from '../../shared/i18n.js';
import { Typed } from '../../shared/ui/Typed.js';
import type { Elder } from '../../../../schemas/index.js';
import type { Alert } from '../state/alert-book.js';
import { regions } from '../state/desk-state.js';
import { LoadStatus } from './LoadStatus.js';
import { telHref } from './tel-href.js';
import { useLoad } from './use-load.js';

/** A tap-to-call link showing the number as typed; plain text when it holds nothing to dial. */
function CallLink({ phone, testid }: { phone: string; testid: string }) {
  const href = telHref(phone);
  const number = <Typed class="phone" value={phone} />;
  return href ? (
    <a class="call" href={href} data-testid={testid}>
      {number}
    </a>
  ) : (
    <span class="call" data-testid={testid}>
      {number}
    </span>
  );
}

function RecordNotes({ kind, text, testid }: { kind: 'access' | 'medical'; text: string; testid: string }) {
  const value = text.trim();
  return (
    <section class={`record-part record-${kind}`} data-testid={testid}>
      <h4 class="record-title">{t(`detail.${kind}`)}</h4>
      {value ? <Typed class="note record-text" value={value} /> : <span class="record-none">{t('detail.none')}</span>}
    </section>
  );
}

function Contacts({ contacts }: { contacts: Elder['contacts'] }) {
  return (
    <section class="record-part" data-testid="elder-contacts">
      <h4 class="record-title">{t('detail.contacts')}</h4>
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

function RecordBody({ elder }: { elder: Elder }) {
  const risk = known(`risk.${elder.riskCategory}`);
  const community = regions.value.get(elder.regionId)?.name ?? null;
  return (
    <div class="elder-record" data-testid="elder-record">
      <dl class="record-facts">
        {elder.phone ? (
          <>
            <dt>{t('detail.phone')}</dt>
            <dd>
              <CallLink phone={elder.phone} testid="elder-call" />
            </dd>
          </>
        ) : null}
        {risk ? (
          <>
            <dt>{t('detail.risk')}</dt>
            <dd>
              <span class="risk">{risk}</span>
            </dd>
          </>
        ) : null}
        {community ? (
          <>
            <dt>{t('detail.community')}</dt>
            <dd>
              <Typed class="region-name" value={community} />
            </dd>
          </>
        ) : null}
      </dl>
      <RecordNotes kind="access" text={elder.accessNotes} testid="elder-access" />
      <Contacts contacts={elder.contacts} />
      <RecordNotes kind="medical" text={elder.medicalNotes} testid="elder-medical" />
    </div>
  );
}

export function ElderRecord({ elder }: { elder: Alert['elder'] }) {
  const record = useLoad(elder.id, (session) => getElder(session, elder.id));
  return (
    <div class="detail-record" data-testid="detail-record">
      <p class="detail-who">
        <Typed class="elder-name" testid="elder-name" value={elder.name} />
        <Typed class="elder-address" value={elder.address} />
      </p>
      {record.state === 'ok' ? <RecordBody elder={record.value} /> : <LoadStatus loaded={record} />}
    </div>
  );
}
