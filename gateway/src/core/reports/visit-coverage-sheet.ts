import type { VisitCoverage } from '../../../../schemas/index.js';
import type { ReportSheet } from './alarm-report-sheets.js';

// The visit coverage as the table the CSV and the XLSX downloads share: one line per place, then the total (合计).

/** The name of the total line in the files. */
const TOTAL_ZH = '合计';

export function visitCoverageSheet(coverage: VisitCoverage): ReportSheet {
  return {
    name: '探访覆盖',
    columns: [
      { key: 'month', header: '月份' },
      { key: 'regionName', header: '区域' },
      { key: 'due', header: '应探访（人）' },
      { key: 'visited', header: '已探访（人）' },
      { key: 'rate', header: '探访率（%）' },
    ],
    rows: [...coverage.rows, { ...coverage.total, regionName: TOTAL_ZH }].map((r) => ({
      month: coverage.month,
      regionName: r.regionName,
      due: r.due,
      visited: r.visited,
      rate: r.rate === null ? null : Math.round(r.rate * 1000) / 10,
    })),
  };
}
