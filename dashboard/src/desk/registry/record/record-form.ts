// The record edit form's values (strings, as inputs hold them) from an elder and back to a request body: POST
// /elders for a new one, PATCH /elders/:id with what the form holds for an existing one. Pure, so its rules are
// tested without a page. Fields the record may lack (location, birth date, sex, assessment, consent) go as null when
// emptied, and are left out when they were empty before: then an ID number typed now still gives the birth date
// and sex (the server takes them from it when the record has none).

import { isValidIdNumber, type Elder, type Sex } from '../../../../../schemas/index.js';

export interface ContactRow {
  name: string;
  relation: string;
  phone: string;
  notify: boolean;
}

export interface RecordForm {
  name: string;
  /** A new ID number typed; '' keeps the one on record (which the desk never sees whole). */
  idNumber: string;
  birthDate: string;
  sex: '' | Sex;
  phone: string;
  address: string;
  regionId: string;
  lat: string;
  lng: string;
  groups: string[];
  assessmentLevel: string;
  assessedOn: string;
  assessor: string;
  contacts: ContactRow[];
  /** The contact that is the legal guardian; null: none. */
  guardian: number | null;
  consentGivenOn: string;
  consentGivenBy: string;
  consentRelation: string;
  medicalNotes: string;
  accessNotes: string;
}

/** What the form finds wrong before asking the server: a message key per field. */
export type FormProblems = Partial<Record<string, string>>;

export function emptyForm(regionId: string): RecordForm {
  return {
    name: '', idNumber: '', birthDate: '', sex: '', phone: '', address: '', regionId, lat: '', lng: '', groups: [],
    assessmentLevel: '', assessedOn: '', assessor: '', contacts: [], guardian: null,
    consentGivenOn: '', consentGivenBy: '', consentRelation: '', medicalNotes: '', accessNotes: '',
  };
}

export function formOf(elder: Elder): RecordForm {
  const guardian = elder.contacts.findIndex((c) => c.guardian);
  return {
    name: elder.name,
    idNumber: '',
    birthDate: elder.birthDate ?? '',
    sex: elder.sex ?? '',
    phone: elder.phone ?? '',
    address: elder.address,
    regionId: elder.regionId,
    lat: elder.location ? String(elder.location.lat) : '',
    lng: elder.location ? String(elder.location.lng) : '',
    groups: [...elder.groups],
    assessmentLevel: elder.assessment?.level ?? '',
    assessedOn: elder.assessment?.assessedOn ?? '',
    assessor: elder.assessment?.assessor ?? '',
    contacts: elder.contacts.map((c) => ({ name: c.name, relation: c.relation, phone: c.phone, notify: c.notify })),
    guardian: guardian === -1 ? null : guardian,
    consentGivenOn: elder.consent?.givenOn ?? '',
    consentGivenBy: elder.consent?.givenBy ?? '',
    consentRelation: elder.consent?.relation ?? '',
    medicalNotes: elder.medicalNotes,
    accessNotes: elder.accessNotes,
  };
}

/** "30.27, 120.15" (or with a space, or a full-width comma) pasted into one box: both numbers, else null. */
export function pastedPoint(text: string): { lat: string; lng: string } | null {
  const match = /^\s*(-?\d{1,3}(?:\.\d+)?)\s*[,，\s]\s*(-?\d{1,3}(?:\.\d+)?)\s*$/.exec(text);
  return match ? { lat: match[1] ?? '', lng: match[2] ?? '' } : null;
}

/** The birth date and sex an ID number carries, for the form to show what the server will take from it. */
export function fromIdNumber(idNumber: string): { birthDate: string; sex: Sex } | null {
  const id = idNumber.trim().toUpperCase();
  if (!isValidIdNumber(id)) return null;
  return { birthDate: `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`, sex: Number(id[16]) % 2 === 1 ? 'male' : 'female' };
}

const blank = (...values: string[]) => values.every((v) => v.trim() === '');
const filled = (...values: string[]) => values.every((v) => v.trim() !== '');

function location(form: RecordForm, problems: FormProblems): { lat: number; lng: number } | null {
  if (blank(form.lat, form.lng)) return null;
  const lat = Number(form.lat);
  const lng = Number(form.lng);
  if (!filled(form.lat, form.lng) || !Number.isFinite(lat) || !Number.isFinite(lng) || Math.abs(lat) > 90 || Math.abs(lng) > 180) {
    problems.location = 'record.error.location';
    return null;
  }
  return { lat, lng };
}

/** A group of fields given whole or not at all. */
function whole<T>(values: string[], make: () => T, field: string, problems: FormProblems): T | null {
  if (blank(...values)) return null;
  if (!filled(...values)) {
    problems[field] = 'record.incomplete';
    return null;
  }
  return make();
}

/**
 * The body for POST (original null) or PATCH, or the problems the form found itself. A field the record may lack is
 * null when it was there and is now emptied, and left out when it was and stays empty.
 */
export function bodyOf(form: RecordForm, original: Elder | null): { body: Record<string, unknown>; problems: FormProblems } {
  const problems: FormProblems = {};
  if (blank(form.name)) problems.name = 'record.required';
  if (blank(form.address)) problems.address = 'record.required';
  const point = location(form, problems);
  const assessment = whole([form.assessmentLevel, form.assessedOn, form.assessor], () => ({ level: form.assessmentLevel, assessedOn: form.assessedOn, assessor: form.assessor.trim() }), 'assessment', problems);
  const consent = whole([form.consentGivenOn, form.consentGivenBy, form.consentRelation], () => ({ givenOn: form.consentGivenOn, givenBy: form.consentGivenBy.trim(), relation: form.consentRelation }), 'consent', problems);
  const contacts = form.contacts
    .map((c, i) => ({ ...c, guardian: form.guardian === i }))
    .filter((c) => !blank(c.name, c.relation, c.phone));
  if (contacts.some((c) => !filled(c.name, c.relation, c.phone))) problems.contacts = 'record.incomplete';

  /** null to remove what the record had; undefined (left out) when it had nothing. */
  const clearable = <T>(value: T | null, had: boolean): T | null | undefined => (value !== null ? value : had ? null : undefined);
  const fields: Record<string, unknown> = {
    name: form.name.trim(),
    address: form.address.trim(),
    ...(form.regionId && form.regionId !== original?.regionId ? { regionId: form.regionId } : {}),
    ...(original !== null || form.phone.trim() !== '' ? { phone: form.phone.trim() } : {}),
    ...(form.idNumber.trim() !== '' ? { idNumber: form.idNumber.trim().toUpperCase() } : {}),
    location: clearable(point, original?.location != null),
    groups: form.groups,
    birthDate: clearable(form.birthDate || null, original?.birthDate != null),
    sex: clearable(form.sex || null, original?.sex != null),
    assessment: clearable(assessment, original?.assessment != null),
    consent: clearable(consent, original?.consent != null),
    contacts: contacts.map((c) => ({ name: c.name.trim(), relation: c.relation.trim(), phone: c.phone.trim(), notify: c.notify, guardian: c.guardian })),
    medicalNotes: form.medicalNotes.trim(),
    accessNotes: form.accessNotes.trim(),
  };
  const body = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
  return { body, problems };
}
