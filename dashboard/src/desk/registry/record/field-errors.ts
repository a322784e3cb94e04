// Where on the form a refusal of the server belongs, and its words: each of the record's error codes names its
// field; a REQUEST_INVALID names it in its message (`/contacts/0/phone …`, the JSON pointer the gateway's error
// handler writes). What belongs to no field is said above the save button.

import { ApiError, errorMessage, type MessageRef } from '../../../shared/api.js';

/** The form's fields that show an error beside them. */
export type RecordField =
  | 'name' | 'idNumber' | 'birthDate' | 'sex' | 'phone' | 'address' | 'regionId' | 'location' | 'groups' | 'assessment' | 'contacts' | 'consent' | 'medicalNotes' | 'accessNotes';

const FIELDS: readonly RecordField[] = ['name', 'idNumber', 'birthDate', 'sex', 'phone', 'address', 'regionId', 'location', 'groups', 'assessment', 'contacts', 'consent', 'medicalNotes', 'accessNotes'];

export interface PlacedError {
  field: RecordField | null;
  message: MessageRef;
}

/** The field of a JSON pointer's first segment (`/assessment/assessedOn` → assessment). */
function fieldOfPointer(message: string): RecordField | null {
  const first = /^\/([A-Za-z]+)/.exec(message.trim())?.[1];
  return first !== undefined && (FIELDS as readonly string[]).includes(first) ? (first as RecordField) : null;
}

/** The words for what was wrong with a field, by the field (a contact's: by the contact's field). */
function invalidWords(field: RecordField, pointer: string): string {
  if (field === 'idNumber') return 'record.error.idNumber';
  if (field === 'location') return 'record.error.location';
  if (field === 'phone' || (field === 'contacts' && /^\/contacts\/\d+\/phone/.test(pointer))) return 'record.error.phoneInvalid';
  return 'record.error.field';
}

export function placeError(err: unknown): PlacedError {
  if (!(err instanceof ApiError)) return { field: null, message: errorMessage(err) };
  const text = err.message;
  switch (err.code) {
    case 'ELDER_ID_NUMBER_TAKEN':
      return { field: 'idNumber', message: ['record.error.idNumberTaken'] };
    case 'ELDER_BIRTH_DATE_MISMATCH':
      return { field: 'birthDate', message: ['record.error.birthDateMismatch'] };
    case 'ELDER_GUARDIAN_DUPLICATE':
      return { field: 'contacts', message: ['record.error.guardianDuplicate'] };
    case 'ELDER_DATE_INVALID':
      return { field: text.includes('assessment') ? 'assessment' : text.includes('consent') ? 'consent' : 'birthDate', message: ['record.error.dateInvalid'] };
    case 'PHONE_INVALID':
      return { field: text.includes('contacts') ? 'contacts' : 'phone', message: ['record.error.phoneInvalid'] };
    case 'REGION_NOT_FOUND':
    case 'FORBIDDEN_REGION':
      return { field: 'regionId', message: errorMessage(err) };
    case 'REQUEST_INVALID': {
      const field = fieldOfPointer(text);
      return { field, message: [field ? invalidWords(field, text.trim()) : 'error.invalid'] };
    }
    default:
      return { field: null, message: errorMessage(err) };
  }
}
