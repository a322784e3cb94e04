import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallView, ComplaintView, WsEvent } from '../../schemas/index.js';
import { replyBody, type ApiClient, type ApiReply } from '../support/api-client.js';
import { createPerson, setUpCareNetwork, type CareNetwork, type Person } from '../support/care-network.js';
import { connectLive, type LiveClient } from '../support/live-client.js';
import { manualClock } from '../support/manual-clock.js';
import { scrape } from '../support/metric-reader.js';
import { eventually } from '../support/mqtt-device.js';
import { startTestGateway, type TestGateway } from '../support/test-gateway.js';

// Complaints (投诉) over real HTTP and the live websocket, on a gateway whose clock the test moves: recorded from a
// call, owned by a supervisor, answered, closed after an outbound follow-up call; flagged once to the right
// supervisors when left past the deadline; never seen by another town.

const DAY = 24 * 3600 * 1000;
const clock = manualClock(Date.parse('2026-03-02T02:00:00Z'));

let gw: TestGateway;
let net: CareNetwork;
let operatorB: Person;
let supervisorB: Person;

const ok = <T>(reply: Promise<ApiReply>, status = 200) => replyBody<T>(reply, status);

function recordCall(api: ApiClient, body: Record<string, unknown>): Promise<CallView> {
  return ok<CallView>(api.request('POST', '/api/v1/calls', { line: 'supervision', category: 'complaint', ...body }), 201);
}

const overdueOf = (id: string) => (e: WsEvent) => e.type === 'complaint.overdue' && e.complaintId === id;

beforeAll(async () => {
  // Sessions must outlive the days the clock is moved; the sweep runs often so the test does not wait.
  gw = await startTestGateway({ TOKEN_TTL_HOURS: '10000', COMPLAINT_SWEEP_SECONDS: '0.05', COMPLAINT_HANDLING_DAYS: '5' }, { clock: clock.now });
  net = await setUpCareNetwork(gw);
  operatorB = await createPerson(gw, 'complaint-op-b', { displayName: '值班员乙', role: 'operator', regionId: net.townB.id }, 'pw-complaint-op-b-long');
  supervisorB = await createPerson(gw, 'complaint-sup-b', { displayName: '主管乙', role: 'supervisor', regionId: net.townB.id }, 'pw-complaint-sup-b-long');
});

afterAll(async () => {
  await net?.close();
  await gw?.close();
});

describe('complaints', () => {
  it('when a complaint from a call is answered and closed after an outbound follow-up call, then each step is recorded and audited', async () => {
    const op = net.operatorA.api;
    const call = await recordCall(op, { direction: 'inbound', callerNumber: '139 0000 0001', elderId: net.elderA.id, note: '护理员迟到' });
    const recordedAt = clock.now();
    const created = await ok<ComplaintView>(
      op.request('POST', '/api/v1/complaints', { callId: call.id, subject: 'responder', subjectName: '护理员张', statement: '护理员连续三次迟到一小时' }),
      201,
    );
    expect(created).toMatchObject({ status: 'open', elder: { id: net.elderA.id }, regionId: net.communityA.id, callId: call.id, owner: null, overdue: false });
    expect(Date.parse(created.dueAt)).toBe(recordedAt + 5 * DAY);
    expect((await ok<CallView>(op.request('GET', `/api/v1/calls/${call.id}`))).complaintId).toBe(created.id);

    const assigned = await ok<ComplaintView>(net.supervisorA.api.request('POST', `/api/v1/complaints/${created.id}/assign`, { ownerId: net.supervisorA.user.id }));
    expect(assigned.owner).toEqual({ id: net.supervisorA.user.id, displayName: '主管甲' });

    clock.advance(3600_000);
    const answered = await ok<ComplaintView>(op.request('POST', `/api/v1/complaints/${created.id}/answer`, { answer: '已约谈护理站，明日起准时' }));
    expect(answered).toMatchObject({ status: 'answered', answer: '已约谈护理站，明日起准时' });
    const again = await op.request<{ error: { code: string } }>('POST', `/api/v1/complaints/${created.id}/answer`, { answer: '再答一次' });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('COMPLAINT_TRANSITION_INVALID');

    clock.advance(DAY);
    const inbound = await recordCall(op, { direction: 'inbound', callerNumber: '13900000001', elderId: net.elderA.id });
    const refused = await op.request<{ error: { code: string } }>('POST', `/api/v1/complaints/${created.id}/close`, { followUpCallId: inbound.id });
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe('COMPLAINT_FOLLOW_UP_INVALID');

    const followUp = await recordCall(op, { direction: 'outbound', callerNumber: '13900000001', elderId: net.elderA.id, category: 'question', outcome: 'answered' });
    const closed = await ok<ComplaintView>(op.request('POST', `/api/v1/complaints/${created.id}/close`, { followUpCallId: followUp.id, note: '老人表示满意' }));
    expect(closed).toMatchObject({ status: 'closed', followUpCallId: followUp.id, overdue: false });
    expect(Date.parse(closed.closedAt ?? '')).toBe(clock.now());

    const audit = await ok<{ items: Array<{ action: string; detail: Record<string, unknown> }> }>(
      gw.api.request('GET', `/api/v1/audit?entityType=complaint&entityId=${created.id}`),
    );
    expect(audit.items.map((e) => e.action).reverse()).toEqual(['created', 'assigned', 'answered', 'closed']);
    expect(audit.items[0]?.detail).toMatchObject({ inTime: true, followUpCallId: followUp.id });
  });

  it('when a complaint is closed before it is answered, or its call already has one, then it is refused and nothing changes', async () => {
    const op = net.operatorA.api;
    const call = await recordCall(op, { direction: 'inbound', callerNumber: '13900000002', elderId: net.elderA.id });
    const created = await ok<ComplaintView>(op.request('POST', '/api/v1/complaints', { callId: call.id, subject: 'service', statement: '助餐的饭菜是凉的' }), 201);
    const followUp = await recordCall(op, { direction: 'outbound', callerNumber: '13900000002', elderId: net.elderA.id, category: 'question' });
    const early = await op.request<{ error: { code: string } }>('POST', `/api/v1/complaints/${created.id}/close`, { followUpCallId: followUp.id });
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe('COMPLAINT_TRANSITION_INVALID');
    const second = await op.request<{ error: { code: string } }>('POST', '/api/v1/complaints', { callId: call.id, subject: 'service', statement: '同一通电话再记一次' });
    expect(second.status).toBe(409);
    expect(second.body.error.code).toBe('COMPLAINT_CALL_TAKEN');
    expect((await ok<ComplaintView>(op.request('GET', `/api/v1/complaints/${created.id}`))).status).toBe('open');
  });

  it('when the owner named is not a supervisor over the complaint, then it is refused with nothing recorded', async () => {
    const op = net.operatorA.api;
    const before = await ok<{ items: ComplaintView[] }>(op.request('GET', '/api/v1/complaints?status=all'));
    for (const ownerId of [net.responderA.user.id, supervisorB.user.id, net.operatorA.user.id]) {
      const r = await op.request<{ error: { code: string } }>('POST', '/api/v1/complaints', { elderId: net.elderA.id, subject: 'provider', statement: '服务商收费不透明', ownerId });
      expect(r.status).toBe(400);
      expect(r.body.error.code).toBe('COMPLAINT_OWNER_INVALID');
    }
    const after = await ok<{ items: ComplaintView[] }>(op.request('GET', '/api/v1/complaints?status=all'));
    expect(after.items.length).toBe(before.items.length);
  });

  it("when a complaint recorded by a supervisor passes its deadline, then it is flagged once, on its own town's supervisors' sockets only, and listed as overdue", async () => {
    const supA = await connectLive(gw.httpUrl, net.supervisorA.api.token);
    const supB = await connectLive(gw.httpUrl, supervisorB.api.token);
    const opA = await connectLive(gw.httpUrl, net.operatorA.api.token);
    const sockets: LiveClient[] = [supA, supB, opA];
    try {
      const metricBefore = (await scrape(gw.httpUrl)).sum('gateway_complaints_overdue_total');
      const late = await ok<ComplaintView>(
        net.supervisorA.api.request('POST', '/api/v1/complaints', { elderId: net.elderA.id, subject: 'provider', subjectName: '幸福家政', statement: '上门服务没有来' }),
        201,
      );
      expect(late.owner?.id).toBe(net.supervisorA.user.id);
      // Town B's own complaint, due at the same time: its event must reach town B's supervisor and nobody of town A.
      const lateB = await ok<ComplaintView>(operatorB.api.request('POST', '/api/v1/complaints', { elderId: net.elderB.id, subject: 'service', statement: '助浴预约打不通' }), 201);

      clock.advance(5 * DAY + 60_000);
      const event = await supA.waitFor(overdueOf(late.id));
      expect(event).toMatchObject({ type: 'complaint.overdue', regionId: net.communityA.id, dueAt: late.dueAt });
      await supB.waitFor(overdueOf(lateB.id));

      const overdue = await ok<{ items: ComplaintView[] }>(net.supervisorA.api.request('GET', '/api/v1/complaints?status=overdue'));
      const listed = overdue.items.find((c) => c.id === late.id);
      expect(listed).toMatchObject({ overdue: true, status: 'open' });
      expect(listed?.overdueFlaggedAt).not.toBeNull();
      expect(overdue.items.some((c) => c.id === lateB.id)).toBe(false);

      // Every overdue complaint flagged (the sweep takes them in one run, in no set order among equal deadlines).
      await eventually(
        () => ok<{ items: ComplaintView[] }>(gw.api.request('GET', '/api/v1/complaints?status=overdue')),
        (all) => all.items.every((c) => c.overdueFlaggedAt !== null),
      );
      const metricFlagged = (await scrape(gw.httpUrl)).sum('gateway_complaints_overdue_total');
      expect(metricFlagged - metricBefore).toBeGreaterThanOrEqual(2);
      // Several more sweeps run: still one event per complaint, and nothing more counted.
      await new Promise((resolve) => setTimeout(resolve, 400));
      expect(supA.events.filter(overdueOf(late.id))).toHaveLength(1);
      expect(supA.events.some(overdueOf(lateB.id))).toBe(false);
      expect(supB.events.some(overdueOf(late.id))).toBe(false);
      expect(opA.events.some((e) => e.type === 'complaint.overdue')).toBe(false);
      expect((await scrape(gw.httpUrl)).sum('gateway_complaints_overdue_total')).toBe(metricFlagged);
    } finally {
      for (const s of sockets) s.close();
    }
  });

  it("when another town's operator asks for complaints, then they see none of town A's and cannot open or act on one", async () => {
    const a = await ok<{ items: ComplaintView[] }>(net.operatorA.api.request('GET', '/api/v1/complaints?status=all'));
    expect(a.items.length).toBeGreaterThan(0);
    const b = await ok<{ items: ComplaintView[] }>(operatorB.api.request('GET', '/api/v1/complaints?status=all'));
    expect(b.items.length).toBeGreaterThan(0);
    expect(b.items.every((c) => c.regionId === net.townB.id || c.regionId === net.communityB.id)).toBe(true);
    const target = a.items[0] as ComplaintView;
    for (const [method, path, body] of [
      ['GET', `/api/v1/complaints/${target.id}`, undefined],
      ['POST', `/api/v1/complaints/${target.id}/answer`, { answer: '越权答复' }],
    ] as const) {
      const r = await operatorB.api.request<{ error: { code: string } }>(method, path, body);
      expect(r.status).toBe(403);
      expect(r.body.error.code).toBe('FORBIDDEN_REGION');
    }
    const responder = await net.responderA.api.request('GET', '/api/v1/complaints');
    expect(responder.status).toBe(403);
  });
});
