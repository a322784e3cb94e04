import type { ElderGroup, Sex } from '../../../../schemas/index.js';
import type { ImportField } from './import-columns.js';
import { parseAssessmentLevel, parseDegrees, parseGroups, parseImportDate, parseSex } from './import-values.js';

// One row of a civil-affairs list as the body POST /elders takes (without the region, which the use case finds by
// name), with the problems of reading its cells. What the body then must pass is POST /elders's own check, in the
// use case: this file only reads text into values.

/** The contact relations written for the list's guardian and emergency contact columns. */
export const GUARDIAN_RELATION = '监护人';
export const CONTACT_RELATION = '紧急联系人';

export interface ImportedContact {
  name: string;
  relation: string;
  phone: string;
  notify: boolean;
  guardian: boolean;
}

/** The fields the row gives, as POST /elders names them; a field whose cell is empty is absent. */
export interface ImportedElderFields {
  name?: string;
  address?: string;
  idNumber?: string;
  phone?: string;
  sex?: Sex;
  birthDate?: string;
  groups?: ElderGroup[];
  assessment?: { level: string; assessedOn: string; assessor: string };
  location?: { lat: number; lng: number };
  /** The guardian first, then the emergency contact; absent when the row names neither. */
  contacts?: ImportedContact[];
}

export interface ImportCellProblem {
  field: ImportField;
  code: 'IMPORT_VALUE_INVALID' | 'IMPORT_VALUE_MISSING' | 'IMPORT_GROUP_UNKNOWN';
  message: string;
}

export interface ImportedRow {
  fields: ImportedElderFields;
  /** The community's name and, when the list has the column, its town's (to tell two communities of one name apart). */
  place: { community?: string; town?: string };
  problems: ImportCellProblem[];
}

export function readImportRow(cells: Partial<Record<ImportField, string>>): ImportedRow {
  const fields: ImportedElderFields = {};
  const problems: ImportCellProblem[] = [];
  const problem = (field: ImportField, code: ImportCellProblem['code'], message: string) => problems.push({ field, code, message });

  for (const field of ['name', 'address', 'idNumber', 'phone'] as const) {
    const value = cells[field];
    if (value !== undefined) fields[field] = value;
  }
  for (const field of ['name', 'idNumber', 'address'] as const) {
    if (cells[field] === undefined) problem(field, 'IMPORT_VALUE_MISSING', 'required, and empty');
  }
  if (cells.sex !== undefined) {
    const sex = parseSex(cells.sex);
    if (sex === null) problem('sex', 'IMPORT_VALUE_INVALID', `"${cells.sex}" is neither 男 nor 女`);
    else fields.sex = sex;
  }
  if (cells.birthDate !== undefined) {
    const date = parseImportDate(cells.birthDate);
    if (date === null) problem('birthDate', 'IMPORT_VALUE_INVALID', `"${cells.birthDate}" is not a date (1945-03-12, 1945/3/12, 19450312)`);
    else fields.birthDate = date;
  }
  if (cells.groups !== undefined) {
    const { groups, unknown } = parseGroups(cells.groups);
    if (unknown.length > 0) problem('groups', 'IMPORT_GROUP_UNKNOWN', `not a group of the catalogue: ${unknown.join('、')}`);
    else fields.groups = groups;
  }
  readAssessment(cells, fields, problem);
  readLocation(cells, fields, problem);
  readContacts(cells, fields, problem);
  return { fields, place: { ...(cells.community ? { community: cells.community } : {}), ...(cells.town ? { town: cells.town } : {}) }, problems };
}

type Problem = (field: ImportField, code: ImportCellProblem['code'], message: string) => void;

/** The level with its date and assessor, all three or none (an assessment is dated and signed). */
function readAssessment(cells: Partial<Record<ImportField, string>>, fields: ImportedElderFields, problem: Problem): void {
  const { assessmentLevel, assessedOn, assessor } = cells;
  if (assessmentLevel === undefined && assessedOn === undefined && assessor === undefined) return;
  const level = assessmentLevel === undefined ? null : parseAssessmentLevel(assessmentLevel);
  const date = assessedOn === undefined ? null : parseImportDate(assessedOn);
  if (assessmentLevel === undefined) problem('assessmentLevel', 'IMPORT_VALUE_MISSING', 'an assessment date or assessor without the level');
  else if (level === null) problem('assessmentLevel', 'IMPORT_VALUE_INVALID', `"${assessmentLevel}" is not a level of GB/T 42195 (能力完好, 轻度受损, 中度受损, 重度受损, 完全丧失)`);
  if (assessedOn === undefined) problem('assessedOn', 'IMPORT_VALUE_MISSING', 'an assessment needs its date');
  else if (date === null) problem('assessedOn', 'IMPORT_VALUE_INVALID', `"${assessedOn}" is not a date`);
  if (assessor === undefined) problem('assessor', 'IMPORT_VALUE_MISSING', 'an assessment needs who assessed');
  if (level !== null && date !== null && assessor !== undefined) fields.assessment = { level, assessedOn: date, assessor };
}

function readLocation(cells: Partial<Record<ImportField, string>>, fields: ImportedElderFields, problem: Problem): void {
  if (cells.lat === undefined && cells.lng === undefined) return;
  const lat = cells.lat === undefined ? null : parseDegrees(cells.lat);
  const lng = cells.lng === undefined ? null : parseDegrees(cells.lng);
  if (lat === null) problem('lat', cells.lat === undefined ? 'IMPORT_VALUE_MISSING' : 'IMPORT_VALUE_INVALID', 'latitude in decimal degrees, with the longitude');
  if (lng === null) problem('lng', cells.lng === undefined ? 'IMPORT_VALUE_MISSING' : 'IMPORT_VALUE_INVALID', 'longitude in decimal degrees, with the latitude');
  if (lat !== null && lng !== null) fields.location = { lat, lng };
}

function readContacts(cells: Partial<Record<ImportField, string>>, fields: ImportedElderFields, problem: Problem): void {
  const contacts: ImportedContact[] = [];
  const pairs = [
    ['guardianName', 'guardianPhone', GUARDIAN_RELATION, true],
    ['contactName', 'contactPhone', CONTACT_RELATION, false],
  ] as const;
  for (const [nameField, phoneField, relation, guardian] of pairs) {
    const name = cells[nameField];
    const phone = cells[phoneField];
    if (name === undefined && phone === undefined) continue;
    if (name === undefined) problem(nameField, 'IMPORT_VALUE_MISSING', 'a phone number without the name');
    else if (phone === undefined) problem(phoneField, 'IMPORT_VALUE_MISSING', `${name} has no phone number`);
    // Not told of alarms until the desk says so: a list is no consent to be notified.
    else contacts.push({ name, relation, phone, notify: false, guardian });
  }
  if (contacts.length > 0) fields.contacts = contacts;
}
