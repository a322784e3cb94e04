import type { z } from 'zod';
import { calendarDateSchema, normaliseElderGroups, type Assessment, type Consent, type createElderBodySchema, type ElderGroup, type EmergencyContact, type Sex } from '../../../../schemas/index.js';
import { birthDateProblem, idNumberBirthDate, idNumberSex, isFuture } from '../../core/elders/elder-dates.js';
import { AppError } from '../errors.js';
import type { ClearableElderFields, ElderRecord } from '../ports/store/elders.port.js';
import { contactPhones, elderPhone } from './registered-phones.js';

// The checks and derivations of who an elder is (issue 21), shared by registration and change: dates against the
// local `today`, the birth date and sex an ID number carries, one guardian at most. Fields are as the bodies give
// them: undefined leaves a field as it is, null removes it.

export interface ElderRecordInput {
  idNumber?: string | null | undefined;
  groups?: ElderGroup[] | undefined;
  birthDate?: string | null | undefined;
  sex?: Sex | null | undefined;
  assessment?: Assessment | null | undefined;
  consent?: Consent | null | undefined;
  contacts?: EmergencyContact[] | undefined;
}

export type ElderRecordChange = Pick<ElderRecordInput, 'groups' | 'birthDate' | 'sex' | 'assessment' | 'consent'>;

/** The ID number's birth date, when its digits 7–14 are a real date (the checksum does not guarantee that). */
function birthDateOf(idNumber: string | null | undefined): string | null {
  if (!idNumber) return null;
  const date = idNumberBirthDate(idNumber);
  return calendarDateSchema.safeParse(date).success ? date : null;
}

/**
 * Checks `input` against `current` (null when registering) and returns the change to store. A birth date or sex
 * not given is taken from the ID number when the record has none yet: with a new ID number, or at registration.
 * A birth date given, or kept, must agree with the ID number's (ELDER_BIRTH_DATE_MISMATCH).
 */
export function checkElderRecordFields(input: ElderRecordInput, current: ElderRecord | null, today: string): ElderRecordChange {
  const change: ElderRecordChange = {};
  if (input.groups !== undefined) change.groups = normaliseElderGroups(input.groups);
  if (input.contacts !== undefined && input.contacts.filter((c) => c.guardian === true).length > 1) throw new AppError('ELDER_GUARDIAN_DUPLICATE');
  if (input.birthDate) {
    const problem = birthDateProblem(input.birthDate, today);
    if (problem) throw new AppError('ELDER_DATE_INVALID', problem);
  }
  if (input.assessment && isFuture(input.assessment.assessedOn, today)) throw new AppError('ELDER_DATE_INVALID', `assessment.assessedOn ${input.assessment.assessedOn} is after today (${today})`);
  if (input.consent && isFuture(input.consent.givenOn, today)) throw new AppError('ELDER_DATE_INVALID', `consent.givenOn ${input.consent.givenOn} is after today (${today})`);
  if (input.birthDate !== undefined) change.birthDate = input.birthDate;
  if (input.sex !== undefined) change.sex = input.sex;
  if (input.assessment !== undefined) change.assessment = input.assessment;
  if (input.consent !== undefined) change.consent = input.consent;

  const idNumber = input.idNumber !== undefined ? input.idNumber : (current?.idNumber ?? null);
  const fromId = birthDateOf(idNumber);
  const birthDate = input.birthDate !== undefined ? input.birthDate : (current?.birthDate ?? null);
  if (fromId !== null && birthDate !== null && birthDate !== fromId) {
    throw new AppError('ELDER_BIRTH_DATE_MISMATCH', `birthDate ${birthDate} but the ID number says ${fromId}`);
  }
  // Derived only with a new ID number (or at registration), so that removing a birth date on purpose sticks.
  const idGiven = input.idNumber !== undefined && input.idNumber !== null;
  if (idGiven && idNumber) {
    if (birthDate === null && fromId !== null && birthDateProblem(fromId, today) === null) change.birthDate = fromId;
    const sex = input.sex !== undefined ? input.sex : (current?.sex ?? null);
    if (sex === null && input.sex === undefined) change.sex = idNumberSex(idNumber);
  }
  return change;
}

/** The record after a change: a removed field is absent (elders.port.ts), never null. */
export function applyElderChange<T extends ElderRecord>(record: T, change: Partial<Record<keyof ElderRecord, unknown>>): T {
  const updated = { ...record, ...Object.fromEntries(Object.entries(change).filter(([, v]) => v !== undefined)) } as Record<string, unknown>;
  const clearable: ClearableElderFields[] = ['location', 'birthDate', 'sex', 'assessment', 'consent'];
  for (const field of clearable) if (updated[field] === null) delete updated[field];
  return updated as T;
}

export type CreateElderInput = z.infer<typeof createElderBodySchema>;

/** What registration stores of a new elder's body, checked: the numbers canonical, the fields of who the elder is. */
export interface CheckedNewElder {
  phone: string | null;
  contacts: EmergencyContact[];
  who: ElderRecordChange;
}

/**
 * POST /elders's checks of a body (beyond its schema and the region): the phones (PHONE_INVALID) and the record's
 * fields (checkElderRecordFields). The import checks each row with this same function.
 */
export function checkNewElder(input: CreateElderInput, today: string, phoneAreaCode: string | undefined): CheckedNewElder {
  const phone = elderPhone(input.phone, phoneAreaCode) ?? null;
  const contacts = contactPhones(input.contacts, phoneAreaCode);
  const who = checkElderRecordFields(input, null, today);
  return { phone, contacts, who };
}

/** The record of a new elder from its checked body (registration, import). */
export function newElderRecord(input: CreateElderInput, checked: CheckedNewElder, at: { id: string; regionId: string; createdAt: number }): ElderRecord {
  return applyElderChange({
    id: at.id,
    name: input.name,
    address: input.address,
    phone: checked.phone,
    idNumber: input.idNumber ?? null,
    ...(input.location ? { location: input.location } : {}),
    regionId: at.regionId,
    contacts: checked.contacts,
    medicalNotes: input.medicalNotes,
    accessNotes: input.accessNotes,
    assignedResponderIds: input.assignedResponderIds,
    riskCategory: input.riskCategory,
    thresholdOverrides: {},
    away: null,
    createdAt: at.createdAt,
  }, checked.who);
}
