import type { VisitCoverage, VisitGapReason } from '../../../../schemas/index.js';
import { ELDER_GROUP_LABELS, VISIT_MODE_LABELS, type VisitPolicySubject } from '../../../../schemas/index.js';
import type { ReportSheet } from './alarm-report-sheets.js';
import type { CsvValue } from './csv.js';
import { localDateTime } from './local-format.js';

// The visit coverage as the tables the CSV and the XLSX downloads share: 分区 (each place at every depth, indented by
// depth, then the total 合计), 按群体 (per group), 按方式 (per way of visiting) and 未覆盖名单 (who is still owed a
// visit, and why). Chinese headers and labels, places and elders by name, dates on the gateway's local clock.

const TOTAL_ZH = '合计';

export const GAP_REASON_ZH: Record<VisitGapReason, string> = {
  not_home: '老人不在家',
  refused: '老人拒绝',
  mode_not_counted: '探访方式不计入',
  not_attempted: '未探访',
  in_progress: '进行中',
};

const SUBJECT_ZH = (s: VisitPolicySubject): string => (s === 'very_old' ? '高龄' : ELDER_GROUP_LABELS[s]['zh-CN']);

const percent = (rate: number | null): number | null => (rate === null ? null : Math.round(rate * 1000) / 10);

type Figures = VisitCoverage['total'];

const FIGURE_COLUMNS = [
  { key: 'elders', header: '应探访老人（人）' },
  { key: 'due', header: '应探访（人次）' },
  { key: 'covered', header: '已覆盖（人次）' },
  { key: 'rate', header: '覆盖率（%）' },
  { key: 'not_home', header: `未覆盖：${GAP_REASON_ZH.not_home}` },
  { key: 'refused', header: `未覆盖：${GAP_REASON_ZH.refused}` },
  { key: 'mode_not_counted', header: `未覆盖：${GAP_REASON_ZH.mode_not_counted}` },
  { key: 'not_attempted', header: `未覆盖：${GAP_REASON_ZH.not_attempted}` },
  { key: 'in_progress', header: `未覆盖：${GAP_REASON_ZH.in_progress}` },
];

const figureCells = (f: Figures): Record<string, CsvValue> => ({ elders: f.elders, due: f.due, covered: f.covered, rate: percent(f.rate), ...f.gaps });

export function visitCoverageSheets(coverage: VisitCoverage, utcOffsetMinutes: number): ReportSheet[] {
  return [
    {
      name: '分区',
      columns: [{ key: 'range', header: '期间' }, { key: 'regionName', header: '区域' }, { key: 'depth', header: '层级' }, ...FIGURE_COLUMNS],
      rows: [
        // indented by depth with full-width spaces, so the tree reads in Excel as on the screen
        ...coverage.rows.map((r) => ({ range: coverage.range, regionName: `${'\u3000'.repeat(r.depth - 1)}${r.regionName}`, depth: r.depth, ...figureCells(r) })),
        { range: coverage.range, regionName: `${TOTAL_ZH}（${coverage.regionName}）`, depth: 0, ...figureCells(coverage.total) },
      ],
    },
    {
      name: '按群体',
      columns: [{ key: 'group', header: '群体' }, ...FIGURE_COLUMNS],
      rows: coverage.byGroup.map((g) => ({ group: SUBJECT_ZH(g.group), ...figureCells(g) })),
    },
    {
      name: '按方式',
      columns: [
        { key: 'mode', header: '探访方式' },
        { key: 'covered', header: '已覆盖（人次）' },
      ],
      rows: coverage.byMode.map((m) => ({ mode: VISIT_MODE_LABELS[m.mode]['zh-CN'], covered: m.covered })),
    },
    {
      name: '未覆盖名单',
      columns: [
        { key: 'regionName', header: '区域' },
        { key: 'elderName', header: '姓名' },
        { key: 'period', header: '探访周期' },
        { key: 'periodEndsAt', header: '周期截止' },
        { key: 'reason', header: '原因' },
      ],
      rows: coverage.gaps.map((g) => ({
        regionName: g.regionName,
        elderName: g.elderName,
        period: g.period,
        periodEndsAt: localDateTime(g.periodEndsAt, utcOffsetMinutes),
        reason: GAP_REASON_ZH[g.reason],
      })),
    },
  ];
}
