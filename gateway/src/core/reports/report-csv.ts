import type { AlarmReport, VisitCoverage } from '../../../../schemas/index.js';
import { alarmReportSheets } from './alarm-report-sheets.js';
import { csvLine, csvTable, toCsv } from './csv.js';
import { visitCoverageSheet } from './visit-coverage-sheet.js';

// The report downloads as CSV, for format=csv: the same tables as the XLSX downloads.

/**
 * The alarm report's four tables (alarm-report-sheets.ts) in one file, each under its title line (【概况】, 【按类型】,
 * 【分区】, 【响应人员】) and followed by an empty line: Excel opens it as one sheet, read top to bottom.
 */
export function alarmReportCsv(report: AlarmReport, utcOffsetMinutes: number): string {
  const parts = alarmReportSheets(report, utcOffsetMinutes).map((sheet) => `${csvLine([`【${sheet.name}】`])}${csvTable(sheet.columns, sheet.rows)}\r\n`);
  return `\uFEFF${parts.join('')}`;
}

/** One line per place, then the total line (合计); the rate in percent, empty when nothing was due. */
export function visitCoverageCsv(coverage: VisitCoverage): string {
  const sheet = visitCoverageSheet(coverage);
  return toCsv(sheet.columns, sheet.rows);
}
