import { describe, expect, it } from 'vitest';
import type { AlarmReport } from '../../../schemas/index.js';
import { alarmReportSchema } from '../../../schemas/index.js';
import type { Alert } from '../../../gateway/src/core/alerts/alert.js';
import { ALERT_TYPE_INFO } from '../../../gateway/src/core/alerts/alert-types.js';
import { alarmReport, type AlarmReportRecords } from '../../../gateway/src/core/reports/alarm-report.js';
import type { ReportPlace } from '../../../gateway/src/core/reports/region-breakdown.js';
import { toCsv } from '../../../gateway/src/core/reports/csv.js';
import { alarmReportCsv } from '../../../gateway/src/core/reports/report-csv.js';
import { T0 } from '../../support/elder-state.js';
import { sampleAlert } from '../../support/fixtures.js';

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

const COUNTY = { id: 'county-1', name: '平安县', level: 'county' as const, parentId: null, path: '/county-1/' };

/** The records of a region without towns: only the alerts differ between the tests here. */
function records(alerts: Alert[], region: ReportPlace = COUNTY): AlarmReportRecords {
  return { region, alerts, pathOfAlert: () => region.path, timelines: [], followUps: [], monthlyVisits: [], users: [], places: [region] };
}

const NOTHING = { count: 0, medianSeconds: null, p90Seconds: null };
const localT0 = '2026-11-23 10:00';
const localEnd = '2026-11-24 10:00';

describe('alarm report', () => {
  const report = alarmReport(records(SCENARIO), PERIOD, MADE);

  it('when a day of alarms is reported, then the counts, response times and false-alarm rate are as counted by hand', () => {
    expect(report).toEqual<AlarmReport>({
      from: new Date(T0).toISOString(),
      to: new Date(T0 + DAY).toISOString(),
      regionId: 'county-1',
      regionName: '平安县',
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
      // 13 = 6 resolved + 2 false alarms + 1 cancelled + 1 cleared + 3 open (#9 acknowledged, #10 on hold, #13 raised).
      outcomes: { raised: 13, resolved: 6, falseAlarms: 2, cancelled: 1, cleared: 1, open: 3 },
      timeToAcknowledge: { count: 10, waiting: 1, medianSeconds: 58, p90Seconds: 300, within60sShare: 7 / 11 },
      // Nobody was dispatched in this scenario (no timelines, no assignedAt): nothing to measure.
      timeToDispatch: NOTHING,
      timeToAccept: NOTHING,
      timeToArrive: { count: 3, medianSeconds: 900, p90Seconds: 1500 },
      // resolvedAt is not set by this scenario's alerts: nothing measured.
      timeToResolve: NOTHING,
      falseAlarms: 2,
      falseAlarmRate: 0.25,
      responders: [],
      followUps: { due: 0, done: 0, overdue: 0, rate: null },
      visits: { due: 0, byOutcome: [], open: 0 },
      // The county has no towns in these records.
      breakdown: [],
    });
    expect(alarmReportSchema.parse(report)).toEqual(report);
  });

  it('when an odd number of alerts was acknowledged, then the median is the middle one', () => {
    const odd = alarmReport(records([alert('sos', 'resolved', 30), alert('sos', 'resolved', 10), alert('sos', 'resolved', 90)]), PERIOD, MADE);
    // Sorted 10, 30, 90: median 30; p90 = sorted[ceil(2.7) − 1] = 90; within 60 s: 2 of 3.
    expect(odd.timeToAcknowledge).toEqual({ count: 3, waiting: 0, medianSeconds: 30, p90Seconds: 90, within60sShare: 2 / 3 });
  });

  it('when the period had no alarms, then the counts are zero, every priority is listed and the measures are null', () => {
    const community = { id: 'community-1', name: '东门社区', level: 'community' as const, parentId: 'town-1', path: '/county-1/town-1/community-1/' };
    expect(alarmReport(records([], community), PERIOD, MADE)).toEqual({
      from: new Date(T0).toISOString(),
      to: new Date(T0 + DAY).toISOString(),
      regionId: 'community-1',
      regionName: '东门社区',
      total: 0,
      testAlerts: 0,
      byType: [],
      byPriority: [
        { priority: 1, count: 0 },
        { priority: 2, count: 0 },
        { priority: 3, count: 0 },
      ],
      outcomes: { raised: 0, resolved: 0, falseAlarms: 0, cancelled: 0, cleared: 0, open: 0 },
      timeToAcknowledge: { count: 0, waiting: 0, medianSeconds: null, p90Seconds: null, within60sShare: null },
      timeToDispatch: NOTHING,
      timeToAccept: NOTHING,
      timeToArrive: NOTHING,
      timeToResolve: NOTHING,
      falseAlarms: 0,
      falseAlarmRate: null,
      responders: [],
      followUps: { due: 0, done: 0, overdue: 0, rate: null },
      visits: { due: 0, byOutcome: [], open: 0 },
      breakdown: [],
    });
  });

  it('when the period had only test alarms, then they are counted apart and every measure stays empty', () => {
    const tests = alarmReport(records([alert('sos', 'false_alarm', 5, 60, { test: true })]), PERIOD, MADE);
    expect(tests).toMatchObject({ total: 0, testAlerts: 1, byType: [], falseAlarms: 0, falseAlarmRate: null, timeToAcknowledge: { count: 0 }, timeToArrive: { count: 0 } });
    expect(tests.outcomes).toEqual({ raised: 0, resolved: 0, falseAlarms: 0, cancelled: 0, cleared: 0, open: 0 });
  });

  it('when the report is downloaded as CSV, then its sections have Chinese titles and headers, local times and Chinese labels', () => {
    const lines = alarmReportCsv(report, 480).replace(/^\uFEFF/, '').split('\r\n');
    // T0 is 2026-11-23T02:00:00Z (tests/support/elder-state.ts): 10:00 in China.
    expect(lines.slice(0, 5)).toEqual(['【概况】', '项目,数值,单位', '区域,平安县,', `开始时间,${localT0},UTC+08:00`, `结束时间,${localEnd},UTC+08:00`]);
    expect(lines).toContain('告警总数（不含测试）,13,条');
    expect(lines).toContain('仍未关闭,3,条');
    expect(lines).toContain('误报率（误报 ÷ 人工关闭）,25,%');
    expect(lines).toContain('响应：60秒内确认率,63.6,%');
    expect(lines).toContain('P1 生命安全,7,条');
    const byType = lines.indexOf('【按类型】');
    expect(lines.slice(byType, byType + 4)).toEqual(['【按类型】', '级别,告警类型,告警数', 'P1 生命安全,紧急呼叫,4', 'P1 生命安全,跌倒,2']);
    expect(lines).toContain('【分区】');
    expect(lines).toContain('【响应人员】');
    expect(lines.join('\n')).not.toMatch(/\bsos\b|county-1|T02:00/);
  });

  it('when nothing was measured, then the CSV leaves those cells empty', () => {
    expect(alarmReportCsv(alarmReport(records([]), PERIOD, MADE), 480)).toContain('\r\n响应：确认用时中位数,,秒\r\n');
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
