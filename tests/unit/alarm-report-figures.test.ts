import { describe, expect, it } from 'vitest';
import type { AlarmReport } from '../../schemas/index.js';
import { alarmReportSchema, ALERT_STATUSES } from '../../schemas/index.js';
import type { Alert, TimelineEntry } from '../../gateway/src/core/alerts/alert.js';
import { alarmReport, type AlarmReportRecords } from '../../gateway/src/core/reports/alarm-report.js';
import { alarmReportSheets } from '../../gateway/src/core/reports/alarm-report-sheets.js';
import { alarmReportCsv } from '../../gateway/src/core/reports/report-csv.js';
import type { ReportPlace } from '../../gateway/src/core/reports/region-breakdown.js';
import type { Task } from '../../gateway/src/core/tasks/task.js';
import { T0 } from '../support/elder-state.js';
import { reportPlace, sampleAlert, sampleTask } from '../support/fixtures.js';

// The alarm report's figures that issue 20 added, over hand-counted records: outcomes that reconcile, offers read
// back from timelines per responder, the breakdown per town and community, follow-ups and monthly visits. Every
// expected number is worked out in the comments.

const SECOND = 1000;
const HOUR = 3_600_000;
const PERIOD = { from: T0, to: T0 + 24 * HOUR };
const NOW = PERIOD.to;

const COUNTY = reportPlace('county', '平安县', 'county', null);
const EAST = reportPlace('t-east', '东城镇', 'town', COUNTY);
const EAST_A = reportPlace('c-east-a', '东门社区', 'community', EAST);
const EAST_B = reportPlace('c-east-b', '北街社区', 'community', EAST);
const WEST = reportPlace('t-west', '西城镇', 'town', COUNTY);
const WEST_A = reportPlace('c-west-a', '河畔村', 'community', WEST);
const PLACES = [WEST_A, COUNTY, EAST_B, WEST, EAST, EAST_A]; // any order: the report puts them in tree order

const USERS = [
  { id: 'u-zhang', username: 'zhang', displayName: '张三' },
  { id: 'u-li', username: 'li', displayName: '李四' },
  { id: 'u-wang', username: 'wang', displayName: '王五' },
];

let n = 0;
/** A real SOS of an elder living in `where`, raised `minute` minutes into the period. */
function sos(where: ReportPlace, minute: number, overrides: Partial<Alert> = {}): Alert {
  const raisedAt = T0 + minute * 60 * SECOND;
  return sampleAlert(`a-${++n}`, { elderId: `elder-of-${where.id}`, raisedAt, lastSeenAt: raisedAt, ...overrides });
}

const entry = (alert: Alert, seconds: number, action: TimelineEntry['action'], actor: string, note: string | null = null): TimelineEntry => ({
  alertId: alert.id,
  at: alert.raisedAt + seconds * SECOND,
  action,
  actor,
  note,
});

function records(alerts: Alert[], extra: Partial<AlarmReportRecords> = {}, region: ReportPlace = COUNTY): AlarmReportRecords {
  const byElder = new Map(PLACES.map((p) => [`elder-of-${p.id}`, p.path]));
  return {
    region,
    alerts,
    pathOfAlert: (a) => byElder.get(a.elderId),
    timelines: [],
    followUps: [],
    monthlyVisits: [],
    users: USERS,
    places: PLACES,
    ...extra,
  };
}

describe('alarm report: outcomes', () => {
  it('when alerts end in every status there is, then raised = resolved + false alarms + cancelled + cleared + open', () => {
    const alerts = ALERT_STATUSES.map((status, i) => sos(EAST_A, i, { status }));
    const { outcomes, total } = alarmReport(records(alerts), PERIOD, NOW);
    // Nine statuses: resolved, false_alarm, cancelled, cleared one each; raised, acknowledged, dispatched, on_site, on_hold open.
    expect(outcomes).toEqual({ raised: 9, resolved: 1, falseAlarms: 1, cancelled: 1, cleared: 1, open: 5 });
    expect(outcomes.resolved + outcomes.falseAlarms + outcomes.cancelled + outcomes.cleared + outcomes.open).toBe(outcomes.raised);
    expect(total).toBe(outcomes.raised);
  });
});

describe('alarm report: responders and dispatch times, from the timelines', () => {
  // A: the desk offers 张三 at 30 s; he accepts at 50 s, arrives at 350 s; resolved at 600 s.
  const a = sos(EAST_A, 0, { status: 'resolved', acknowledgedAt: T0 + 30 * SECOND, arrivedAt: T0 + 350 * SECOND, resolvedAt: T0 + 600 * SECOND });
  // B: the desk offers 李四 at 20 s, who declines at 40 s; the gateway offers 张三 at 40 s, which expires at 160 s; then
  //    王五 at 160 s, who accepts at 190 s and arrives at 490 s; still on site.
  const b = sos(EAST_B, 10, { status: 'on_site', arrivedAt: T0 + 600 * SECOND + 490 * SECOND, declinedBy: ['u-li', 'u-zhang'], assigneeId: 'u-wang' });
  // C: the desk offers 李四 at 60 s and, before he answers, 王五 at 100 s, who arrives at 130 s without accepting first.
  const c = sos(WEST_A, 20, { status: 'on_site', assigneeId: 'u-wang' });
  const timelines = [
    entry(a, 30, 'dispatched', 'user:desk', '张三'),
    entry(a, 50, 'accepted', 'user:zhang'),
    entry(a, 350, 'arrived', 'user:zhang'),
    entry(b, 20, 'dispatched', 'user:desk', '李四'),
    entry(b, 40, 'declined', 'user:li', '在外地'),
    entry(b, 40, 'dispatched', 'system:rules', '张三'),
    entry(b, 160, 'dispatch_expired', 'system:rules', 'not accepted within 120 s'),
    entry(b, 160, 'dispatched', 'system:rules', '王五'),
    entry(b, 190, 'accepted', 'user:wang'),
    entry(b, 490, 'arrived', 'user:wang'),
    entry(c, 60, 'dispatched', 'user:desk', '李四'),
    entry(c, 100, 'dispatched', 'user:desk', '王五'),
    entry(c, 130, 'arrived', 'user:wang'),
  ];
  const report = alarmReport(records([a, b, c], { timelines }), PERIOD, NOW);

  it('when offers were accepted, declined, left to expire and replaced, then each responder’s counts and times are as counted', () => {
    // Two offers each, so by name in pinyin order: 李四 (li), 王五 (wang), 张三 (zhang).
    expect(report.responders).toEqual<AlarmReport['responders']>([
      // B declined; C replaced by the desk before he answered: an offer neither accepted, declined nor expired.
      { userId: 'u-li', displayName: '李四', offers: 2, accepts: 0, declines: 1, expired: 0, timeToAccept: { count: 0, medianSeconds: null, p90Seconds: null }, timeToArrive: { count: 0, medianSeconds: null, p90Seconds: null } },
      // B accepted 30 s after the offer, there 300 s later; C arrived 30 s after the offer, which counts as accepting then.
      { userId: 'u-wang', displayName: '王五', offers: 2, accepts: 2, declines: 0, expired: 0, timeToAccept: { count: 2, medianSeconds: 30, p90Seconds: 30 }, timeToArrive: { count: 2, medianSeconds: 150, p90Seconds: 300 } },
      // A accepted after 20 s and there 300 s later; B expired.
      { userId: 'u-zhang', displayName: '张三', offers: 2, accepts: 1, declines: 0, expired: 1, timeToAccept: { count: 1, medianSeconds: 20, p90Seconds: 20 }, timeToArrive: { count: 1, medianSeconds: 300, p90Seconds: 300 } },
    ]);
  });

  it('when alerts were dispatched and accepted, then the times from raised to the first offer and to the first acceptance are as counted', () => {
    // First offers at 30, 20, 60 s: median 30, p90 = sorted[ceil(2.7) − 1] = 60. First acceptances at 50, 190, 130 s.
    expect(report.timeToDispatch).toEqual({ count: 3, medianSeconds: 30, p90Seconds: 60 });
    expect(report.timeToAccept).toEqual({ count: 3, medianSeconds: 130, p90Seconds: 190 });
    // Resolved: only A, after 600 s.
    expect(report.timeToResolve).toEqual({ count: 1, medianSeconds: 600, p90Seconds: 600 });
    expect(alarmReportSchema.parse(report)).toEqual(report);
  });

  it('when two responders share a name and neither acted on the offer, then the one the alert remembers is counted', () => {
    const users = [...USERS, { id: 'u-wang-2', username: 'wang2', displayName: '王五' }];
    const d = sos(EAST_A, 30, { status: 'acknowledged', declinedBy: ['u-wang-2'] });
    const expiredOnly = [entry(d, 10, 'dispatched', 'user:desk', '王五'), entry(d, 130, 'dispatch_expired', 'system:rules', 'not accepted within 120 s')];
    const { responders } = alarmReport(records([d], { timelines: expiredOnly, users }), PERIOD, NOW);
    expect(responders.map((r) => [r.userId, r.offers, r.expired])).toEqual([['u-wang-2', 1, 1]]);
  });
});

describe('alarm report: breakdown by town and community', () => {
  const alerts = [
    sos(EAST_A, 1, { status: 'resolved', acknowledgedAt: T0 + 60 * SECOND + 20 * SECOND }),
    sos(EAST_A, 2, { status: 'false_alarm', acknowledgedAt: T0 + 120 * SECOND + 40 * SECOND }),
    sos(WEST_A, 3, { status: 'cancelled' }),
    sos(WEST_A, 4, { status: 'raised' }),
    sos(WEST_A, 5, { test: true }), // counted apart: in no row
  ];

  it('when the county is reported, then every town and then its communities has a row, zeros included, a town counting its communities', () => {
    const { breakdown } = alarmReport(records(alerts), PERIOD, NOW);
    expect(breakdown.map((b) => [b.name, b.level, b.parentId, b.raised])).toEqual([
      ['东城镇', 'town', 'county', 2],
      ['北街社区', 'community', 't-east', 0], // communities of a town by name, as a Chinese reader sorts them (běi before dōng)
      ['东门社区', 'community', 't-east', 2],
      ['西城镇', 'town', 'county', 2],
      ['河畔村', 'community', 't-west', 2],
    ]);
    const east = breakdown[0] as AlarmReport['breakdown'][number];
    expect(east.outcomes).toEqual({ raised: 2, resolved: 1, falseAlarms: 1, cancelled: 0, cleared: 0, open: 0 });
    expect(east.falseAlarms).toBe(1);
    // Acknowledged after 20 and 40 s: median 30.
    expect(east.timeToAcknowledge).toMatchObject({ count: 2, waiting: 0, medianSeconds: 30, within60sShare: 1 });
    // West: one cancelled (nobody to answer), one still raised at the end of the day: waiting, a miss.
    expect(breakdown[3]?.outcomes).toEqual({ raised: 2, resolved: 0, falseAlarms: 0, cancelled: 1, cleared: 0, open: 1 });
    expect(breakdown[3]?.timeToAcknowledge).toMatchObject({ count: 0, waiting: 1, within60sShare: 0 });
    for (const row of breakdown) {
      const o = row.outcomes;
      expect(o.resolved + o.falseAlarms + o.cancelled + o.cleared + o.open).toBe(row.raised);
    }
  });

  it('when a town is reported, then its communities are the rows, and the town itself is the report’s own figures', () => {
    const report = alarmReport(records(alerts, {}, EAST), PERIOD, NOW);
    expect(report.breakdown.map((b) => b.name)).toEqual(['北街社区', '东门社区']);
    expect(report.regionName).toBe('东城镇');
  });

  it('when the report is written as tables, then the breakdown names each place and its parent, and shares are percentages', () => {
    const sheets = alarmReportSheets(alarmReport(records(alerts), PERIOD, NOW), 480);
    expect(sheets.map((s) => s.name)).toEqual(['概况', '按类型', '分区', '响应人员']);
    const breakdown = sheets[2]?.rows ?? [];
    expect(breakdown[0]).toMatchObject({ level: '镇(街道)', parent: '平安县', name: '东城镇', raised: 2, ackShare: 100 });
    expect(breakdown[2]).toMatchObject({ level: '村(社区)', parent: '东城镇', name: '东门社区', ackMedian: 30 });
  });
});

describe('alarm report: the CSV file', () => {
  it('when a place or a person is named like a formula, then the CSV keeps Excel from running it', () => {
    const hostile = { ...EAST_A, name: '=HYPERLINK("http://x","点我")' };
    const a = sos(EAST_A, 0, { status: 'dispatched' });
    const timelines = [entry(a, 10, 'dispatched', 'user:desk', '+张三')];
    const csv = alarmReportCsv(alarmReport(records([a], { timelines, users: [], places: PLACES.map((p) => (p.id === EAST_A.id ? hostile : p)) }), PERIOD, NOW), 480);
    expect(csv).toContain(`村(社区),东城镇,"'=HYPERLINK(""http://x"",""点我"")",1,`);
    expect(csv).toContain("\r\n'+张三,1,0,0,0,");
  });
});

describe('alarm report: follow-ups and monthly visits', () => {
  const task = (id: string, overrides: Partial<Task>): Task => sampleTask(id, { deviceId: null, ...overrides });

  it('when follow-ups of the period’s alarms are done, open past due, open in time or cancelled, then due, done, overdue and rate are as counted', () => {
    const a = sos(EAST_A, 0, { status: 'resolved' });
    const followUp = (id: string, status: Task['status'], dueAt: number, alertId = a.id): Task =>
      task(id, { kind: 'follow_up', reason: 'alert_follow_up', alertId, status, dueAt, dedupKey: `follow_up:${id}` });
    const followUps = [
      followUp('f1', 'done', NOW - HOUR),
      followUp('f2', 'assigned', NOW - HOUR), // past due at NOW: overdue
      followUp('f3', 'open', NOW + HOUR), // due later: open, not overdue
      followUp('f4', 'cancelled', NOW - HOUR), // not counted
      followUp('f5', 'done', NOW - HOUR, 'an-alert-of-another-period'), // not an alert of this report
    ];
    // Due 3 (f1 f2 f3), done 1, overdue 1, rate 1/3.
    expect(alarmReport(records([a], { followUps }), PERIOD, NOW).followUps).toEqual({ due: 3, done: 1, overdue: 1, rate: 1 / 3 });
  });

  it('when care visits fall due in the period, then due = the done ones by outcome + the open ones', () => {
    const visit = (id: string, status: Task['status'], outcome: Task['outcome'], dueAt = PERIOD.from + HOUR): Task =>
      task(id, { kind: 'care_visit', reason: 'care_visit', status, outcome, dueAt, period: '2026-11', attempt: 1, visitModes: ['door'], dedupKey: 'care_visit:2026-11' });
    const monthlyVisits = [
      visit('v1', 'done', 'visited'),
      visit('v2', 'done', 'visited'),
      visit('v3', 'done', 'not_home'),
      visit('v4', 'accepted', null),
      visit('v5', 'cancelled', null), // not counted
      visit('v6', 'done', 'visited', PERIOD.to), // due after the period: not counted
    ];
    const { visits } = alarmReport(records([], { monthlyVisits }), PERIOD, NOW);
    expect(visits).toEqual({ due: 4, byOutcome: [{ outcome: 'visited', count: 2 }, { outcome: 'not_home', count: 1 }], open: 1 });
  });
});
