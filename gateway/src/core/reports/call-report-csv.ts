import type { CallReport, RegionLevel } from '../../../../schemas/index.js';
import type { ReportSheet } from './alarm-report-sheets.js';
import { csvLine, csvTable } from './csv.js';
import { CALL_CATEGORY_ZH, CALL_LINE_ZH, REGION_LEVEL_ZH } from './labels-zh.js';
import { localDateTime, offsetLabel } from './local-format.js';

// The call report as a supervisor reads it in Excel, like the alarm report's file: parts under their titles, Chinese
// headers and labels, places by name, times on the gateway's local clock.

const defaultLevelName = (level: string): string => REGION_LEVEL_ZH[level as RegionLevel] ?? level;

function callReportSheets(report: CallReport, regionName: string, utcOffsetMinutes: number, levelName: (level: string) => string): ReportSheet[] {
  const line = (item: string, value: string | number, unit: string | null = null) => ({ item, value, unit });
  const offset = offsetLabel(utcOffsetMinutes);
  return [
    {
      name: '概况',
      columns: [
        { key: 'item', header: '项目' },
        { key: 'value', header: '数值' },
        { key: 'unit', header: '单位' },
      ],
      rows: [
        line('区域', regionName),
        line('开始时间', localDateTime(Date.parse(report.from), utcOffsetMinutes), offset),
        line('结束时间', localDateTime(Date.parse(report.to), utcOffsetMinutes), offset),
        line('投诉：新登记', report.complaints.opened, '件'),
        line('投诉：已办结', report.complaints.closed, '件'),
        line('投诉：按时办结', report.complaints.closedInTime, '件'),
        line('投诉：已逾期未办结', report.complaints.overdue, '件'),
      ],
    },
    {
      name: '按日',
      columns: [
        { key: 'day', header: '日期' },
        { key: 'line', header: '线路' },
        { key: 'category', header: '类别' },
        { key: 'count', header: '来电数' },
      ],
      rows: report.byDay.map((d) => ({ day: d.day, line: CALL_LINE_ZH[d.line], category: CALL_CATEGORY_ZH[d.category], count: d.count })),
    },
    {
      name: '分区',
      columns: [
        { key: 'level', header: '层级' },
        { key: 'name', header: '区域' },
        { key: 'count', header: '来电数' },
      ],
      rows: report.byRegion.map((r) => ({ level: levelName(r.level), name: r.name, count: r.count })),
    },
  ];
}

/**
 * One file with three parts under their titles: 【概况】 (the region, the period in local time, the complaints), 【按日】
 * (calls per local day, line and category) and 【分区】 (calls per region below, each with its subtree's; `levelName`
 * names a level as the deployment does, the plans' own names by default).
 */
export function callReportCsv(report: CallReport, regionName: string, utcOffsetMinutes: number, levelName: (level: string) => string = defaultLevelName): string {
  const parts = callReportSheets(report, regionName, utcOffsetMinutes, levelName).map((sheet) => `${csvLine([`【${sheet.name}】`])}${csvTable(sheet.columns, sheet.rows)}\r\n`);
  return `\uFEFF${parts.join('')}`;
}
