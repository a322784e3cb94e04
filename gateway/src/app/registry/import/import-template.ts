import ExcelJS from 'exceljs';
import { idNumberCheckCharacter } from '../../../../../schemas/index.js';
import { IMPORT_FIELDS, IMPORT_HEADERS, type ImportField } from '../../../core/elders/import-columns.js';

// The list the import reads best: every column under its template header, and one example row a county can
// overwrite. The CSV carries a UTF-8 BOM, without which Excel in China opens it as GBK and garbles it.

const EXAMPLE_ID_17 = '33010219450312002';

const EXAMPLE: Record<ImportField, string> = {
  name: '张桂英',
  idNumber: EXAMPLE_ID_17 + idNumberCheckCharacter(EXAMPLE_ID_17),
  sex: '女',
  birthDate: '1945-03-12',
  phone: '13800001234',
  address: '城关镇幸福社区3栋201',
  community: '幸福社区',
  town: '城关镇',
  groups: '独居、低保',
  assessmentLevel: '轻度受损',
  assessedOn: '2026-06-01',
  assessor: '县老年人能力评估中心',
  guardianName: '张明',
  guardianPhone: '13900005678',
  contactName: '李芳',
  contactPhone: '13700009876',
  lng: '120.1551',
  lat: '30.2741',
};

export const templateHeaders = (): string[] => IMPORT_FIELDS.map((f) => IMPORT_HEADERS[f][0]!);

const csvCell = (value: string): string => (/[",\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value);

export function importTemplateCsv(): Buffer {
  const lines = [templateHeaders(), IMPORT_FIELDS.map((f) => EXAMPLE[f])].map((cells) => cells.map(csvCell).join(','));
  return Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');
}

export async function importTemplateXlsx(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('名册');
  sheet.addRow(templateHeaders()).font = { bold: true };
  sheet.addRow(IMPORT_FIELDS.map((f) => EXAMPLE[f]));
  // Text, not numbers: an 18-digit ID number typed into a number cell loses its last digits (1.1E+17).
  for (const field of ['idNumber', 'phone', 'guardianPhone', 'contactPhone', 'birthDate', 'assessedOn'] as const) {
    sheet.getColumn(IMPORT_FIELDS.indexOf(field) + 1).numFmt = '@';
  }
  sheet.columns.forEach((column) => (column.width = 16));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
