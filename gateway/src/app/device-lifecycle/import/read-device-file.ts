import { parse as parseCsv } from 'csv-parse/sync';
import { deviceCells, mapDeviceColumns } from '../../../core/device-lifecycle/device-import-columns.js';
import type { DeviceFileRow } from '../../../core/device-lifecycle/device-import-rows.js';
import { decodeCsvText } from '../../csv-text.js';
import { AppError } from '../../errors.js';

// A device file (CSV, UTF-8 with or without BOM, or GBK as Excel in China saves it) as rows of cells by field. The
// header is its first line; blank lines are skipped. A file of more than MAX_DEVICE_ROWS is refused whole: one
// transaction registers all of it or none, and an installer's list is a few hundred lines.

export const MAX_DEVICE_ROWS = 5000;

export function readDeviceFile(bytes: Buffer): DeviceFileRow[] {
  if (bytes.length === 0) throw new AppError('IMPORT_FORMAT_INVALID', 'the file is empty');
  const { text } = decodeCsvText(bytes);
  let records: string[][];
  try {
    records = parseCsv(text, { bom: true, relax_column_count: true, skip_empty_lines: false, relax_quotes: false }) as string[][];
  } catch (err) {
    throw new AppError('IMPORT_FORMAT_INVALID', `not a readable CSV: ${err instanceof Error ? err.message.slice(0, 200) : 'parse error'}`);
  }
  const header = records[0];
  if (!header) throw new AppError('IMPORT_FORMAT_INVALID', 'the file has no rows');
  const columns = mapDeviceColumns(header);
  if (columns.missing.length > 0 || columns.repeated.length > 0) {
    const what = [
      ...(columns.missing.length > 0 ? [`missing: ${columns.missing.join(', ')}`] : []),
      ...(columns.repeated.length > 0 ? [`given twice: ${columns.repeated.join(', ')}`] : []),
    ];
    throw new AppError('IMPORT_FORMAT_INVALID', `the first line must name the columns (类型, 老人编号 or 身份证号, ...); ${what.join('; ')}`);
  }
  const rows: DeviceFileRow[] = [];
  records.forEach((cells, i) => {
    if (i === 0 || cells.every((c) => c.trim() === '')) return;
    rows.push({ line: i + 1, cells: deviceCells(columns, cells) });
  });
  if (rows.length > MAX_DEVICE_ROWS) throw new AppError('IMPORT_TOO_LARGE', `${rows.length} rows; a device file takes at most ${MAX_DEVICE_ROWS}: split it`);
  if (rows.length === 0) throw new AppError('IMPORT_FORMAT_INVALID', 'the file has a header but no devices');
  return rows;
}
