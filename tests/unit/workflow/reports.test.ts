import { describe, expect, it } from 'vitest';
import type { AlarmReport } from '../../../schemas/index.js';
import { alarmReportSchema, visitCoverageSchema } from '../../../schemas/index.js';
import type { Alert } from '../../../gateway/src/core/alerts/alert.js';
import { ALERT_TYPE_INFO } from '../../../gateway/src/core/alerts/alert-types.js';
import { alarmReport, alarmReportCsv, toCsv, visitCoverage, visitCoverageCsv } from '../../../gateway/src/core/reports.js';
import type { Task } from '../../../gateway/src/core/tasks/task.js';
import { T0 } from '../../support/elder-state.js';
import { sampleAlert, sampleTask } from '../../support/fixtures.js';

// Reports over a small, hand-counted scenario: every expected number below is worked out in the comments.

const SECOND = 1000;
const DAY = 86_400_000;
const PERIOD = { from: T0, to: T0 + DAY };
const MADE = PERIOD.to;

let n = 0;
/** A real alert raised in the period, `ack` / `arrive` seconds after it was raised (null: never). */
function alert(type: Alert['type'], status: Alert['status'], ack: number | null, arrive: number | null = null, overrides: Partial<Alert> = {}): Alert {
  const raisedAt = T0 + ++n * 60 * SECOND;
  return sampleAlert(`a-${n}`, {
    type,
    priority: ALERT_TYPE_INFO[type].priority,
    status,
    dedupKey: type,
    context: {},
    raisedAt,
    lastSeenAt: raisedAt,
    acknowledgedAt: ack === null ? null : raisedAt + ack * SECOND,
    acknowledgedBy: ack === null ? null : 'user:desk',
    arrivedAt: arrive === null ? null : raisedAt + arrive * SECOND,
    ...overrides,
  });
}

// The report is made at the end of the day (MADE). Acknowledged after 5, 12, 20, 30, 45, 58, 60, 75, 120, 300 s (ten
// alerts), and #13 is still open and unacknowledged, raised at T0 + 13 min: waiting 86,400 − 780 = 85,620 s, a miss.
// Eleven measured: median = sorted[5] = 58; p90 = sorted[ceil(0.9 × 11) − 1] = sorted[9] = 300; within 60 s: 7 of 11.
// Arrived after 600, 900, 1500 s: median 900; p90 = sorted[ceil(2.7) − 1] = sorted[2] = 1500.
// Closed by a person: resolved 6 (#1 #2 #3 #5 #6 #8) + false alarms 2 (#4 #7) = 8, so the rate is 2 / 8 = 0.25.
// Cancelled (#11), cleared (#12) and still open ones count as alarms but neither as true nor as false.
const SCENARIO: Alert[] = [
  alert('sos', 'resolved', 5, 600), // 1
  alert('sos', 'resolved', 12, 900), // 2
  alert('fall', 'resolved', 20, 1500), // 3
  alert('smoke', 'false_alarm', 30), // 4
  alert('inactivity', 'resolved', 45), // 5
  alert('heart_rate_high', 'resolved', 58), // 6
  alert('door_inactive', 'false_alarm', 60), // 7: exactly 60 s counts as within 60 s
  alert('sos', 'resolved', 75), // 8
  alert('water_leak', 'acknowledged', 120), // 9
  alert('device_offline', 'on_hold', 300), // 10
  alert('sos', 'cancelled', null), // 11
  alert('low_battery', 'cleared', null), // 12
  alert('fall', 'raised', null), // 13
  // Test alarms: counted apart, in nothing else (a slow ack and a false alarm that would skew every number).
  alert('sos', 'false_alarm', 1000, 2000, { test: true }),
  alert('fall', 'raised', null, null, { test: true }),
  // Outside [from, to): not in the report at all.
  alert('sos', 'false_alarm', 1, null, { raisedAt: T0 - 1 }),
  alert('sos', 'false_alarm', 1, null, { raisedAt: T0 + DAY }),
];

describe('alarm report', () => {
  const report = alarmReport(SCENARIO, PERIOD, 'county-1', MADE);

  it('when a day of alarms is reported, then the counts, response times and false-alarm rate are as counted by hand', () => {
    expect(report).toEqual<AlarmReport>({
      from: new Date(T0).toISOString(),
      to: new Date(T0 + DAY).toISOString(),
      regionId: 'county-1',
      total: 13,
      testAlerts: 2,
      // By priority, then in the order of the alert type catalogue.
      byType: [
        { type: 'sos', priority: 1, count: 4 },
        { type: 'fall', priority: 1, count: 2 },
        { type: 'smoke', priority: 1, count: 1 },
        { type: 'heart_rate_high', priority: 2, count: 1 },
        { type: 'inactivity', priority: 2, count: 1 },
        { type: 'door_inactive', priority: 2, count: 1 },
        { type: 'water_leak', priority: 2, count: 1 },
        { type: 'device_offline', priority: 3, count: 1 },
        { type: 'low_battery', priority: 3, count: 1 },
      ],
      byPriority: [
        { priority: 1, count: 7 },
        { priority: 2, count: 4 },
        { priority: 3, count: 2 },
      ],
      timeToAcknowledge: { count: 10, waiting: 1, medianSeconds: 58, p90Seconds: 300, within60sShare: 7 / 11 },
      timeToArrive: { count: 3, medianSeconds: 900, p90Seconds: 1500 },
      falseAlarms: 2,
      falseAlarmRate: 0.25,
    });
    expect(alarmReportSchema.parse(report)).toEqual(report);
  });

  it('when an odd number of alerts was acknowledged, then the median is the middle one', () => {
    const odd = alarmReport([alert('sos', 'resolved', 30), alert('sos', 'resolved', 10), alert('sos', 'resolved', 90)], PERIOD, 'c', MADE);
    // Sorted 10, 30, 90: median 30; p90 = sorted[ceil(2.7) − 1] = 90; within 60 s: 2 of 3.
    expect(odd.timeToAcknowledge).toEqual({ count: 3, waiting: 0, medianSeconds: 30, p90Seconds: 90, within60sShare: 2 / 3 });
  });

  it('when the period had no alarms, then the counts are zero, every priority is listed and the measures are null', () => {
    expect(alarmReport([], PERIOD, 'community-1', MADE)).toEqual({
      from: new Date(T0).toISOString(),
      to: new Date(T0 + DAY).toISOString(),
      regionId: 'community-1',
      total: 0,
      testAlerts: 0,
      byType: [],
      byPriority: [
        { priority: 1, count: 0 },
        { priority: 2, count: 0 },
        { priority: 3, count: 0 },
      ],
      timeToAcknowledge: { count: 0, waiting: 0, medianSeconds: null, p90Seconds: null, within60sShare: null },
      timeToArrive: { count: 0, medianSeconds: null, p90Seconds: null },
      falseAlarms: 0,
      falseAlarmRate: null,
    });
  });

  it('when the period had only test alarms, then they are counted apart and every measure stays empty', () => {
    const tests = alarmReport([alert('sos', 'false_alarm', 5, 60, { test: true })], PERIOD, 'c', MADE);
    expect(tests).toMatchObject({ total: 0, testAlerts: 1, byType: [], falseAlarms: 0, falseAlarmRate: null, timeToAcknowledge: { count: 0 }, timeToArrive: { count: 0 } });
  });

  it('when the report is downloaded as CSV, then it starts with the summary, then priorities, then one line per type', () => {
    const lines = alarmReportCsv(report).replace(/^\uFEFF/, '').split('\r\n');
    expect(lines.slice(0, 16)).toEqual([
      '分类 section,项目 item,级别 priority,数值 value',
      'summary,region,,county-1',
      `summary,from,,${new Date(T0).toISOString()}`,
      `summary,to,,${new Date(T0 + DAY).toISOString()}`,
      'summary,total,,13',
      'summary,test_alerts,,2',
      'summary,ack_count,,10',
      'summary,ack_waiting,,1',
      'summary,ack_median_seconds,,58',
      'summary,ack_p90_seconds,,300',
      `summary,ack_within_60s_share,,${7 / 11}`,
      'summary,arrive_count,,3',
      'summary,arrive_median_seconds,,900',
      'summary,arrive_p90_seconds,,1500',
      'summary,false_alarms,,2',
      'summary,false_alarm_rate,,0.25',
    ]);
    expect(lines.slice(16)).toEqual([
      'priority,P1,1,7',
      'priority,P2,2,4',
      'priority,P3,3,2',
      'type,sos,1,4',
      'type,fall,1,2',
      'type,smoke,1,1',
      'type,heart_rate_high,2,1',
      'type,inactivity,2,1',
      'type,door_inactive,2,1',
      'type,water_leak,2,1',
      'type,device_offline,3,1',
      'type,low_battery,3,1',
      // Every line ends in CRLF, so splitting leaves an empty last piece.
      '',
    ]);
  });

  it('when nothing was measured, then the CSV leaves those cells empty', () => {
    expect(alarmReportCsv(alarmReport([], PERIOD, 'c', MADE))).toContain('\r\nsummary,ack_median_seconds,,\r\n');
  });
});

let t = 0;
function visit(elderId: string, status: Task['status'], outcome: Task['outcome'] = null, overrides: Partial<Task> = {}): Task {
  return sampleTask(`t-${++t}`, {
    kind: 'monthly_visit',
    reason: 'monthly_visit',
    status,
    elderId,
    deviceId: null,
    dedupKey: 'monthly_visit:2026-12',
    month: '2026-12',
    completedAt: status === 'done' ? T0 + DAY : null,
    completedBy: status === 'done' ? 'user:wang' : null,
    outcome,
    ...overrides,
  });
}

describe('visit coverage', () => {
  // East gate: due a1 a2 a3 a5 (a4's visit was cancelled) = 4; visited a1 and a5 (a2 was not home) = 2; rate 0.5.
  // Old town: nothing due, rate null. Riverside: 3 due, 3 visited. Total: 5 of 7.
  const coverage = visitCoverage('2026-12', 'town-1', [
    {
      regionId: 'c-east',
      regionName: '东门社区',
      visits: [
        visit('a1', 'done', 'visited'),
        visit('a2', 'done', 'not_home'),
        visit('a3', 'assigned', null, { assigneeId: 'resp-wang' }),
        visit('a4', 'cancelled'),
        visit('a5', 'cancelled'),
        visit('a5', 'done', 'visited'),
        // Not this month's visit, nor a monthly visit: not counted.
        visit('a6', 'done', 'visited', { month: '2026-11' }),
        visit('a7', 'done', 'visited', { kind: 'wellness_check', month: null }),
      ],
    },
    { regionId: 'c-old', regionName: '老城社区', visits: [] },
    { regionId: 'c-river', regionName: '河畔社区', visits: [visit('b1', 'done', 'visited'), visit('b2', 'done', 'visited'), visit('b3', 'done', 'visited')] },
  ]);

  it('when a town has three communities, then each row counts distinct elders due and visited, and the total sums them', () => {
    expect(coverage).toEqual({
      month: '2026-12',
      regionId: 'town-1',
      rows: [
        { regionId: 'c-east', regionName: '东门社区', due: 4, visited: 2, rate: 0.5 },
        { regionId: 'c-old', regionName: '老城社区', due: 0, visited: 0, rate: null },
        { regionId: 'c-river', regionName: '河畔社区', due: 3, visited: 3, rate: 1 },
      ],
      total: { regionId: 'town-1', regionName: 'total', due: 7, visited: 5, rate: 5 / 7 },
    });
    expect(visitCoverageSchema.parse(coverage)).toEqual(coverage);
  });

  it('when the coverage is downloaded as CSV, then there is one line per community and the total last', () => {
    expect(visitCoverageCsv(coverage)).toBe(
      '\uFEFF月份 month,区域编号 region id,区域 region,应探访 due,已探访 visited,探访率 rate\r\n' +
        '2026-12,c-east,东门社区,4,2,0.5\r\n' +
        '2026-12,c-old,老城社区,0,0,\r\n' +
        '2026-12,c-river,河畔社区,3,3,1\r\n' +
        `2026-12,town-1,total,7,5,${5 / 7}\r\n`,
    );
  });

  it('when there are no places, then the total is an empty row with a null rate', () => {
    expect(visitCoverage('2026-12', 'c-east', [])).toEqual({ month: '2026-12', regionId: 'c-east', rows: [], total: { regionId: 'c-east', regionName: 'total', due: 0, visited: 0, rate: null } });
  });
});

describe('CSV', () => {
  const columns = [
    { key: 'name', header: '姓名' },
    { key: 'note', header: 'note' },
    { key: 'n', header: 'n' },
    { key: 'ok', header: 'ok' },
  ];

  it('when values hold quotes, commas or line breaks, then they are quoted as RFC 4180 says, nulls are empty and lines end in CRLF', () => {
    const csv = toCsv(columns, [
      { name: '王芳', note: 'says "hi", twice', n: 3, ok: true },
      { name: 'Li, Na', note: 'line 1\nline 2', n: -1.5, ok: false },
      { name: null, note: 'cr\r', n: 0, ok: null },
    ]);
    expect(csv).toBe('\uFEFF姓名,note,n,ok\r\n' + '王芳,"says ""hi"", twice",3,true\r\n' + '"Li, Na","line 1\nline 2",-1.5,false\r\n' + ',"cr\r",0,\r\n');
  });

  it('when the file is read as bytes, then it starts with the UTF-8 byte order mark', () => {
    expect([...new TextEncoder().encode(toCsv(columns, [])).slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  });

  it('when a row lacks a column, then its cell is empty', () => {
    expect(toCsv(columns, [{ name: 'x' }])).toBe('\uFEFF姓名,note,n,ok\r\nx,,,\r\n');
  });

  it.each([
    ['=HYPERLINK("http://x")', `"'=HYPERLINK(""http://x"")"`],
    ['+86 138', "'+86 138"],
    ['-1', "'-1"],
    ['@SUM(A1)', "'@SUM(A1)"],
  ])('when a text starts like a formula (%s), then Excel is kept from running it', (value, cell) => {
    expect(toCsv([{ key: 'v', header: 'v' }], [{ v: value }])).toBe(`\uFEFFv\r\n${cell}\r\n`);
  });
});
