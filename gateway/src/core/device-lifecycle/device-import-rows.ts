import { isValidDeviceId } from '../../../../schemas/index.js';
import { deviceKindNamed, type DeviceImportField } from './device-import-columns.js';

// Each row of a device file checked on its own and against the others: a kind the gateway knows, an elder that
// exists and is in the importer's region (by id or by full ID number), a device id that is well formed, free, and
// not given twice in the file. Whatever the store holds is asked beforehand and handed in; this only decides.

export interface DeviceFileRow {
  /** The row's line in the file (1 = the header). */
  line: number;
  cells: Partial<Record<DeviceImportField, string>>;
}

/** An elder as the check sees one: found, and whether the importer may register devices for them. */
export interface ElderMatch {
  id: string;
  inScope: boolean;
}

export interface DeviceRowFacts {
  elderById(id: string): ElderMatch | undefined;
  /** Every elder registered with this ID number (upper-case X): more than one is ambiguous. */
  eldersByIdNumber(idNumber: string): readonly ElderMatch[];
  /** Registered already, retired devices included: an id is never given out twice. */
  idTaken(id: string): boolean;
}

export type DeviceRowErrorCode =
  | 'KIND_MISSING'
  | 'KIND_UNKNOWN'
  | 'ELDER_MISSING'
  | 'ELDER_NOT_FOUND'
  | 'ELDER_AMBIGUOUS'
  | 'FORBIDDEN_REGION'
  | 'DEVICE_ID_INVALID'
  | 'DEVICE_ID_TAKEN'
  | 'DEVICE_ID_REPEATED'
  | 'ROOM_INVALID'
  | 'MODEL_INVALID';

export interface CheckedDeviceRow {
  line: number;
  id: string | null;
  /** As understood (call_button for 呼叫器), or the cell as written when it names no kind. */
  kind: string | null;
  elderId: string | null;
  room: string | null;
  model: string | null;
  error: { code: DeviceRowErrorCode; message: string } | null;
}

/** What the template says a place or a model may be: a short label. */
const MAX_LABEL = 64;

type RowError = NonNullable<CheckedDeviceRow['error']>;

function elderOf(cells: DeviceFileRow['cells'], facts: DeviceRowFacts): { elder: ElderMatch } | { error: RowError } {
  const error = (code: DeviceRowErrorCode, message: string) => ({ error: { code, message } });
  if (cells.elderId !== undefined) {
    const elder = facts.elderById(cells.elderId);
    return elder ? { elder } : error('ELDER_NOT_FOUND', 'no elder with that id');
  }
  if (cells.elderIdNumber === undefined) return error('ELDER_MISSING', 'give the elder: 老人编号 (elderId) or 身份证号 (full ID number)');
  const matches = facts.eldersByIdNumber(cells.elderIdNumber.toUpperCase());
  if (matches.length === 0) return error('ELDER_NOT_FOUND', 'no elder registered with that ID number');
  if (matches.length > 1) return error('ELDER_AMBIGUOUS', 'several elders are registered with that ID number: give 老人编号 (elderId)');
  return { elder: matches[0]! };
}

function checkRow(row: DeviceFileRow, facts: DeviceRowFacts, seen: Map<string, number>): CheckedDeviceRow {
  const { cells } = row;
  const kind = cells.kind === undefined ? null : deviceKindNamed(cells.kind);
  const elder = elderOf(cells, facts);
  // An elder outside the region is not named by the reply: the importer learns only that it is not theirs.
  const found = 'elder' in elder && elder.elder.inScope ? elder.elder : null;
  const base = {
    line: row.line,
    id: cells.id ?? null,
    kind: kind ?? cells.kind ?? null,
    elderId: found?.id ?? cells.elderId ?? null,
    room: cells.room ?? null,
    model: cells.model ?? null,
  };
  const fail = (code: DeviceRowErrorCode, message: string): CheckedDeviceRow => ({ ...base, error: { code, message } });
  if (cells.kind === undefined) return fail('KIND_MISSING', 'the kind (类型) is empty');
  if (kind === null) return fail('KIND_UNKNOWN', `not a device kind: ${cells.kind.slice(0, 64)}`);
  if ('error' in elder) return { ...base, error: elder.error };
  if (!found) return fail('FORBIDDEN_REGION', 'the elder lives outside your region');
  if (cells.id !== undefined) {
    if (!isValidDeviceId(cells.id)) return fail('DEVICE_ID_INVALID', 'a device id has only letters, digits, _ and -, at most 64');
    const earlier = seen.get(cells.id);
    if (earlier !== undefined) return fail('DEVICE_ID_REPEATED', `the id is given on line ${earlier} already`);
    seen.set(cells.id, row.line);
    if (facts.idTaken(cells.id)) return fail('DEVICE_ID_TAKEN', 'a device with that id is already registered');
  }
  if (cells.room !== undefined && cells.room.length > MAX_LABEL) return fail('ROOM_INVALID', `the place (位置) is longer than ${MAX_LABEL} characters`);
  if (cells.model !== undefined && cells.model.length > MAX_LABEL) return fail('MODEL_INVALID', `the model (型号) is longer than ${MAX_LABEL} characters`);
  return { ...base, error: null };
}

/** Every row checked, in the file's order. */
export function checkDeviceRows(rows: readonly DeviceFileRow[], facts: DeviceRowFacts): CheckedDeviceRow[] {
  const seen = new Map<string, number>();
  return rows.map((row) => checkRow(row, facts, seen));
}
