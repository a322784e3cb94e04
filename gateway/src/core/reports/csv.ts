// CSV as Excel on a Chinese Windows opens it: RFC 4180, a UTF-8 byte order mark, and text that looks like a formula
// kept from running as one.

export type CsvValue = string | number | boolean | null;

// Excel runs a cell that starts with one of these as a formula (CSV injection); names typed by people (regions)
// reach these files, so such text gets a leading apostrophe, which Excel shows as plain text. Numbers are left alone.
const FORMULA_START = /^[=+\-@\t\r]/;

/** Text Excel must show as typed, not run: with a leading apostrophe when it starts like a formula. */
export const inertText = (text: string): string => (FORMULA_START.test(text) ? `'${text}` : text);

function csvField(value: CsvValue): string {
  if (value === null) return '';
  const text = typeof value === 'string' ? inertText(value) : String(value);
  // RFC 4180 §2.6–2.7: fields with quotes, commas or line breaks are quoted, and quotes inside are doubled.
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export interface CsvColumn {
  key: string;
  header: string;
}

/** One CSV line, ending in CRLF. */
export const csvLine = (values: readonly CsvValue[]): string => `${values.map(csvField).join(',')}\r\n`;

/** A header line, then one line per row; no byte order mark (a part of a larger file). */
export function csvTable(columns: ReadonlyArray<CsvColumn>, rows: ReadonlyArray<Record<string, CsvValue>>): string {
  return `${csvLine(columns.map((c) => c.header))}${rows.map((row) => csvLine(columns.map((c) => row[c.key] ?? null))).join('')}`;
}

/**
 * RFC 4180 CSV: a header line, then one line per row, every line ending in CRLF. A UTF-8 byte order mark comes first:
 * without it Excel on a Chinese Windows reads the file as GBK and shows the Chinese headers as mojibake.
 */
export function toCsv(columns: ReadonlyArray<CsvColumn>, rows: ReadonlyArray<Record<string, CsvValue>>): string {
  return `\uFEFF${csvTable(columns, rows)}`;
}
