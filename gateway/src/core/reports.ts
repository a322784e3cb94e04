import type { AlarmReport, Priority, VisitCoverage } from '../../../schemas/index.js';
import { ALERT_TYPES, OPEN_ALERT_STATUSES } from '../../../schemas/index.js';
import type { Alert } from './alerts/alert.js';
import type { Task } from './tasks/task.js';
import { SECOND } from './time-units.js';

// What supervisors and the county ask of the desk and the workers, computed from stored records: how many alarms,
// how fast they were answered and reached, how many were false; and whether every elder due a monthly visit got
// one. Pure; the report service loads the records, and the CSV forms are what the REST API returns for format=csv.

const PRIORITIES: readonly Priority[] = [1, 2, 3];

type DurationStats = AlarmReport['timeToArrive'];

/** Median and nearest-rank 90th percentile of `seconds`; nulls when there is nothing to measure. */
function durationStats(seconds: readonly number[]): DurationStats {
  const sorted = [...seconds].sort((a, b) => a - b);
  const n = sorted.length;
  if (n === 0) return { count: 0, medianSeconds: null, p90Seconds: null };
  const at = (i: number): number => sorted[i] as number;
  const mid = Math.floor(n / 2);
  const median = n % 2 === 1 ? at(mid) : (at(mid - 1) + at(mid)) / 2;
  // Nearest rank: the smallest value with at least 90% of values at or below it. 9n/10 in integers, because 0.9 * n
  // in floating point can land just above a whole number and pick the next rank.
  const p90 = at(Math.ceil((9 * n) / 10) - 1);
  return { count: n, medianSeconds: median, p90Seconds: p90 };
}

const secondsBetween = (from: number, to: number): number => (to - from) / SECOND;

/** The telecare sector's target: an alarm acknowledged within this long is answered in time. */
export const ACK_TARGET_SECONDS = 60;

/**
 * Time to acknowledge, as of `now`, over real alerts. An alert still open and unacknowledged for longer than the
 * target is already a miss: it counts in `waiting`, as missed in the share, and in the median and p90 with its age so
 * far (a lower bound: it only grows). Counting acknowledged alerts alone made a desk that leaves P1 alarms unanswered
 * look fast. One still waiting within the target is neither a hit nor a miss yet and is left out until it is one.
 * Alerts closed without an acknowledgement (cancelled by the elder, cleared by the gateway) had nobody to answer.
 */
export function timeToAcknowledge(alerts: ReadonlyArray<Alert>, now: number): AlarmReport['timeToAcknowledge'] {
  const acked: number[] = [];
  const waitingAges: number[] = [];
  for (const a of alerts) {
    if (a.acknowledgedAt !== null) acked.push(secondsBetween(a.raisedAt, a.acknowledgedAt));
    else if (OPEN_ALERT_STATUSES.includes(a.status)) {
      const age = secondsBetween(a.raisedAt, now);
      if (age > ACK_TARGET_SECONDS) waitingAges.push(age);
    }
  }
  const measured = [...acked, ...waitingAges];
  const stats = durationStats(measured);
  return {
    ...stats,
    count: acked.length,
    waiting: waitingAges.length,
    within60sShare: measured.length === 0 ? null : acked.filter((s) => s <= ACK_TARGET_SECONDS).length / measured.length,
  };
}

/**
 * The alarm report for alerts raised in [from, to) (the store's period filter, applied again so the function
 * means what it says). Alerts from devices in test mode are counted in `testAlerts` and nowhere else: an installer's
 * test must not make the desk look slow or the alarms look many. byType is sorted by priority, then by the order of
 * the alert type catalogue (SOS before fall, as the desk lists them), with types that did not occur left out.
 * `now` is when the report is made: alerts still waiting then count in the time to acknowledge (timeToAcknowledge).
 */
export function alarmReport(alerts: ReadonlyArray<Alert>, period: { from: number; to: number }, regionId: string, now: number): AlarmReport {
  const inPeriod = alerts.filter((a) => a.raisedAt >= period.from && a.raisedAt < period.to);
  const real = inPeriod.filter((a) => !a.test);

  const byTypeCount = new Map<Alert['type'], { priority: Priority; count: number }>();
  for (const a of real) {
    const entry = byTypeCount.get(a.type) ?? { priority: a.priority, count: 0 };
    byTypeCount.set(a.type, { ...entry, count: entry.count + 1 });
  }
  const byType = [...byTypeCount.entries()]
    .map(([type, { priority, count }]) => ({ type, priority, count }))
    .sort((x, y) => x.priority - y.priority || ALERT_TYPES.indexOf(x.type) - ALERT_TYPES.indexOf(y.type));

  const arriveSeconds = real.flatMap((a) => (a.arrivedAt === null ? [] : [secondsBetween(a.raisedAt, a.arrivedAt)]));
  const falseAlarms = real.filter((a) => a.status === 'false_alarm').length;
  // Closed by a person: cancelled by the elder and cleared by the condition are neither true nor false alarms.
  const closedByPerson = falseAlarms + real.filter((a) => a.status === 'resolved').length;

  return {
    from: new Date(period.from).toISOString(),
    to: new Date(period.to).toISOString(),
    regionId,
    total: real.length,
    testAlerts: inPeriod.length - real.length,
    byType,
    byPriority: PRIORITIES.map((priority) => ({ priority, count: real.filter((a) => a.priority === priority).length })),
    timeToAcknowledge: timeToAcknowledge(real, now),
    timeToArrive: durationStats(arriveSeconds),
    falseAlarms,
    falseAlarmRate: closedByPerson === 0 ? null : falseAlarms / closedByPerson,
  };
}

type CoverageRow = VisitCoverage['total'];

function coverageRow(regionId: string, regionName: string, due: number, visited: number): CoverageRow {
  return { regionId, regionName, due, visited, rate: due === 0 ? null : visited / due };
}

/** The name of the total row; its regionId is the region the report was asked for. */
export const COVERAGE_TOTAL_NAME = 'total';

/**
 * Monthly visit coverage, one row per place (the communities of the region, as the caller lists them) and a total.
 * Due: distinct elders with a monthly visit for the month that was not cancelled (a cancelled visit means the
 * elder is no longer due, e.g. moved away). Visited: distinct elders with such a visit done with outcome
 * 'visited'; done with 'not_home' or 'refused' is due but not visited. Counting elders, not tasks, keeps the rate at
 * most 1 whatever the store holds. The total sums the rows, which the caller gives as disjoint places.
 */
export function visitCoverage(
  month: string,
  regionId: string,
  rows: ReadonlyArray<{ regionId: string; regionName: string; visits: ReadonlyArray<Task> }>,
): VisitCoverage {
  const out = rows.map((row) => {
    const counted = row.visits.filter((t) => t.kind === 'monthly_visit' && t.month === month && !t.test && t.status !== 'cancelled');
    const due = new Set(counted.map((t) => t.elderId)).size;
    const visited = new Set(counted.filter((t) => t.status === 'done' && t.outcome === 'visited').map((t) => t.elderId)).size;
    return coverageRow(row.regionId, row.regionName, due, visited);
  });
  const due = out.reduce((sum, r) => sum + r.due, 0);
  const visited = out.reduce((sum, r) => sum + r.visited, 0);
  return { month, regionId, rows: out, total: coverageRow(regionId, COVERAGE_TOTAL_NAME, due, visited) };
}

export type CsvValue = string | number | boolean | null;

// Excel runs a cell that starts with one of these as a formula (CSV injection); names typed by people (regions)
// reach these files, so such text gets a leading apostrophe, which Excel shows as plain text. Numbers are left alone.
const FORMULA_START = /^[=+\-@\t\r]/;

function csvField(value: CsvValue): string {
  if (value === null) return '';
  const text = typeof value === 'string' && FORMULA_START.test(value) ? `'${value}` : String(value);
  // RFC 4180 §2.6–2.7: fields with quotes, commas or line breaks are quoted, and quotes inside are doubled.
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * RFC 4180 CSV: a header line, then one line per row, every line ending in CRLF. A UTF-8 byte order mark comes first:
 * without it Excel on a Chinese Windows reads the file as GBK and shows the Chinese headers as mojibake.
 */
export function toCsv(columns: ReadonlyArray<{ key: string; header: string }>, rows: ReadonlyArray<Record<string, CsvValue>>): string {
  const line = (values: CsvValue[]): string => `${values.map(csvField).join(',')}\r\n`;
  return `\uFEFF${line(columns.map((c) => c.header))}${rows.map((row) => line(columns.map((c) => row[c.key] ?? null))).join('')}`;
}

const ALARM_COLUMNS = [
  { key: 'section', header: '分类 section' },
  { key: 'item', header: '项目 item' },
  { key: 'priority', header: '级别 priority' },
  { key: 'value', header: '数值 value' },
];

/**
 * The alarm report as one four-column table a supervisor can filter in Excel (分类 section / 项目 item / 级别 priority /
 * 数值 value), read top to bottom:
 *   summary   region, from, to, total, test_alerts, ack_count, ack_waiting, ack_median_seconds, ack_p90_seconds,
 *             ack_within_60s_share, arrive_count, arrive_median_seconds, arrive_p90_seconds, false_alarms,
 *             false_alarm_rate                                          (priority empty; nothing measured: empty)
 *   priority  P1, P2, P3 with their counts                             (always all three)
 *   type      one line per alert type that occurred, e.g. "sos", 1, 3  (same order as byType)
 * Shares and rates are fractions (0.25), so Excel can format them as percentages and compute with them.
 */
export function alarmReportCsv(report: AlarmReport): string {
  const summary = (item: string, value: CsvValue): Record<string, CsvValue> => ({ section: 'summary', item, priority: null, value });
  const ack = report.timeToAcknowledge;
  const arrive = report.timeToArrive;
  return toCsv(ALARM_COLUMNS, [
    summary('region', report.regionId),
    summary('from', report.from),
    summary('to', report.to),
    summary('total', report.total),
    summary('test_alerts', report.testAlerts),
    summary('ack_count', ack.count),
    summary('ack_waiting', ack.waiting),
    summary('ack_median_seconds', ack.medianSeconds),
    summary('ack_p90_seconds', ack.p90Seconds),
    summary('ack_within_60s_share', ack.within60sShare),
    summary('arrive_count', arrive.count),
    summary('arrive_median_seconds', arrive.medianSeconds),
    summary('arrive_p90_seconds', arrive.p90Seconds),
    summary('false_alarms', report.falseAlarms),
    summary('false_alarm_rate', report.falseAlarmRate),
    ...report.byPriority.map((p) => ({ section: 'priority', item: `P${p.priority}`, priority: p.priority, value: p.count })),
    ...report.byType.map((t) => ({ section: 'type', item: t.type, priority: t.priority, value: t.count })),
  ]);
}

const COVERAGE_COLUMNS = [
  { key: 'month', header: '月份 month' },
  { key: 'regionId', header: '区域编号 region id' },
  { key: 'regionName', header: '区域 region' },
  { key: 'due', header: '应探访 due' },
  { key: 'visited', header: '已探访 visited' },
  { key: 'rate', header: '探访率 rate' },
];

/** One line per place, then the total line (region name "total"); the rate as a fraction, empty when nothing was due. */
export function visitCoverageCsv(coverage: VisitCoverage): string {
  return toCsv(
    COVERAGE_COLUMNS,
    [...coverage.rows, coverage.total].map((r) => ({ month: coverage.month, ...r })),
  );
}
