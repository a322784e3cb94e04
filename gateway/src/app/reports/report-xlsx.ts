import type { ReportSheet } from '../../core/reports/alarm-report-sheets.js';

// A report as an Excel workbook (format=xlsx): one worksheet per table of the report, a bold header row that stays
// in view when scrolling, columns wide enough for their Chinese headers. exceljs is loaded on the first download
// only: it is large, and most gateways never write a workbook, so it should not slow every start.

/** Columns as wide as their widest cell, counting a CJK character as two (as Excel's default font draws it). */
function widthOf(values: ReadonlyArray<unknown>): number {
  const width = (v: unknown): number => [...String(v ?? '')].reduce((w, ch) => w + (/[\u2E80-\uFFEF]/.test(ch) ? 2 : 1), 0);
  return Math.min(60, Math.max(8, ...values.map(width)) + 2);
}

export async function reportWorkbook(sheets: ReadonlyArray<ReportSheet>, meta: { title: string; created: Date }): Promise<Buffer> {
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'eldercare-gateway';
  workbook.title = meta.title;
  workbook.created = meta.created;
  for (const sheet of sheets) {
    const ws = workbook.addWorksheet(sheet.name, { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.columns = sheet.columns.map((c) => ({ header: c.header, key: c.key, width: widthOf([c.header, ...sheet.rows.map((r) => r[c.key])]) }));
    ws.getRow(1).font = { bold: true };
    // A string is written as a string cell, which Excel never runs as a formula, so names typed by people need no
    // guard here (the CSV's apostrophe would only show).
    for (const row of sheet.rows) ws.addRow(row);
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
