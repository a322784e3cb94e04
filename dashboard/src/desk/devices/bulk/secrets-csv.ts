// The secrets of a bulk registration as a CSV file for the installers' configuration tool: id, kind, elderId,
// secret; with a BOM, so Excel on a Chinese Windows reads it as UTF-8.

export interface CreatedDevice {
  id: string;
  kind: string;
  elderId: string;
  secret: string;
}

/** A field quoted when it holds a comma, a quote or a line break (RFC 4180). */
const field = (value: string) => (/[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value);

export function secretsCsv(created: readonly CreatedDevice[]): string {
  const lines = [['id', 'kind', 'elderId', 'secret'], ...created.map((d) => [d.id, d.kind, d.elderId, d.secret])];
  return `\ufeff${lines.map((cols) => cols.map(field).join(',')).join('\r\n')}\r\n`;
}
