import type { AlarmReport, RegionLevel, VisitCoverage } from '../../../../schemas/index.js';
import { alarmReportSheets } from './alarm-report-sheets.js';
import { csvLine, csvTable } from './csv.js';
import { visitCoverageSheets } from './visit-coverage-sheet.js';

// The report downloads as CSV, for format=csv: the same tables as the XLSX downloads.

/**
 * The alarm report's four tables (alarm-report-sheets.ts) in one file, each under its title line (【概况】, 【按类型】,
 * 【分区】, 【响应人员】) and followed by an empty line: Excel opens it as one sheet, read top to bottom.
 */
export function alarmReportCsv(report: AlarmReport, utcOffsetMinutes: number, levelName?: (level: RegionLevel) => string): string {
  const parts = alarmReportSheets(report, utcOffsetMinutes, levelName).map((sheet) => `${csvLine([`【${sheet.name}】`])}${csvTable(sheet.columns, sheet.rows)}\r\n`);
  return `\uFEFF${parts.join('')}`;
}

/** The coverage's four tables (visit-coverage-sheet.ts) in one file, each under its title line, as the alarm report. */
export function visitCoverageCsv(coverage: VisitCoverage, utcOffsetMinutes: number): string {
  const parts = visitCoverageSheets(coverage, utcOffsetMinutes).map((sheet) => `${csvLine([`【${sheet.name}】`])}${csvTable(sheet.columns, sheet.rows)}\r\n`);
  return `\uFEFF${parts.join('')}`;
}
