// The columns of a civil-affairs list of elders (民政名册), found by their headers: the Chinese headers the county's
// lists use, a few common variants of them, and English aliases. Headers compare without spaces, case, underscores
// and with full-width brackets and slashes as ASCII, so that "身份证号码 " and "ID Number" are found.

export const IMPORT_FIELDS = [
  'name',
  'idNumber',
  'sex',
  'birthDate',
  'phone',
  'address',
  'community',
  'town',
  'groups',
  'assessmentLevel',
  'assessedOn',
  'assessor',
  'guardianName',
  'guardianPhone',
  'contactName',
  'contactPhone',
  'lng',
  'lat',
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

/** The first header is the one the template carries; the rest are accepted too. */
export const IMPORT_HEADERS: Record<ImportField, readonly string[]> = {
  name: ['姓名', '老人姓名', 'name'],
  idNumber: ['身份证号', '身份证号码', '公民身份号码', 'idNumber', 'id number', 'id_number'],
  sex: ['性别', 'sex', 'gender'],
  birthDate: ['出生日期', '出生年月日', 'birthDate', 'birth date', 'date of birth'],
  phone: ['电话', '联系电话', '本人电话', '手机', '手机号码', 'phone'],
  address: ['住址', '家庭住址', '居住地址', '地址', 'address'],
  community: ['社区', '村(社区)', '村/社区', '村社区', '村(居)', '村居', 'community'],
  town: ['镇/街道', '镇(街道)', '乡镇(街道)', '乡镇/街道', '镇街', '街道', '乡镇', 'town'],
  groups: ['人群类别', '类别', '人员类别', 'groups'],
  assessmentLevel: ['能力评估', '能力评估等级', '评估等级', 'assessment', 'assessment level'],
  assessedOn: ['评估日期', 'assessedOn', 'assessment date', 'assessed on'],
  assessor: ['评估机构', '评估人', 'assessor'],
  guardianName: ['监护人', '监护人姓名', 'guardian'],
  guardianPhone: ['监护人电话', '监护人联系电话', 'guardian phone'],
  contactName: ['紧急联系人', '联系人', 'emergency contact', 'contact'],
  contactPhone: ['联系人电话', '紧急联系人电话', 'contact phone'],
  lng: ['经度', 'longitude', 'lng'],
  lat: ['纬度', 'latitude', 'lat'],
};

/** Without which no row can be a record: the ID number is the import's key, the community its place. */
export const REQUIRED_IMPORT_FIELDS: readonly ImportField[] = ['name', 'idNumber', 'address', 'community'];

export function normaliseHeader(header: string): string {
  return header
    .normalize('NFKC') // full-width （）／ and letters as ASCII
    .replace(/[\s_]+/g, '')
    .toLowerCase();
}

const BY_HEADER = new Map<string, ImportField>(
  IMPORT_FIELDS.flatMap((field) => IMPORT_HEADERS[field].map((h) => [normaliseHeader(h), field] as const)),
);

export interface ColumnMap {
  /** The column index of each field found. */
  index: Partial<Record<ImportField, number>>;
  /** Each field's header as written in the file, for the report. */
  header: Partial<Record<ImportField, string>>;
  /** Required fields without a column, by their template header (姓名, 身份证号, ...). */
  missing: string[];
  /** Headers that name a field a second time: ambiguous, so refused with the missing ones. */
  repeated: string[];
}

/** Which column holds which field; headers that are no field of the import are ignored (序号, 备注, ...). */
export function mapImportColumns(headers: readonly string[]): ColumnMap {
  const index: ColumnMap['index'] = {};
  const header: ColumnMap['header'] = {};
  const repeated: string[] = [];
  headers.forEach((raw, i) => {
    const field = BY_HEADER.get(normaliseHeader(raw));
    if (field === undefined) return;
    if (index[field] !== undefined) {
      repeated.push(raw.trim());
      return;
    }
    index[field] = i;
    header[field] = raw.trim();
  });
  const missing = REQUIRED_IMPORT_FIELDS.filter((f) => index[f] === undefined).map((f) => IMPORT_HEADERS[f][0]!);
  return { index, header, missing, repeated };
}

/** A row's cells by field, trimmed; an empty cell is absent. */
export const cellsByField = (columns: ColumnMap, cells: readonly string[]): Partial<Record<ImportField, string>> =>
  cellsOfFields(IMPORT_FIELDS, columns.index, cells);

/** A row's cells by field of any import (elders, devices), trimmed; an empty cell is absent. */
export function cellsOfFields<F extends string>(fields: readonly F[], index: Partial<Record<F, number>>, cells: readonly string[]): Partial<Record<F, string>> {
  const out: Partial<Record<F, string>> = {};
  for (const field of fields) {
    const i = index[field];
    if (i === undefined) continue;
    const value = (cells[i] ?? '').trim();
    if (value !== '') out[field] = value;
  }
  return out;
}
