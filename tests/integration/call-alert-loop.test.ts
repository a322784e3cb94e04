import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AlertDetail, AlertView, CallingOrder, CallView, TaskView, WsEvent } from '../../schemas/index.js';
import type { ApiClient } from '../support/api-client.js';
import { createPerson, setUpCareNetwork, type CareNetwork, type Person } from '../support/care-network.js';
import { connectLive } from '../support/live-client.js';
import { manualClock } from '../support/manual-clock.js';
import { eventually } from '../support/mqtt-device.js';
import { startTestGateway, type TestGateway } from '../support/test-gateway.js';

// From a telephone call, the same loop as a device: an alert with no device enters the queue, is announced to the
// desks, escalates when nobody acknowledges, is dispatched, accepted, reached and resolved like an SOS; during the
// alarm the desk calls the elder and the contacts in order, and every attempt is on the alert's timeline.

const clock = manualClock(Date.parse('2026-12-07T02:00:00Z'));
let gw: TestGateway;
let net: CareNetwork;
let operatorB: Person;

beforeAll(async () => {
  gw = await startTestGateway({ DEADLINE_TICK_MS: '50', ESCALATION_P1_SECONDS: '60,180' }, { clock: clock.now });
  net = await setUpCareNetwork(gw);
  operatorB = await createPerson(gw, 'op-b-loop', { displayName: '值班员乙', role: 'operator', regionId: net.townB.id });
});
afterAll(async () => {
  await net?.close();
  await gw?.close();
});

async function body<T>(reply: Promise<{ status: number; body: unknown }>, status = 200): Promise<T> {
  const r = await reply;
  expect(r.status, JSON.stringify(r.body)).toBe(status);
  return r.body as T;
}

function emergencyCall(api: ApiClient, elderId: string): Promise<CallView> {
  return body<CallView>(
    api.request('POST', '/api/v1/calls', { direction: 'inbound', line: '12349', callerNumber: '+86 139-0000-0001', elderId, category: 'emergency', note: '儿子来电：老人摔倒起不来' }),
    201,
  );
}

describe('an alarm raised from a call', () => {
  it('when the desk raises an alert from an emergency call, then it is a P1 with no device, announced as alert.raised, and goes ack → dispatch → accept → arrive → resolve like an SOS', async () => {
    const op = net.operatorA.api;
    const desk = await connectLive(gw.httpUrl, op.token);
    try {
      const call = await emergencyCall(op, net.elderA.id);
      const raised = await body<{ call: CallView; alert: AlertView }>(op.request('POST', `/api/v1/calls/${call.id}/alert`, { note: '电话报警' }), 201);
      expect(raised.alert).toMatchObject({ type: 'phone_emergency', priority: 1, status: 'raised', deviceId: null, elder: { id: net.elderA.id } });
      expect(raised.alert.context).toMatchObject({ callId: call.id, line: '12349' });
      expect(raised.call.alertId).toBe(raised.alert.id);
      const id = raised.alert.id;

      const announced = await desk.waitFor((e): e is Extract<WsEvent, { type: 'alert.raised' }> => e.type === 'alert.raised' && e.alert.id === id);
      expect(announced.alert.deviceId).toBeNull();
      expect((await op.listAlerts('open')).map((a) => a.id)).toContain(id);

      const again = await op.request('POST', `/api/v1/calls/${call.id}/alert`, {});
      expect(again).toMatchObject({ status: 409, body: { error: { code: 'CALL_ALREADY_LINKED' } } });

      await body(op.request('POST', `/api/v1/alerts/${id}/ack`, {}));
      await body(op.request('POST', `/api/v1/alerts/${id}/dispatch`, { responderId: net.responderA.user.id }));
      await body(net.responderA.api.request('POST', `/api/v1/alerts/${id}/accept`));
      clock.advance(5 * 60_000);
      await body(net.responderA.api.request('POST', `/api/v1/alerts/${id}/arrive`));
      const resolved = await body<AlertView>(net.responderA.api.request('POST', `/api/v1/alerts/${id}/resolve`, { reason: 'handled_on_site', note: '已送医' }));
      expect(resolved.status).toBe('resolved');
      await desk.waitFor((e) => e.type === 'alert.updated' && e.alert.id === id && e.alert.status === 'resolved');

      const detail = await body<AlertDetail>(op.request('GET', `/api/v1/alerts/${id}`));
      expect(detail.timeline.map((t) => t.action)).toEqual(expect.arrayContaining(['raised', 'acknowledged', 'dispatched', 'accepted', 'arrived', 'resolved']));
      expect(detail.timeline[0]).toMatchObject({ action: 'raised', actor: `user:${net.operatorA.user.username}`, note: '电话报警' });
      // The on-site visit the dispatch opened was done with the resolve, as for a device's alarm.
      const visits = (await op.listTasks('all')).filter((t: TaskView) => t.kind === 'visit' && t.alertId === id);
      expect(visits.map((t) => t.status)).toEqual(['done']);

      const wall = await op.request('GET', '/api/v1/status-wall');
      expect(wall.status).toBe(200);
      const report = await op.request('GET', `/api/v1/reports/alarms?from=2026-12-01T00:00:00Z&to=2026-12-31T00:00:00Z`);
      expect(report.status, JSON.stringify(report.body)).toBe(200);
    } finally {
      desk.close();
    }
  });

  it('when nobody acknowledges an alert raised from a call, then it escalates at each step like an SOS and the desk hears alert.escalated', async () => {
    const op = net.operatorA.api;
    const desk = await connectLive(gw.httpUrl, op.token);
    try {
      const call = await emergencyCall(op, net.elderA.id);
      const { alert } = await body<{ alert: AlertView }>(op.request('POST', `/api/v1/calls/${call.id}/alert`), 201);
      clock.advance(61_000);
      await desk.waitFor((e) => e.type === 'alert.escalated' && e.alertId === alert.id && e.level === 1);
      clock.advance(120_000);
      const escalated = await eventually(
        () => op.getAlert(alert.id),
        (a) => a.escalationLevel === 2,
      );
      expect(escalated.timeline.filter((t) => t.action === 'escalated')).toHaveLength(2);
      expect(escalated.status).toBe('raised');
      await body(op.request('POST', `/api/v1/alerts/${alert.id}/resolve`, { reason: 'handled_by_phone' }));
    } finally {
      desk.close();
    }
  });

  it("when the operator chooses 'P2' (as the desk says it) for a call, then the alert is priority 2; 'P4' is refused and raises nothing", async () => {
    const op = net.operatorA.api;
    const call = await emergencyCall(op, net.elderA.id);
    const refused = await op.request('POST', `/api/v1/calls/${call.id}/alert`, { priority: 'P4' });
    expect(refused).toMatchObject({ status: 400, body: { error: { code: 'REQUEST_INVALID' } } });
    expect((await body<CallView>(op.request('GET', `/api/v1/calls/${call.id}`))).alertId).toBeNull();

    const { alert } = await body<{ alert: AlertView }>(op.request('POST', `/api/v1/calls/${call.id}/alert`, { priority: 'P2' }), 201);
    expect(alert).toMatchObject({ type: 'phone_emergency', priority: 2, deviceId: null });
    await body(op.request('POST', `/api/v1/alerts/${alert.id}/resolve`, { reason: 'handled_by_phone' }));
  });

  it('when the call has no elder, then no alert can be raised from it (409 CALL_NO_ELDER) and no alert is open', async () => {
    const op = net.operatorA.api;
    const before = (await op.listAlerts('open')).length;
    const call = await body<CallView>(op.request('POST', '/api/v1/calls', { direction: 'inbound', line: '12349', callerName: '路人王先生', category: 'emergency' }), 201);
    const refused = await op.request('POST', `/api/v1/calls/${call.id}/alert`, {});
    expect(refused).toMatchObject({ status: 409, body: { error: { code: 'CALL_NO_ELDER' } } });
    expect((await op.listAlerts('open')).length).toBe(before);
    expect((await body<CallView>(op.request('GET', `/api/v1/calls/${call.id}`))).alertId).toBeNull();
  });

  it("when another town's operator tries to raise an alert from a call, then it is 403 and the call stays without an alert", async () => {
    const call = await emergencyCall(net.operatorA.api, net.elderA.id);
    const refused = await operatorB.api.request('POST', `/api/v1/calls/${call.id}/alert`, {});
    expect(refused).toMatchObject({ status: 403, body: { error: { code: 'FORBIDDEN_REGION' } } });
    expect((await body<CallView>(net.operatorA.api.request('GET', `/api/v1/calls/${call.id}`))).alertId).toBeNull();
  });
});

describe('calling during an alarm', () => {
  it('when the desk calls the contacts in order, then each attempt is a call and a timeline line, next moves on until someone answers, and a closed alert refuses more', async () => {
    const op = net.operatorA.api;
    const call = await emergencyCall(op, net.elderA.id);
    const { alert } = await body<{ alert: AlertView }>(op.request('POST', `/api/v1/calls/${call.id}/alert`, {}), 201);
    const orderOf = () => body<CallingOrder>(op.request('GET', `/api/v1/alerts/${alert.id}/calling-order`));

    const first = await orderOf();
    expect(first.parties.map((p) => [p.party, p.name, p.phone])).toEqual([
      ['elder', expect.any(String), null],
      ['contact:0', '儿子', '13900000001'],
      ['contact:1', '邻居', '13900000002'],
    ]);
    // The elder has no phone of their own: the son is the first to call.
    expect(first.next).toBe('contact:0');

    const attempt = await body<CallView>(op.request('POST', `/api/v1/alerts/${alert.id}/call-attempts`, { party: 'contact:0', outcome: 'no_answer' }), 201);
    expect(attempt).toMatchObject({ direction: 'outbound', line: 'direct', category: 'emergency', callerNumber: '13900000001', alertId: alert.id, outcome: 'no_answer' });
    expect((await orderOf()).next).toBe('contact:1');

    clock.advance(1000);
    await body(op.request('POST', `/api/v1/alerts/${alert.id}/call-attempts`, { party: 'contact:1', outcome: 'answered', note: '邻居去敲门' }), 201);
    const answered = await orderOf();
    expect(answered).toMatchObject({ next: null, answeredBy: 'contact:1' });
    expect(answered.parties[1]?.attempts).toEqual([expect.objectContaining({ outcome: 'no_answer', operator: '值班员甲' })]);

    const detail = await op.getAlert(alert.id);
    expect(detail.status).toBe('raised');
    expect(detail.timeline.filter((t) => t.action === 'call_attempt').map((t) => t.note)).toEqual([
      'son 儿子 13900000001: 无人接听 / no answer',
      'neighbour 邻居 13900000002: 已接听 / answered — 邻居去敲门',
    ]);
    const logged = await body<{ items: CallView[] }>(op.request('GET', `/api/v1/calls?alertId=${alert.id}`));
    expect(logged.items).toHaveLength(3); // the emergency call and the two attempts

    const unknown = await op.request('POST', `/api/v1/alerts/${alert.id}/call-attempts`, { party: 'contact:5', outcome: 'busy' });
    expect(unknown).toMatchObject({ status: 400, body: { error: { code: 'CALL_PARTY_UNKNOWN' } } });

    await body(op.request('POST', `/api/v1/alerts/${alert.id}/resolve`, { reason: 'handled_by_phone' }));
    const closed = await op.request('POST', `/api/v1/alerts/${alert.id}/call-attempts`, { party: 'contact:0', outcome: 'answered' });
    expect(closed).toMatchObject({ status: 409, body: { error: { code: 'ALERT_TRANSITION_INVALID' } } });
    expect((await body<{ items: CallView[] }>(op.request('GET', `/api/v1/calls?alertId=${alert.id}`))).items).toHaveLength(3);
  });

  it("when another town's operator asks for the calling order or logs an attempt, then both are 403", async () => {
    const call = await emergencyCall(net.operatorA.api, net.elderA.id);
    const { alert } = await body<{ alert: AlertView }>(net.operatorA.api.request('POST', `/api/v1/calls/${call.id}/alert`, {}), 201);
    expect((await operatorB.api.request('GET', `/api/v1/alerts/${alert.id}/calling-order`)).status).toBe(403);
    expect((await operatorB.api.request('POST', `/api/v1/alerts/${alert.id}/call-attempts`, { party: 'elder', outcome: 'busy' })).status).toBe(403);
    expect((await body<CallingOrder>(net.operatorA.api.request('GET', `/api/v1/alerts/${alert.id}/calling-order`))).parties.every((p) => p.attempts.length === 0)).toBe(true);
    await body(net.operatorA.api.request('POST', `/api/v1/alerts/${alert.id}/resolve`, { reason: 'handled_by_phone' }));
  });
});
