import { createElderBodySchema, type ElderImportProblem, type EmergencyContact } from '../../../../../schemas/index.js';
import { cellsByField, IMPORT_HEADERS, type ColumnMap, type ImportField } from '../../../core/elders/import-columns.js';
import { readImportRow, type ImportedContact, type ImportedElderFields } from '../../../core/elders/import-row.js';
import { AppError } from '../../errors.js';
import type { ElderRecordPatch } from '../../ports/store/elder-import.port.js';
import type { ElderRecord } from '../../ports/store/elders.port.js';
import { applyElderChange, checkNewElder, newElderRecord } from '../elder-record-fields.js';
import { contactPhones } from '../registered-phones.js';
import type { PlaceFound } from './import-places.js';

// One row of a list, checked with POST /elders's own rules (its body schema and checkNewElder) and matched by ID
// number against the store: what it does (create, update, unchanged) or every problem found, each in a column.

export interface RowCheckContext {
  columns: ColumnMap;
  findPlace(community: string, town: string | undefined): PlaceFound;
  /** The elders already registered with each ID number of the file. */
  existing: ReadonlyMap<string, readonly ElderRecord[]>;
  /** ID numbers on more than one row of the file. */
  repeated: ReadonlySet<string>;
  /** Whether a region is within the importer's region. */
  mayChange(regionId: string): boolean;
  today: string;
  phoneAreaCode: string | undefined;
  newId(): string;
  now: number;
}

export type RowOutcome =
  | { row: number; action: 'bad'; problems: ElderImportProblem[] }
  | { row: number; action: 'create'; record: ElderRecord }
  | { row: number; action: 'update'; record: ElderRecord; patch: ElderRecordPatch }
  | { row: number; action: 'unchanged'; record: ElderRecord };

/** The zod path of POST /elders's body that a problem names, as the import's column. */
function fieldOfPath(path: readonly PropertyKey[], contacts: readonly ImportedContact[] | undefined): ImportField | null {
  const [root, second, third] = path;
  switch (root) {
    case 'name':
    case 'address':
    case 'idNumber':
    case 'phone':
    case 'groups':
    case 'birthDate':
    case 'sex':
      return root;
    case 'regionId':
      return 'community';
    case 'location':
      return second === 'lng' ? 'lng' : 'lat';
    case 'assessment':
      return second === 'assessedOn' ? 'assessedOn' : second === 'assessor' ? 'assessor' : 'assessmentLevel';
    case 'contacts': {
      const guardian = typeof second === 'number' && contacts?.[second]?.guardian === true;
      if (third === 'phone') return guardian ? 'guardianPhone' : 'contactPhone';
      return guardian ? 'guardianName' : 'contactName';
    }
    default:
      return null;
  }
}

/** The column an AppError of checkNewElder is about, read from the field its message names. */
function fieldOfError(err: AppError, fields: ImportedElderFields): ImportField | null {
  if (err.code === 'PHONE_INVALID') {
    const contact = /^contacts\[(\d+)\]/.exec(err.message);
    return contact ? fieldOfPath(['contacts', Number(contact[1]), 'phone'], fields.contacts) : 'phone';
  }
  if (err.code === 'ELDER_DATE_INVALID') return err.message.startsWith('assessment') ? 'assessedOn' : 'birthDate';
  if (err.code === 'ELDER_BIRTH_DATE_MISMATCH') return fields.birthDate !== undefined ? 'birthDate' : 'idNumber';
  return null;
}

/** The record's fields an import may change, compared as values (a contact's absent guardian flag is false). */
function comparable(e: ElderRecord): string {
  const contacts = e.contacts.map((c) => ({ name: c.name, relation: c.relation, phone: c.phone, notify: c.notify, guardian: c.guardian === true }));
  return JSON.stringify([e.name, e.address, e.phone, e.regionId, e.location ?? null, contacts, e.groups ?? [], e.birthDate ?? null, e.sex ?? null, e.assessment ?? null]);
}

function withoutGuardian(contact: EmergencyContact): EmergencyContact {
  const copy = { ...contact };
  delete copy.guardian;
  return copy;
}

/**
 * The list's contacts merged into the record's: one with the same number is renamed (and becomes the guardian when
 * the list says so), a new one is added at the end of the calling order. Contacts the desk entered stay.
 */
function mergeContacts(current: readonly EmergencyContact[], listed: readonly EmergencyContact[]): EmergencyContact[] {
  let merged = [...current];
  for (const c of listed) {
    // The list's guardian is the one guardian (ELDER_GUARDIAN_DUPLICATE).
    if (c.guardian === true) merged = merged.map((m) => (m.guardian === true && m.phone !== c.phone ? withoutGuardian(m) : m));
    const at = merged.findIndex((m) => m.phone === c.phone);
    if (at >= 0) merged[at] = { ...merged[at]!, name: c.name, ...(c.guardian === true ? { guardian: true } : {}) };
    else merged.push(c.guardian === true ? c : { name: c.name, relation: c.relation, phone: c.phone, notify: c.notify });
  }
  return merged;
}

export function checkImportRow(source: { row: number; cells: string[] }, ctx: RowCheckContext): RowOutcome {
  const { row } = source;
  const read = readImportRow(cellsByField(ctx.columns, source.cells));
  const { fields } = read;
  const problems: ElderImportProblem[] = [];
  const column = (field: ImportField | null): string | null => (field === null ? null : (ctx.columns.header[field] ?? IMPORT_HEADERS[field][0]!));
  const add = (field: ImportField | null, code: string, message: string) => problems.push({ row, column: column(field), code, message });
  for (const p of read.problems) add(p.field, p.code, p.message);

  let regionId: string | undefined;
  if (read.place.community === undefined) add('community', 'IMPORT_VALUE_MISSING', 'required, and empty');
  else {
    const found = ctx.findPlace(read.place.community, read.place.town);
    if ('region' in found) regionId = found.region.id;
    else add('community', found.problem, found.message);
  }

  // POST /elders's body schema, then its checks; the region is checked above (a placeholder keeps the schema quiet).
  const parsed = createElderBodySchema.safeParse({ ...fields, regionId: regionId ?? 'unresolved' });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = fieldOfPath(issue.path, fields.contacts);
      add(field, field === 'idNumber' ? 'IMPORT_ID_NUMBER_INVALID' : 'REQUEST_INVALID', field === 'idNumber' ? `${issue.message} (a number Excel shows as 1.1E+17 lost its digits: format the column as text)` : issue.message);
    }
    return { row, action: 'bad', problems };
  }
  const input = parsed.data;
  let checked: ReturnType<typeof checkNewElder> | undefined;
  try {
    checked = checkNewElder(input, ctx.today, ctx.phoneAreaCode);
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    add(fieldOfError(err, fields), err.code, err.message);
  }
  const idNumber = input.idNumber!;
  if (ctx.repeated.has(idNumber)) add('idNumber', 'IMPORT_ID_NUMBER_REPEATED', 'the same ID number is on another row of the file');
  const holders = ctx.existing.get(idNumber) ?? [];
  if (holders.length > 1) add('idNumber', 'ELDER_ID_NUMBER_TAKEN', `${holders.length} registered elders have this ID number: merge them on the desk first`);
  else if (holders.length === 1 && !ctx.mayChange(holders[0]!.regionId)) add('idNumber', 'ELDER_ID_NUMBER_TAKEN', 'registered in a region outside yours');
  if (problems.length > 0 || checked === undefined || regionId === undefined) return { row, action: 'bad', problems };

  const current = holders[0];
  if (current === undefined) return { row, action: 'create', record: newElderRecord(input, checked, { id: ctx.newId(), regionId, createdAt: ctx.now }) };
  return updateOf(row, current, fields, checked, regionId, ctx.phoneAreaCode);
}

/** The change a row makes to the record registered with its ID number: the fields the row gives, no others. */
function updateOf(row: number, current: ElderRecord, fields: ImportedElderFields, checked: ReturnType<typeof checkNewElder>, regionId: string, areaCode: string | undefined): RowOutcome {
  const { who } = checked;
  const patch: ElderRecordPatch = { name: fields.name!, address: fields.address!, regionId };
  if (fields.phone !== undefined) patch.phone = checked.phone;
  if (fields.location !== undefined) patch.location = fields.location;
  if (fields.contacts !== undefined) patch.contacts = mergeContacts(current.contacts, contactPhones(fields.contacts, areaCode));
  if (fields.groups !== undefined) patch.groups = who.groups ?? [];
  if (fields.assessment !== undefined && who.assessment) patch.assessment = who.assessment;
  // Given by the row, or read from the ID number when the record has none yet (as registration does).
  if (who.birthDate && (fields.birthDate !== undefined || current.birthDate === undefined)) patch.birthDate = who.birthDate;
  if (who.sex && (fields.sex !== undefined || current.sex === undefined)) patch.sex = who.sex;
  const record = applyElderChange(current, patch);
  if (comparable(record) === comparable(current)) return { row, action: 'unchanged', record: current };
  return { row, action: 'update', record, patch };
}
