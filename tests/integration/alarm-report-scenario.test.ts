import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AlarmReport, RegionView } from '../../schemas/index.js';
import { setUpCareNetwork, type CareNetwork } from '../support/care-network.js';
import { manualClock } from '../support/manual-clock.js';
import type { TestDevice } from '../support/mqtt-device.js';
import { startTestGateway, type TestGateway } from '../support/test-gateway.js';
import { body, playReportDay, S } from './alarm-report-day.js';

// The alarm report (GET /reports/alarms) against a working day whose every answer is known (alarm-report-day.ts):
// SOS alarms in two communities of two towns, acknowledged, dispatched, declined, let expire, accepted, reached,
// resolved, a false alarm, a cancel by the elder, alarms left open, follow-ups done and overdue. The gateway's clock
// is moved by hand, so each duration is exactly the one the day made; the figures are worked out in the comments.
//
//   #1 elder A (community A)  0 s     ack + sent to 张 20 s, accepted 50 s, there 350 s, resolved 650 s
//   #2 elder 丙 (community A) 1000 s  ack + sent to 李 1040 s, declined 1070 s; 张 offered by the gateway, expired
//                                      1191 s; resolved by phone 1300 s
//   #3 elder B (community B)  2000 s  false alarm 2030 s
//   #4 elder 丁 (community B) 3000 s  cancelled by the elder 3010 s
//   #5 elder A                4000 s  ack + sent to 李 4010 s, accepted 4040 s: still open
//   #6 elder 丁               4500 s  ack + sent to 王 4515 s, accepted 4545 s, there 5145 s, resolved 5445 s
//   #7 elder B                5500 s  nobody answers; the report is made at 5800 s
//   Follow-ups (due 1 h after a resolve): #1's done at 3500 s; #2's due 4900 s, open; #6's due 9045 s.

const FROM = new Date(S - 3600_000).toISOString(); // 09:00 local
const TO = new Date(S + 6 * 3600_000).toISOString(); // 16:00 local
const NONE = { count: 0, medianSeconds: null, p90Seconds: null };

describe('alarm report over a day with known answers', () => {
  const clock = manualClock(S);
  const dataDir = mkdtempSync(join(tmpdir(), 'alarm-report-'));
  let gw: TestGateway;
  let net: CareNetwork;
  let emptyCommunity: RegionView;
  let extra: TestDevice[] = [];
  let county: AlarmReport;

  beforeAll(async () => {
    gw = await startTestGateway(
      // No escalations to muddle the timelines and no buttons going silent as the clock jumps (their offline alerts
      // would be alarms of the day too); offers expire after 120 s; follow-ups are due one hour after the resolve.
      {
        DATA_DIR: dataDir,
        ESCALATION_P1_SECONDS: '86400',
        HEARTBEAT_TIMEOUT_SECONDS: '86400',
        DISPATCH_ACCEPT_SECONDS: '120',
        FOLLOW_UP_HOURS: '1',
        DEADLINE_TICK_MS: '50',
      },
      { clock: clock.now },
    );
    net = await setUpCareNetwork(gw);
    ({ emptyCommunity, buttons: extra } = await playReportDay(gw, net, clock));
    county = await body<AlarmReport>(gw.api.request('GET', `/api/v1/reports/alarms?from=${FROM}&to=${TO}`));
  }, 60_000);

  afterAll(async () => {
    await Promise.all(extra.map((d) => d.client.endAsync(true)));
    await net?.close();
    await gw?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('when the county is reported, then the outcomes reconcile: 7 raised = 3 resolved + 1 false alarm + 1 cancelled + 0 cleared + 2 open', () => {
    expect(county).toMatchObject({ regionId: net.county.id, regionName: net.county.name, total: 7, testAlerts: 0 });
    expect(county.outcomes).toEqual({ raised: 7, resolved: 3, falseAlarms: 1, cancelled: 1, cleared: 0, open: 2 });
    expect(county.byType).toEqual([{ type: 'sos', priority: 1, count: 7 }]);
    expect(county.falseAlarms).toBe(1);
    expect(county.falseAlarmRate).toBe(0.25); // 1 of the 4 closed by a person
  });

  it('when the county is reported, then the times to acknowledge, dispatch, accept, arrive and resolve are as counted', () => {
    // Acknowledged after 20, 40, 30 (the false alarm), 10, 15 s; #7 waits 300 s, a miss; #4 was cancelled unanswered.
    // Measured [10, 15, 20, 30, 40, 300]: median 25, p90 = sorted[ceil(5.4) − 1] = 300; 5 of 6 within 60 s.
    expect(county.timeToAcknowledge).toEqual({ count: 5, waiting: 1, medianSeconds: 25, p90Seconds: 300, within60sShare: 5 / 6 });
    // First offers after 20, 40, 10, 15 s: median 17.5, p90 = sorted[3] = 40.
    expect(county.timeToDispatch).toEqual({ count: 4, medianSeconds: 17.5, p90Seconds: 40 });
    // First acceptances after 50 (#1), 40 (#5), 45 (#6) s; #2 was never accepted.
    expect(county.timeToAccept).toEqual({ count: 3, medianSeconds: 45, p90Seconds: 50 });
    // On site after 350 and 645 s.
    expect(county.timeToArrive).toEqual({ count: 2, medianSeconds: 497.5, p90Seconds: 645 });
    // Resolved after 650, 300 and 945 s (the false alarm is not a resolve).
    expect(county.timeToResolve).toEqual({ count: 3, medianSeconds: 650, p90Seconds: 945 });
  });

  it('when the county is reported, then each responder’s offers, accepts, declines, expiries and times are as counted', () => {
    expect(county.responders).toEqual([
      // Two offers each, so by name: 李 before 张. 李: #2 declined, #5 accepted 30 s after the offer, not there yet.
      { userId: net.responderA2.user.id, displayName: '护理员李', offers: 2, accepts: 1, declines: 1, expired: 0, timeToAccept: { count: 1, medianSeconds: 30, p90Seconds: 30 }, timeToArrive: NONE },
      // 张: #1 accepted after 30 s and there 300 s later; #2 offered by the gateway after 李's decline, expired.
      { userId: net.responderA.user.id, displayName: '护理员张', offers: 2, accepts: 1, declines: 0, expired: 1, timeToAccept: { count: 1, medianSeconds: 30, p90Seconds: 30 }, timeToArrive: { count: 1, medianSeconds: 300, p90Seconds: 300 } },
      // 王: #6 accepted after 30 s, there 600 s later.
      { userId: net.responderB.user.id, displayName: '护理员王', offers: 1, accepts: 1, declines: 0, expired: 0, timeToAccept: { count: 1, medianSeconds: 30, p90Seconds: 30 }, timeToArrive: { count: 1, medianSeconds: 600, p90Seconds: 600 } },
    ]);
  });

  it('when the county is reported, then follow-ups are 1 done of 3 with 1 overdue, and no monthly visit fell due', () => {
    // #1's done; #2's due at 4900 s and still open at 5800 s: overdue; #6's due at 9045 s.
    expect(county.followUps).toEqual({ due: 3, done: 1, overdue: 1, rate: 1 / 3 });
    // Monthly visits fall due at the end of their month, outside this day.
    expect(county.visits).toEqual({ due: 0, byOutcome: [], open: 0 });
  });

  it('when the county is reported, then every town and community has a row with its name, a town counting its communities, zeros included', () => {
    const rows = county.breakdown;
    const row = (id: string) => rows.find((r) => r.regionId === id);
    expect(rows.map((r) => r.regionId).sort()).toEqual([net.townA.id, net.communityA.id, emptyCommunity.id, net.townB.id, net.communityB.id].sort());
    // Tree order: each town directly followed by its communities.
    for (const town of rows.filter((r) => r.level === 'town')) {
      const i = rows.indexOf(town);
      const communities = rows.filter((r) => r.parentId === town.regionId);
      expect(rows.slice(i + 1, i + 1 + communities.length)).toEqual(communities);
    }
    // Town A: #1, #2, #5. Acknowledged after 20, 40, 10 s: median 20, p90 40. Reached: #1 after 350 s.
    const townA = { raised: 3, outcomes: { raised: 3, resolved: 2, falseAlarms: 0, cancelled: 0, cleared: 0, open: 1 }, falseAlarms: 0 };
    const ackA = { count: 3, waiting: 0, medianSeconds: 20, p90Seconds: 40, within60sShare: 1 };
    expect(row(net.townA.id)).toEqual({ regionId: net.townA.id, name: net.townA.name, level: 'town', parentId: net.county.id, ...townA, timeToAcknowledge: ackA, timeToArrive: { count: 1, medianSeconds: 350, p90Seconds: 350 } });
    expect(row(net.communityA.id)).toMatchObject({ name: net.communityA.name, parentId: net.townA.id, ...townA, timeToAcknowledge: ackA });
    expect(row(emptyCommunity.id)).toEqual({
      regionId: emptyCommunity.id,
      name: '新村社区',
      level: 'community',
      parentId: net.townA.id,
      raised: 0,
      outcomes: { raised: 0, resolved: 0, falseAlarms: 0, cancelled: 0, cleared: 0, open: 0 },
      timeToAcknowledge: { count: 0, waiting: 0, medianSeconds: null, p90Seconds: null, within60sShare: null },
      timeToArrive: NONE,
      falseAlarms: 0,
    });
    // Town B: #3 false alarm (30 s), #4 cancelled, #6 resolved (15 s, reached after 645 s), #7 waiting 300 s.
    const townB = { raised: 4, outcomes: { raised: 4, resolved: 1, falseAlarms: 1, cancelled: 1, cleared: 0, open: 1 }, falseAlarms: 1 };
    const ackB = { count: 2, waiting: 1, medianSeconds: 30, p90Seconds: 300, within60sShare: 2 / 3 };
    expect(row(net.townB.id)).toMatchObject({ name: net.townB.name, ...townB, timeToAcknowledge: ackB, timeToArrive: { count: 1, medianSeconds: 645, p90Seconds: 645 } });
    expect(row(net.communityB.id)).toMatchObject({ name: net.communityB.name, ...townB, timeToAcknowledge: ackB });
  });

  it('when town A’s operator asks for the report, then it covers town A alone: its communities, its alarms, its responders', async () => {
    const town = await body<AlarmReport>(net.operatorA.api.request('GET', `/api/v1/reports/alarms?from=${FROM}&to=${TO}`));
    expect(town).toMatchObject({ regionId: net.townA.id, regionName: net.townA.name, total: 3 });
    expect(town.outcomes).toEqual({ raised: 3, resolved: 2, falseAlarms: 0, cancelled: 0, cleared: 0, open: 1 });
    expect(town.breakdown.map((r) => r.regionId).sort()).toEqual([net.communityA.id, emptyCommunity.id].sort());
    expect(town.responders.map((r) => [r.displayName, r.offers])).toEqual([
      ['护理员李', 2],
      ['护理员张', 2],
    ]);
    expect(town.followUps).toEqual({ due: 2, done: 1, overdue: 1, rate: 0.5 });
  });

  it('when the report is downloaded as CSV, then it has Chinese headers, local times, places and people by name, and Chinese labels', async () => {
    const reply = await fetch(`${gw.httpUrl}/api/v1/reports/alarms?from=${FROM}&to=${TO}&format=csv`, { headers: { authorization: `Bearer ${gw.adminToken}` } });
    expect(reply.status).toBe(200);
    expect(reply.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(reply.headers.get('content-disposition')).toBe('attachment; filename="alarm-report-20261123-20261123.csv"');
    const bytes = Buffer.from(await reply.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.toString('utf8').slice(1).split('\r\n');
    expect(lines.slice(0, 5)).toEqual(['【概况】', '项目,数值,单位', `区域,${net.county.name},`, '开始时间,2026-11-23 09:00,UTC+08:00', '结束时间,2026-11-23 16:00,UTC+08:00']);
    expect(lines).toEqual(expect.arrayContaining(['告警总数（不含测试）,7,条', '已解决,3,条', '误报,1,条', '老人已取消,1,条', '仍未关闭,2,条', '回访：已逾期,1,项']));
    expect(lines).toEqual(expect.arrayContaining(['【按类型】', '级别,告警类型,告警数', 'P1 生命安全,紧急呼叫,7']));
    const breakdown = lines.indexOf('【分区】');
    expect(lines[breakdown + 1]).toMatch(/^层级,上级,区域,告警总数,已解决,误报,老人已取消,已自动解除,仍未关闭,/);
    expect(lines).toEqual(expect.arrayContaining([`村(社区),${net.townA.name},新村社区,0,0,0,0,0,0,0,0,,,,0,,`]));
    expect(lines).toEqual(expect.arrayContaining([expect.stringMatching(/^护理员张,2,1,0,1,30,30,1,300,300$/)]));
    const text = lines.join('\n');
    for (const id of [net.county.id, net.townA.id, net.communityB.id, net.responderA.user.id]) expect(text).not.toContain(id);
    expect(text).not.toMatch(/\bsos\b|T0\d:\d\d/);
  });

  it('when the report is downloaded as XLSX, then Excel finds the same figures on the sheets 概况, 按类型, 分区 and 响应人员', async () => {
    const reply = await fetch(`${gw.httpUrl}/api/v1/reports/alarms?from=${FROM}&to=${TO}&format=xlsx`, { headers: { authorization: `Bearer ${gw.adminToken}` } });
    expect(reply.status).toBe(200);
    expect(reply.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(reply.headers.get('content-disposition')).toBe('attachment; filename="alarm-report-20261123-20261123.xlsx"');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await reply.arrayBuffer());
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['概况', '按类型', '分区', '响应人员']);
    const values = (name: string) => {
      const rows: unknown[][] = [];
      workbook.getWorksheet(name)?.eachRow((r) => rows.push((r.values as unknown[]).slice(1)));
      return rows;
    };
    const summary = new Map(values('概况').map((r) => [r[0], r[1]]));
    expect([summary.get('告警总数（不含测试）'), summary.get('已解决'), summary.get('误报'), summary.get('老人已取消'), summary.get('已自动解除'), summary.get('仍未关闭')]).toEqual([7, 3, 1, 1, 0, 2]);
    expect(summary.get('开始时间')).toBe('2026-11-23 09:00');
    expect(values('按类型')).toEqual([
      ['级别', '告警类型', '告警数'],
      ['P1 生命安全', '紧急呼叫', 7],
    ]);
    const breakdown = values('分区');
    expect(breakdown).toHaveLength(1 + 5);
    const town = breakdown.find((r) => r[2] === net.townB.name);
    expect(town?.slice(0, 9)).toEqual(['镇(街道)', net.county.name, net.townB.name, 4, 1, 1, 1, 0, 1]);
    expect(values('响应人员').map((r) => r.slice(0, 5))).toEqual([
      ['姓名', '派单次数', '接单', '拒单', '超时未接'],
      ['护理员李', 2, 1, 1, 0],
      ['护理员张', 2, 1, 0, 1],
      ['护理员王', 1, 1, 0, 0],
    ]);
  });

  it('when the visit coverage is downloaded as XLSX, then its four tables are four sheets: every place at every depth by name, indented, the total last; groups; ways; gaps', async () => {
    const reply = await fetch(`${gw.httpUrl}/api/v1/reports/visit-coverage?month=2026-11&format=xlsx`, { headers: { authorization: `Bearer ${gw.adminToken}` } });
    expect(reply.status).toBe(200);
    expect(reply.headers.get('content-disposition')).toBe('attachment; filename="visit-coverage-2026-11.xlsx"');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await reply.arrayBuffer());
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['分区', '按群体', '按方式', '未覆盖名单']);
    const rows: unknown[][] = [];
    workbook.getWorksheet('分区')?.eachRow((r) => rows.push((r.values as unknown[]).slice(1)));
    expect(rows[0]?.slice(0, 7)).toEqual(['期间', '区域', '层级', '应探访老人（人）', '应探访（人次）', '已覆盖（人次）', '覆盖率（%）']);
    const names = rows.slice(1).map((r) => String(r[1]));
    // communities one level below their town: indented by one full-width space
    expect(names).toEqual(expect.arrayContaining([`\u3000${net.communityA.name}`, `\u3000${net.communityB.name}`, '\u3000新村社区']));
    expect(names.at(-1)).toMatch(/^合计/);
  });

  it('when the API is described (OpenAPI), then the report says what it holds and offers xlsx', async () => {
    type Operation = { summary: string; parameters: Array<{ name: string; schema: { enum?: string[] } }> };
    const doc = (await (await fetch(`${gw.httpUrl}/api/docs/json`)).json()) as { paths: Record<string, { get: Operation }> };
    const alarms = doc.paths['/api/v1/reports/alarms']?.get;
    expect(alarms?.summary).toMatch(/raised = resolved \+ false alarms \+ cancelled \+ cleared \+ open.*breakdown for every town and community/);
    expect(alarms?.parameters.find((p) => p.name === 'format')?.schema.enum).toEqual(['json', 'csv', 'xlsx']);
  });
});
