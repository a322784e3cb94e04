// The elder's record as a person going there needs it, shown alike on the desk's alert detail and the responder's
// cards: the access notes first (key safe, door code, the dog: they decide whether the responder gets in at all), the
// emergency contacts in calling order with tap-to-call links, and the medical notes; where the home's location is on
// record, links that open a map app there; the legal guardian (监护人) is marked among the contacts. Each page puts
// its own facts (phone, risk, community, who the elder is: ElderIdentityFacts.tsx) above them.
// Everything from the server goes in as text.

import type { ComponentChildren } from 'preact';
import type { Elder } from '../../../../schemas/index.js';
import { known, t } from '../i18n.js';
import { telHref } from '../tel-href.js';
import { MapLinksPart } from './MapLinks.js';
import { Typed } from './Typed.js';
import '../../styles/elder-record.css';

/** The parts' titles follow each page's own heading outline. */
type TitleTag = 'h3' | 'h4';

/** A tap-to-call link showing the number as typed; plain text when it holds nothing to dial. */
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

/** The risk category in words, or null for one this dashboard does not know. */
export function riskText(elder: Elder): string | null {
  return known(`risk.${elder.riskCategory}`);
}

/** One "label: value" pair of the record's facts list. */
export function Fact({ label, children }: { label: string; children: ComponentChildren }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </>
  );
}

function RecordNotes({ kind, text, testid, Title }: { kind: 'access' | 'medical'; text: string; testid: string; Title: TitleTag }) {
  const value = text.trim();
  return (
    <section class={`record-part record-${kind}`} data-testid={testid}>
      <Title class="record-title">{t(`detail.${kind}`)}</Title>
      {value ? <Typed class="note record-text" value={value} /> : <span class="record-none">{t('detail.none')}</span>}
    </section>
  );
}

function Contacts({ contacts, Title }: { contacts: Elder['contacts']; Title: TitleTag }) {
  return (
    <section class="record-part" data-testid="elder-contacts">
      <Title class="record-title">{t('detail.contacts')}</Title>
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
              {contact.guardian ? (
                <span class="contact-guardian" data-testid="contact-guardian">
                  {t('elder.guardian')}
                </span>
              ) : null}
              {contact.notify ? <span class="contact-notify">{t('detail.notify')}</span> : null}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

/**
 * The page's facts, the map links (unless the page shows its own, `mapLinks={false}`), then access notes, contacts
 * and medical notes, each part titled with `titleTag`.
 */
export function ElderRecordParts({ elder, facts, titleTag, mapLinks = true }: { elder: Elder; facts: ComponentChildren; titleTag: TitleTag; mapLinks?: boolean }) {
  return (
    <div class="elder-record" data-testid="elder-record">
      {facts}
      {mapLinks ? <MapLinksPart target={elder} Title={titleTag} /> : null}
      <RecordNotes kind="access" text={elder.accessNotes} testid="elder-access" Title={titleTag} />
      <Contacts contacts={elder.contacts} Title={titleTag} />
      <RecordNotes kind="medical" text={elder.medicalNotes} testid="elder-medical" Title={titleTag} />
    </div>
  );
}
