import { AppError } from './errors.js';

// A CSV file's bytes as text, for every import that takes one (elders, devices): Excel in China saves CSV as GBK
// unless told "CSV UTF-8", so the encoding is found from the bytes, never from the file's name or the request.

const startsWith = (bytes: Buffer, magic: number[]): boolean => magic.every((b, i) => bytes[i] === b);

/**
 * The text of a CSV and how it was read: UTF-8 when it decodes strictly as UTF-8 (with or without BOM), else
 * GB18030 (a superset of GBK and GB2312). Bytes that are neither (UTF-16, a binary file) are refused: GB18030 decodes
 * almost any bytes, so text with control characters other than tab and line ends is taken as not text at all.
 */
export function decodeCsvText(bytes: Buffer): { text: string; encoding: 'utf-8' | 'gb18030' } {
  if (startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff])) {
    throw new AppError('IMPORT_ENCODING_UNKNOWN', 'the CSV is UTF-16 ("Unicode text"): save it from Excel as "CSV UTF-8" or as XLSX');
  }
  let decoded: { text: string; encoding: 'utf-8' | 'gb18030' };
  try {
    decoded = { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes), encoding: 'utf-8' };
  } catch {
    try {
      decoded = { text: new TextDecoder('gb18030', { fatal: true }).decode(bytes), encoding: 'gb18030' };
    } catch {
      throw new AppError('IMPORT_ENCODING_UNKNOWN');
    }
  }
  // eslint-disable-next-line no-control-regex -- control characters are exactly what tells binary from text
  if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(decoded.text)) throw new AppError('IMPORT_ENCODING_UNKNOWN', 'the file holds control characters: it is not a text CSV');
  return decoded;
}
