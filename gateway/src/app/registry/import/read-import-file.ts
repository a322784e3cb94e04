import { parse as parseCsv } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { mapImportColumns, type ColumnMap } from '../../../core/elders/import-columns.js';
import { AppError } from '../../errors.js';
import { decodeCsvText } from '../../csv-text.js';

// A civil-affairs list as a table of text: which format it is (by its bytes, not its name), how a CSV is encoded
// (Excel in China saves CSV as GBK unless told "CSV UTF-8"), and where its header row is (lists often open with a
// title row, "XX县特殊困难老人名册", above the headers).

/** Shared with the device import (app/csv-text.ts); exported here as before. */
export { decodeCsvText };

export interface ImportTable {
  format: 'csv' | 'xlsx';
  encoding: 'utf-8' | 'gb18030' | null;
  sheet: string | null;
  columns: ColumnMap;
  /** The data rows below the header, each with its row number as a spreadsheet shows it. */
  rows: { row: number; cells: string[] }[];
}

/** A list longer than this is split: its check and one transaction must stay in seconds and in memory. */
export const MAX_IMPORT_ROWS = 50_000;
/** The rows above the header a title may take. */
const HEADER_SEARCH_ROWS = 10;

const startsWith = (bytes: Buffer, magic: number[]): boolean => magic.every((b, i) => bytes[i] === b);

function refuseOtherFormats(bytes: Buffer): void {
  if (bytes.length === 0) throw new AppError('IMPORT_FORMAT_INVALID', 'the file is empty');
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0])) throw new AppError('IMPORT_FORMAT_INVALID', 'an old Office file (.xls or .doc): save it from Excel as .xlsx or CSV');
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47])) throw new AppError('IMPORT_FORMAT_INVALID', 'a PNG image, not a list');
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) throw new AppError('IMPORT_FORMAT_INVALID', 'a JPEG image, not a list');
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46])) throw new AppError('IMPORT_FORMAT_INVALID', 'a PDF, not a list: export the table as .xlsx or CSV');
}

/** The first row (of the first few) that names the required columns, with the map of its columns. */
function findHeader(rows: readonly string[][]): { at: number; columns: ColumnMap } {
  let best: { at: number; columns: ColumnMap } | null = null;
  for (let at = 0; at < Math.min(rows.length, HEADER_SEARCH_ROWS); at++) {
    const columns = mapImportColumns(rows[at]!);
    if (columns.missing.length === 0 && columns.repeated.length === 0) return { at, columns };
    if (best === null || columns.missing.length < best.columns.missing.length) best = { at, columns };
  }
  if (best === null) throw new AppError('IMPORT_FORMAT_INVALID', 'the file has no rows');
  const what = [
    ...(best.columns.missing.length > 0 ? [`missing headers: ${best.columns.missing.join(', ')}`] : []),
    ...(best.columns.repeated.length > 0 ? [`headers given twice: ${best.columns.repeated.join(', ')}`] : []),
  ];
  throw new AppError('IMPORT_FORMAT_INVALID', `no header row with the required columns (${what.join('; ')})`);
}

function tableOf(rows: string[][], rowNumberOf: (index: number) => number): Pick<ImportTable, 'columns' | 'rows'> {
  const { at, columns } = findHeader(rows);
  const data: ImportTable['rows'] = [];
  for (let i = at + 1; i < rows.length; i++) {
    const cells = rows[i]!;
    if (cells.every((c) => c.trim() === '')) continue;
    data.push({ row: rowNumberOf(i), cells });
  }
  if (data.length > MAX_IMPORT_ROWS) throw new AppError('IMPORT_TOO_LARGE', `${data.length} rows; an import takes at most ${MAX_IMPORT_ROWS}: split the list`);
  return { columns, rows: data };
}

function readCsv(bytes: Buffer): ImportTable {
  const { text, encoding } = decodeCsvText(bytes);
  let records: string[][];
  try {
    records = parseCsv(text, { bom: true, relax_column_count: true, skip_empty_lines: false, relax_quotes: false }) as string[][];
  } catch (err) {
    throw new AppError('IMPORT_FORMAT_INVALID', `not a readable CSV: ${err instanceof Error ? err.message.slice(0, 200) : 'parse error'}`);
  }
  // A record's number is the row Excel shows when it opens the CSV (a quoted address over two lines is one row).
  return { format: 'csv', encoding, sheet: null, ...tableOf(records, (i) => i + 1) };
}

/** A cell as the text a person sees: dates as YYYY-MM-DD, formulas by their result, rich text joined. */
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
    if ('text' in value) return String(value.text);
    if ('error' in value) return '';
    return '';
  }
  return String(value);
}

async function readXlsx(bytes: Buffer): Promise<ImportTable> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw new AppError('IMPORT_FORMAT_INVALID', 'a ZIP file that is not an Excel workbook (.xlsx)');
  }
  const sheet = workbook.getWorksheet('名册') ?? workbook.worksheets[0];
  if (!sheet) throw new AppError('IMPORT_FORMAT_INVALID', 'the workbook has no sheet');
  const rows: string[][] = [];
  const numbers: number[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const values = Array.isArray(row.values) ? row.values.slice(1) : [];
    rows.push(Array.from(values, (v) => cellText(v)));
    numbers.push(rowNumber);
  });
  // U+0000 has no place in a record, and PostgreSQL refuses it in text (refuse-nul.ts says the same of requests).
  if (rows.some((cells) => cells.some((c) => c.includes('\u0000')))) throw new AppError('IMPORT_FORMAT_INVALID', 'a cell holds the character U+0000');
  return { format: 'xlsx', encoding: null, sheet: sheet.name, ...tableOf(rows, (i) => numbers[i]!) };
}

/** The file as a table, or IMPORT_FORMAT_INVALID / IMPORT_ENCODING_UNKNOWN / IMPORT_TOO_LARGE saying why not. */
export async function readImportFile(bytes: Buffer): Promise<ImportTable> {
  refuseOtherFormats(bytes);
  // An XLSX is a ZIP archive: PK\x03\x04.
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return readXlsx(bytes);
  return readCsv(bytes);
}
