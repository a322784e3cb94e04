import type { AlarmReport, RegionLevel } from '../../../../schemas/index.js';
import type { CsvColumn, CsvValue } from './csv.js';
import { ALERT_TYPE_ZH, OUTCOME_ZH, PRIORITY_ZH, REGION_LEVEL_ZH, TASK_OUTCOME_ZH } from './labels-zh.js';
import { localDateTime, offsetLabel } from './local-format.js';

// The alarm report as the tables a supervisor reads in Excel: 概况 (the summary), 按类型 (by alert type), 分区 (each town
// and community) and 响应人员 (each responder). The CSV download writes them one after the other, the XLSX download
// one sheet each, so both files hold the same content. Chinese headers and labels, places by name, times on the
// gateway's local clock, shares as percentages and durations in seconds, both rounded to one decimal.

export interface ReportSheet {
  name: string;
  columns: CsvColumn[];
  rows: Array<Record<string, CsvValue>>;
}

const oneDecimal = (n: number | null): number | null => (n === null ? null : Math.round(n * 10) / 10);
const percent = (share: number | null): number | null => (share === null ? null : oneDecimal(share * 100));

type Duration = AlarmReport['timeToArrive'];
type LevelName = (level: RegionLevel) => string;
const planLevelName: LevelName = (level) => REGION_LEVEL_ZH[level];

/** Three summary lines for a duration: how many were measured, the median and the 90th percentile. */
function durationLines(label: string, d: Duration): Array<Record<string, CsvValue>> {
  return [
    { item: `${label}：统计数`, value: d.count, unit: '条' },
    { item: `${label}：中位数`, value: oneDecimal(d.medianSeconds), unit: '秒' },
    { item: `${label}：90%分位`, value: oneDecimal(d.p90Seconds), unit: '秒' },
  ];
}

function summarySheet(r: AlarmReport, utcOffsetMinutes: number): ReportSheet {
  const line = (item: string, value: CsvValue, unit: string | null = null): Record<string, CsvValue> => ({ item, value, unit });
  const ack = r.timeToAcknowledge;
  return {
    name: '概况',
    columns: [
      { key: 'item', header: '项目' },
      { key: 'value', header: '数值' },
      { key: 'unit', header: '单位' },
    ],
    rows: [
      line('区域', r.regionName),
      line('开始时间', localDateTime(Date.parse(r.from), utcOffsetMinutes), offsetLabel(utcOffsetMinutes)),
      line('结束时间', localDateTime(Date.parse(r.to), utcOffsetMinutes), offsetLabel(utcOffsetMinutes)),
      line(`${OUTCOME_ZH.raised}（不含测试）`, r.outcomes.raised, '条'),
      line(OUTCOME_ZH.resolved, r.outcomes.resolved, '条'),
      line(OUTCOME_ZH.falseAlarms, r.outcomes.falseAlarms, '条'),
      line(OUTCOME_ZH.cancelled, r.outcomes.cancelled, '条'),
      line(OUTCOME_ZH.cleared, r.outcomes.cleared, '条'),
      line(OUTCOME_ZH.open, r.outcomes.open, '条'),
      line('误报率（误报 ÷ 人工关闭）', percent(r.falseAlarmRate), '%'),
      line('测试告警（另计）', r.testAlerts, '条'),
      ...r.byPriority.map((p) => line(PRIORITY_ZH[p.priority], p.count, '条')),
      line('响应：已确认', ack.count, '条'),
      line('响应：超过60秒仍未确认', ack.waiting, '条'),
      line('响应：确认用时中位数', oneDecimal(ack.medianSeconds), '秒'),
      line('响应：确认用时90%分位', oneDecimal(ack.p90Seconds), '秒'),
      line('响应：60秒内确认率', percent(ack.within60sShare), '%'),
      ...durationLines('派单用时', r.timeToDispatch),
      ...durationLines('接单用时', r.timeToAccept),
      ...durationLines('到场用时', r.timeToArrive),
      ...durationLines('解决用时', r.timeToResolve),
      line('回访：应回访', r.followUps.due, '项'),
      line('回访：已完成', r.followUps.done, '项'),
      line('回访：已逾期', r.followUps.overdue, '项'),
      line('回访：完成率', percent(r.followUps.rate), '%'),
      line('探访：本期到期', r.visits.due, '项'),
      ...r.visits.byOutcome.map((o) => line(`探访：${TASK_OUTCOME_ZH[o.outcome]}`, o.count, '项')),
      line('探访：未完成', r.visits.open, '项'),
    ],
  };
}

function byTypeSheet(r: AlarmReport): ReportSheet {
  return {
    name: '按类型',
    columns: [
      { key: 'priority', header: '级别' },
      { key: 'type', header: '告警类型' },
      { key: 'count', header: '告警数' },
    ],
    rows: r.byType.map((t) => ({ priority: PRIORITY_ZH[t.priority], type: ALERT_TYPE_ZH[t.type], count: t.count })),
  };
}

function breakdownSheet(r: AlarmReport, levelName: LevelName): ReportSheet {
  const names = new Map<string, string>([[r.regionId, r.regionName], ...r.breakdown.map((b): [string, string] => [b.regionId, b.name])]);
  return {
    name: '分区',
    columns: [
      { key: 'level', header: '层级' },
      { key: 'parent', header: '上级' },
      { key: 'name', header: '区域' },
      { key: 'raised', header: OUTCOME_ZH.raised },
      { key: 'resolved', header: OUTCOME_ZH.resolved },
      { key: 'falseAlarms', header: OUTCOME_ZH.falseAlarms },
      { key: 'cancelled', header: OUTCOME_ZH.cancelled },
      { key: 'cleared', header: OUTCOME_ZH.cleared },
      { key: 'open', header: OUTCOME_ZH.open },
      { key: 'ackCount', header: '已确认' },
      { key: 'ackWaiting', header: '超过60秒仍未确认' },
      { key: 'ackMedian', header: '确认用时中位数（秒）' },
      { key: 'ackP90', header: '确认用时90%分位（秒）' },
      { key: 'ackShare', header: '60秒内确认率（%）' },
      { key: 'arriveCount', header: '到场数' },
      { key: 'arriveMedian', header: '到场用时中位数（秒）' },
      { key: 'arriveP90', header: '到场用时90%分位（秒）' },
    ],
    rows: r.breakdown.map((b) => ({
      level: levelName(b.level),
      parent: b.parentId === null ? null : (names.get(b.parentId) ?? null),
      name: b.name,
      raised: b.raised,
      resolved: b.outcomes.resolved,
      falseAlarms: b.outcomes.falseAlarms,
      cancelled: b.outcomes.cancelled,
      cleared: b.outcomes.cleared,
      open: b.outcomes.open,
      ackCount: b.timeToAcknowledge.count,
      ackWaiting: b.timeToAcknowledge.waiting,
      ackMedian: oneDecimal(b.timeToAcknowledge.medianSeconds),
      ackP90: oneDecimal(b.timeToAcknowledge.p90Seconds),
      ackShare: percent(b.timeToAcknowledge.within60sShare),
      arriveCount: b.timeToArrive.count,
      arriveMedian: oneDecimal(b.timeToArrive.medianSeconds),
      arriveP90: oneDecimal(b.timeToArrive.p90Seconds),
    })),
  };
}

function respondersSheet(r: AlarmReport): ReportSheet {
  return {
    name: '响应人员',
    columns: [
      { key: 'name', header: '姓名' },
      { key: 'offers', header: '派单次数' },
      { key: 'accepts', header: '接单' },
      { key: 'declines', header: '拒单' },
      { key: 'expired', header: '超时未接' },
      { key: 'acceptMedian', header: '接单用时中位数（秒）' },
      { key: 'acceptP90', header: '接单用时90%分位（秒）' },
      { key: 'arriveCount', header: '到场次数' },
      { key: 'arriveMedian', header: '接单到到场中位数（秒）' },
      { key: 'arriveP90', header: '接单到到场90%分位（秒）' },
    ],
    rows: r.responders.map((p) => ({
      name: p.displayName,
      offers: p.offers,
      accepts: p.accepts,
      declines: p.declines,
      expired: p.expired,
      acceptMedian: oneDecimal(p.timeToAccept.medianSeconds),
      acceptP90: oneDecimal(p.timeToAccept.p90Seconds),
      arriveCount: p.timeToArrive.count,
      arriveMedian: oneDecimal(p.timeToArrive.medianSeconds),
      arriveP90: oneDecimal(p.timeToArrive.p90Seconds),
    })),
  };
}

/** The report's four tables, in the order a reader goes through them. */
/** `levelName`: a region level as the deployment names it (REGION_LEVEL_NAMES); the plans' own names by default. */
export function alarmReportSheets(report: AlarmReport, utcOffsetMinutes: number, levelName: LevelName = planLevelName): ReportSheet[] {
  return [summarySheet(report, utcOffsetMinutes), byTypeSheet(report), breakdownSheet(report, levelName), respondersSheet(report)];
}
