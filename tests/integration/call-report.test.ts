import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallReport, CallView, ComplaintView } from '../../schemas/index.js';
import { replyBody, type ApiClient, type ApiReply } from '../support/api-client.js';
import { createPerson, setUpCareNetwork, type CareNetwork, type Person } from '../support/care-network.js';
import { manualClock } from '../support/manual-clock.js';
import { startTestGateway, type TestGateway } from '../support/test-gateway.js';

// The call report over real HTTP, on a gateway whose clock the test moves: calls per local day by line and
// category, per town and community, and complaints opened, closed, closed in time and overdue; for supervisors and
// admins, within their region.

const DAY = 24 * 3600 * 1000;
// 10:00 on 2 March in China (UTC+8): local days are 2026-03-02, then 03-03.
const START = Date.parse('2026-03-02T02:00:00Z');
const clock = manualClock(START);

let gw: TestGateway;
let net: CareNetwork;
let operatorB: Person;
let report: CallReport;
const period = `from=${encodeURIComponent('2026-03-01T16:00:00Z')}&to=${encodeURIComponent('2026-03-31T16:00:00Z')}`;

const ok = <T>(reply: Promise<ApiReply>, status = 200) => replyBody<T>(reply, status);

const call = (api: ApiClient, body: Record<string, unknown>) => ok<CallView>(api.request('POST', '/api/v1/calls', body), 201);
const complaint = (api: ApiClient, body: Record<string, unknown>) => ok<ComplaintView>(api.request('POST', '/api/v1/complaints', body), 201);

async function answerAndClose(api: ApiClient, id: string, elderId: string): Promise<void> {
  await ok(api.request('POST', `/api/v1/complaints/${id}/answer`, { answer: '已处理' }));
  const followUp = await call(api, { direction: 'outbound', line: 'supervision', callerNumber: '13900000001', elderId, category: 'question', outcome: 'answered' });
  await ok(api.request('POST', `/api/v1/complaints/${id}/close`, { followUpCallId: followUp.id }));
}

beforeAll(async () => {
  gw = await startTestGateway({ TOKEN_TTL_HOURS: '10000', COMPLAINT_HANDLING_DAYS: '5' }, { clock: clock.now });
  net = await setUpCareNetwork(gw);
  operatorB = await createPerson(gw, 'report-op-b', { displayName: '值班员乙', role: 'operator', regionId: net.townB.id }, 'pw-report-op-b-long');
  const op = net.operatorA.api;
  const elderA = net.elderA.id;

  // Day 1 (03-02): two emergencies and a complaint call on 12349 for elder A, one walk-in nobody knows (town A's own).
  await call(op, { direction: 'inbound', line: '12349', callerNumber: '13900000001', elderId: elderA, category: 'emergency' });
  await call(op, { direction: 'inbound', line: '12349', callerNumber: '13900000002', elderId: elderA, category: 'emergency' });
  const complaintCall = await call(op, { direction: 'inbound', line: 'supervision', callerNumber: '13900000001', elderId: elderA, category: 'complaint' });
  await call(op, { direction: 'inbound', line: 'walk_in', callerName: '路过的居民', category: 'question' });
  const inTime = await complaint(op, { callId: complaintCall.id, subject: 'service', statement: '送餐太晚' });
  const late = await complaint(op, { elderId: elderA, subject: 'provider', statement: '保洁没有来' });
  const open = await complaint(op, { elderId: elderA, subject: 'responder', statement: '护理员态度不好' });
  // Town B: one call, and a complaint that goes overdue too (never counted for town A).
  await call(operatorB.api, { direction: 'inbound', line: '12349', callerNumber: '13900000001', elderId: net.elderB.id, category: 'wellbeing' });
  await complaint(operatorB.api, { elderId: net.elderB.id, subject: 'service', statement: '助浴预约不上' });

  // Day 2 (03-03): the first complaint closed in time, after its follow-up call (an outbound question).
  clock.advance(DAY);
  await answerAndClose(op, inTime.id, elderA);
  // Day 8 (03-09): the second closed a day late (another outbound question); the third is still open and overdue.
  clock.advance(6 * DAY);
  await answerAndClose(op, late.id, elderA);
  expect((await ok<ComplaintView>(op.request('GET', `/api/v1/complaints/${open.id}`))).overdue).toBe(true);

  report = await ok<CallReport>(net.supervisorA.api.request('GET', `/api/v1/reports/calls?${period}&regionId=${net.townA.id}`));
});

afterAll(async () => {
  await net?.close();
  await gw?.close();
});

describe('call report', () => {
  it('when calls were taken over several days, then they are counted per local day, line and category', () => {
    const byDay = [...report.byDay].sort((a, b) => `${a.day}${a.line}${a.category}`.localeCompare(`${b.day}${b.line}${b.category}`));
    expect(byDay).toEqual([
      { day: '2026-03-02', line: '12349', category: 'emergency', count: 2 },
      { day: '2026-03-02', line: 'supervision', category: 'complaint', count: 1 },
      { day: '2026-03-02', line: 'walk_in', category: 'question', count: 1 },
      { day: '2026-03-03', line: 'supervision', category: 'question', count: 1 },
      { day: '2026-03-09', line: 'supervision', category: 'question', count: 1 },
    ]);
  });

  it("when calls belong to the elder's community or to the town's own desk, then the town counts both and its community only the elder's", () => {
    expect(report.regionId).toBe(net.townA.id);
    expect(report.byRegion).toEqual([
      { regionId: net.townA.id, name: net.townA.name, level: 'town', count: 6 },
      { regionId: net.communityA.id, name: net.communityA.name, level: 'community', count: 5 },
    ]);
  });

  it('when complaints were closed in time, late, or not at all, then the report tells them apart', () => {
    expect(report.complaints).toEqual({ opened: 3, closed: 2, closedInTime: 1, overdue: 1 });
  });

  it("when the county's admin asks for the whole county, then both towns are counted with their names", async () => {
    const all = await ok<CallReport>(gw.api.request('GET', `/api/v1/reports/calls?${period}`));
    expect(all.byRegion.find((r) => r.regionId === net.townB.id)).toEqual({ regionId: net.townB.id, name: net.townB.name, level: 'town', count: 1 });
    expect(all.byRegion.find((r) => r.regionId === net.communityB.id)?.count).toBe(1);
    expect(all.complaints.overdue).toBeGreaterThanOrEqual(2);
  });

  it('when the report is asked as CSV, then it is a spreadsheet with the same counts', async () => {
    const res = await fetch(`${gw.httpUrl}/api/v1/reports/calls?${period}&regionId=${net.townA.id}&format=csv`, {
      headers: { authorization: `Bearer ${net.supervisorA.api.token}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    // Kept as sent: Response.text() would drop the byte order mark Excel needs.
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await res.arrayBuffer());
    // Chinese headers and labels, the region by name, the local day (issue 20: no codes, ids or UTC times).
    expect(text.startsWith(`\uFEFF【概况】\r\n项目,数值,单位\r\n区域,${net.townA.name},\r\n`)).toBe(true);
    expect(text).toContain('投诉：按时办结,1,件\r\n');
    expect(text).toContain('2026-03-02,12349 热线,紧急求助,2\r\n');
    expect(text).toContain(`村(社区),${net.communityA.name},5\r\n`);
    expect(text).not.toContain(net.communityA.id);
  });

  it("when an operator, or a supervisor for another town, asks, then it is refused", async () => {
    const operator = await net.operatorA.api.request<{ error: { code: string } }>('GET', `/api/v1/reports/calls?${period}`);
    expect(operator.status).toBe(403);
    expect(operator.body.error.code).toBe('FORBIDDEN_ROLE');
    const elsewhere = await net.supervisorA.api.request<{ error: { code: string } }>('GET', `/api/v1/reports/calls?${period}&regionId=${net.townB.id}`);
    expect(elsewhere.status).toBe(403);
    expect(elsewhere.body.error.code).toBe('FORBIDDEN_REGION');
  });
});
