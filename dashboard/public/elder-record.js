// The elder's record as a person going there needs it: the emergency contacts in calling order with tap-to-call
// links, the access notes (key safe, door code, the dog) and the medical notes. Used by the desk's detail dialog and
// the responder's alert cards. Everything from the server goes in as text; phone numbers become tel: links holding
// only the characters a dialler uses, so no other URL scheme can get in.

import { known, t } from './i18n.js';
import { el, typed } from './rows.js';

/** "tel:+8613900000001" from what was typed ("139 0000 0001"), or null when nothing diallable is left. */
export function telHref(phone) {
  if (typeof phone !== 'string') return null;
  const digits = phone.replace(/[^\d+*#]/g, '');
  return /\d/.test(digits) ? `tel:${digits}` : null;
}

/** A tap-to-call link showing the number; plain text when the number holds nothing to dial. */
export function callLink(phone, { testid, label } = {}) {
  const href = telHref(phone);
  const node = href ? el('a', 'call') : el('span', 'call');
  if (href) node.href = href;
  if (testid) node.dataset.testid = testid;
  if (label) node.append(el('span', 'call-label', label));
  node.append(typed('phone', phone));
  return node;
}

function section(title, testid) {
  const box = el('section', 'record-part');
  if (testid) box.dataset.testid = testid;
  box.append(el('h3', 'record-title', title));
  return box;
}

function notes(text, testid, className) {
  const box = section(t(`detail.${className}`), testid);
  box.classList.add(`record-${className}`);
  const value = typeof text === 'string' ? text.trim() : '';
  box.append(value ? typed('note record-text', value) : el('span', 'record-none', t('detail.none')));
  return box;
}

/**
 * @param {object} elder the record from GET /elders/:id
 * @param {{ regionName?: string | null, withAddress?: boolean, withPhone?: boolean }} [options]
 * @returns {HTMLElement}
 */
export function elderRecord(elder, { regionName = null, withAddress = false, withPhone = true } = {}) {
  const root = el('div', 'elder-record');
  root.dataset.testid = 'elder-record';

  const facts = el('dl', 'record-facts');
  const fact = (label, value) => {
    facts.append(el('dt', undefined, label));
    const dd = el('dd');
    dd.append(value);
    facts.append(dd);
  };
  if (withAddress) fact(t('detail.address'), typed('elder-address', elder.address));
  if (withPhone && elder.phone) fact(t('detail.phone'), callLink(elder.phone, { testid: 'elder-call' }));
  const risk = known(`risk.${elder.riskCategory}`);
  if (risk) fact(t('detail.risk'), el('span', 'risk', risk));
  if (regionName) fact(t('detail.community'), typed('region-name', regionName));
  if (facts.childElementCount > 0) root.append(facts);

  // the access notes first: they decide whether the responder gets in at all
  root.append(notes(elder.accessNotes, 'elder-access', 'access'));

  const contacts = section(t('detail.contacts'), 'elder-contacts');
  const list = Array.isArray(elder.contacts) ? elder.contacts : [];
  if (list.length === 0) {
    contacts.append(el('span', 'record-none', t('detail.noContacts')));
  } else {
    const ol = el('ol', 'contact-list');
    for (const contact of list) {
      const li = el('li', 'contact');
      li.dataset.testid = 'elder-contact';
      const who = el('span', 'contact-who');
      who.append(typed('contact-name', contact.name), typed('contact-relation', contact.relation));
      li.append(who, callLink(contact.phone, { testid: 'contact-call' }));
      if (contact.notify === true) li.append(el('span', 'contact-notify', t('detail.notify')));
      ol.append(li);
    }
    contacts.append(ol);
  }
  root.append(contacts, notes(elder.medicalNotes, 'elder-medical', 'medical'));
  return root;
}
