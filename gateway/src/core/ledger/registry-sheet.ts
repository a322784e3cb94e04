import { ASSESSMENT_LEVEL_LABELS, ELDER_GROUP_LABELS, SEX_LABELS, type Assessment, type ElderGroup, type EmergencyContact, type GeoPoint, type Sex } from '../../../../schemas/index.js';
import { IMPORT_FIELDS, IMPORT_HEADERS, type ImportField } from '../elders/import-columns.js';
import type { ReportSheet } from '../reports/alarm-report-sheets.js';
import { toCsv, type CsvValue } from '../reports/csv.js';

// The registry as a whole (名册, issue 21), one row per elder, under the import's own template headers
// (core/elders/import-columns.ts): a county's exported list imports again as it is. ID numbers are written in full:
// this is the civil-affairs list itself, and the export is audited (app/ledger/registry-export.ts).

export interface RegistryRow {
  name: string;
  idNumber: string | null;
  sex?: Sex | undefined;
  birthDate?: string | undefined;
  phone: string | null;
  address: string;
  town: string;
  community: string;
  groups?: readonly ElderGroup[] | undefined;
  assessment?: Assessment | undefined;
  contacts: readonly EmergencyContact[];
  location?: GeoPoint | undefined;
}

/** Several groups in one cell, as the county's lists write them. */
export const GROUP_SEPARATOR = '、';

function cells(r: RegistryRow): Record<ImportField, CsvValue> {
  const guardian = r.contacts.find((c) => c.guardian === true);
  const contact = r.contacts.find((c) => c.guardian !== true);
  return {
    name: r.name,
    idNumber: r.idNumber,
    sex: r.sex === undefined ? null : SEX_LABELS[r.sex]['zh-CN'],
    birthDate: r.birthDate ?? null,
    phone: r.phone,
    address: r.address,
    town: r.town,
    community: r.community,
    groups: (r.groups ?? []).map((g) => ELDER_GROUP_LABELS[g]['zh-CN']).join(GROUP_SEPARATOR),
    assessmentLevel: r.assessment === undefined ? null : ASSESSMENT_LEVEL_LABELS[r.assessment.level]['zh-CN'],
    assessedOn: r.assessment?.assessedOn ?? null,
    assessor: r.assessment?.assessor ?? null,
    guardianName: guardian?.name ?? null,
    guardianPhone: guardian?.phone ?? null,
    contactName: contact?.name ?? null,
    contactPhone: contact?.phone ?? null,
    // Coordinates as text: a number cell would show in Excel with its default precision (fewer decimals).
    lng: r.location === undefined ? null : String(r.location.lng),
    lat: r.location === undefined ? null : String(r.location.lat),
  };
}

/** The import's fields, the town before its community as people read a place; each under its template header. */
const EXPORT_FIELDS: readonly ImportField[] = IMPORT_FIELDS.flatMap((f): ImportField[] => (f === 'community' ? ['town', 'community'] : f === 'town' ? [] : [f]));
const COLUMNS = EXPORT_FIELDS.map((field) => ({ key: field, header: IMPORT_HEADERS[field][0] ?? field }));

export function registrySheet(rows: readonly RegistryRow[]): ReportSheet {
  return { name: '名册', columns: [...COLUMNS], rows: rows.map(cells) };
}

export const registryCsv = (rows: readonly RegistryRow[]): string => toCsv(COLUMNS, rows.map(cells));
