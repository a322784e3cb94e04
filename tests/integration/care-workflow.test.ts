import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AlertDetail, AlertView, TaskView, WsEvent } from '../../schemas/index.js';
import { setUpCareNetwork, type CareNetwork } from '../support/care-network.js';
import { connectLive, type LiveClient } from '../support/live-client.js';
import { eventually } from '../support/mqtt-device.js';
import { startTestGateway, type TestGateway } from '../support/test-gateway.js';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver.js';

// The closed loop through the REST API and the websocket, with two towns proving that scoping holds: an SOS is raised,
// the family is told, the desk acknowledges and dispatches, the responder accepts, arrives and resolves, a follow-up
// visit is due; escalation when nobody acknowledges; the next responder after a decline; hold; late arrival.

let gw: TestGateway;
let hook: WebhookReceiver;
let net: CareNetwork;

beforeAll(async () => {
  hook = await startWebhookReceiver();
  gw = await startTestGateway({
    NOTIFY_WEBHOOK_URL: hook.url,
    DEADLINE_TICK_MS: '50',
    ESCALATION_P1_SECONDS: '1,2',
    DISPATCH_ACCEPT_SECONDS: '1',
    ARRIVAL_P1_MINUTES: '0.02',
  });
  net = await setUpCareNetwork(gw);
});
afterAll(async () => {
  await net?.close();
  await gw?.close();
  await hook?.close();
});

async function raiseSos(elder: CareNetwork['elderA'], live: LiveClient): Promise<AlertView> {
  await elder.button.send('events', 'sos');
  const raised = await live.waitFor((e) => e.type === 'alert.raised' && e.alert.elder.id === elder.id && e.alert.status === 'raised');
  if (raised.type !== 'alert.raised') throw new Error('expected alert.raised');
  return raised.alert;
}

async function body<T>(reply: Promise<{ status: number; body: unknown }>, status = 200): Promise<T> {
  const r = await reply;
  expect(r.status, JSON.stringify(r.body)).toBe(status);
  return r.body as T;
}

describe('care workflow', () => {
  it('when an SOS goes round the whole loop, then every step is audited, pushed live, the family is told and a follow-up visit is due', async () => {
    const live = await connectLive(gw.httpUrl, net.operatorA.api.token);
    const phone = await connectLive(gw.httpUrl, net.responderA.api.token);
    const { elderA, operatorA, responderA } = net;
    const alert = await raiseSos(elderA, live);

    const family = await hook.waitFor((n) => n.topic === 'alarm_raised' && n.alertId === alert.id);
    expect(family.recipients).toEqual([{ name: '儿子', phone: '13900000001', role: 'son' }]);

    await body(operatorA.api.request('POST', `/api/v1/alerts/${alert.id}/ack`, {}));
    const suggestions = await body<{ items: Array<{ responder: { id: string }; assignedToElder: boolean; sameCommunity: boolean }> }>(
      operatorA.api.request('GET', `/api/v1/alerts/${alert.id}/suggestions`),
    );
    expect(suggestions.items[0]).toMatchObject({ responder: { id: responderA.user.id }, assignedToElder: true, sameCommunity: true });
    expect(suggestions.items.map((s) => s.responder.id)).not.toContain(net.responderB.user.id);

    const dispatched = await body<AlertView>(operatorA.api.request('POST', `/api/v1/alerts/${alert.id}/dispatch`, { responderId: responderA.user.id }));
    expect(dispatched).toMatchObject({ status: 'dispatched', assignee: { id: responderA.user.id, displayName: '护理员张' } });
    await phone.waitFor((e) => e.type === 'alert.updated' && e.alert.id === alert.id && e.alert.status === 'dispatched');
    await hook.waitFor((n) => n.topic === 'dispatch_offered' && n.alertId === alert.id);

    const mine = await body<{ items: AlertView[] }>(responderA.api.request('GET', '/api/v1/alerts?mine=true'));
    expect(mine.items.map((a) => a.id)).toEqual([alert.id]);
    await body(responderA.api.request('POST', `/api/v1/alerts/${alert.id}/accept`));
    await body(responderA.api.request('POST', `/api/v1/alerts/${alert.id}/arrive`));
    const resolved = await body<AlertView>(
      responderA.api.request('POST', `/api/v1/alerts/${alert.id}/resolve`, { reason: 'handled_on_site', note: '老人跌倒后已扶起，无外伤' }),
    );
    expect(resolved).toMatchObject({ status: 'resolved', resolutionReason: 'handled_on_site', resolvedBy: `user:${responderA.user.username}` });
    await live.waitFor((e) => e.type === 'alert.updated' && e.alert.id === alert.id && e.alert.status === 'resolved');

    const detail = await body<AlertDetail>(operatorA.api.request('GET', `/api/v1/alerts/${alert.id}`));
    expect(detail.timeline.map((t) => [t.action, t.actor])).toEqual([
      ['raised', `device:${elderA.button.id}`],
      ['acknowledged', `user:${operatorA.user.username}`],
      ['dispatched', `user:${operatorA.user.username}`],
      ['accepted', `user:${responderA.user.username}`],
      ['arrived', `user:${responderA.user.username}`],
      ['resolved', `user:${responderA.user.username}`],
    ]);
    const tasks = await body<{ items: TaskView[] }>(operatorA.api.request('GET', '/api/v1/tasks?status=all'));
    const ofAlert = tasks.items.filter((t) => t.alertId === alert.id);
    expect(ofAlert.find((t) => t.kind === 'visit')).toMatchObject({ status: 'done', outcome: 'visited', assignee: { id: responderA.user.id } });
    const followUp = ofAlert.find((t) => t.kind === 'follow_up');
    expect(followUp).toMatchObject({ status: 'assigned', reason: 'alert_follow_up', assignee: { id: responderA.user.id } });
    expect(Date.parse(followUp?.dueAt ?? '') - Date.parse(resolved.resolvedAt ?? '')).toBe(24 * 3600_000);
    live.close();
    phone.close();
  });

  it('when a responder of the other town asks for the alert, then it is refused; lists and the live link show them nothing of it', async () => {
    const liveB = await connectLive(gw.httpUrl, net.responderB.api.token);
    const liveA = await connectLive(gw.httpUrl, net.operatorA.api.token);
    const alert = await raiseSos(net.elderA, liveA);
    expect((await net.responderB.api.request('GET', `/api/v1/alerts/${alert.id}`)).body).toMatchObject({ error: { code: 'FORBIDDEN_REGION' } });
    expect((await net.responderB.api.request('POST', `/api/v1/alerts/${alert.id}/accept`)).status).toBe(403);
    expect((await net.responderB.api.request('GET', `/api/v1/elders/${net.elderA.id}`)).status).toBe(403);
    const listB = await body<{ items: AlertView[] }>(net.responderB.api.request('GET', '/api/v1/alerts?status=all'));
    expect(listB.items.some((a) => a.elder.id === net.elderA.id)).toBe(false);
    const tasksB = await body<{ items: TaskView[] }>(net.responderB.api.request('GET', '/api/v1/tasks?status=all'));
    expect(tasksB.items.some((t) => t.elder.id === net.elderA.id)).toBe(false);
    const listA = await body<{ items: AlertView[] }>(net.operatorA.api.request('GET', '/api/v1/alerts?status=all'));
    expect(listA.items.some((a) => a.elder.id === net.elderB.id)).toBe(false);
    // A responder is not the desk: no acknowledging, no dispatching.
    expect((await net.responderA.api.request('POST', `/api/v1/alerts/${alert.id}/ack`, {})).body).toMatchObject({ error: { code: 'FORBIDDEN_ROLE' } });
    expect((await net.operatorA.api.request('POST', `/api/v1/alerts/${alert.id}/dispatch`, { responderId: net.responderB.user.id })).body).toMatchObject({
      error: { code: 'RESPONDER_NOT_AVAILABLE' },
    });
    await new Promise((r) => setTimeout(r, 200));
    expect(liveB.events.some((e: WsEvent) => (e.type === 'alert.raised' || e.type === 'alert.updated') && e.alert.id === alert.id)).toBe(false);
    await body(net.operatorA.api.request('POST', `/api/v1/alerts/${alert.id}/resolve`, { reason: 'handled_by_phone' }));
    liveA.close();
    liveB.close();
  });

  it('when nobody acknowledges a P1, then it escalates to the desk at the first step and to the supervisors at the second, once each', async () => {
    const live = await connectLive(gw.httpUrl, net.operatorA.api.token);
    const alert = await raiseSos(net.elderA, live);
    await live.waitFor((e) => e.type === 'alert.escalated' && e.alertId === alert.id && e.level === 1, 4000);
    await live.waitFor((e) => e.type === 'alert.escalated' && e.alertId === alert.id && e.level === 2, 4000);
    const tier2 = await hook.waitFor((n) => n.topic === 'alarm_escalated' && n.alertId === alert.id && n.level === 2);
    expect(tier2.recipients.map((r) => r.name)).toContain('主管甲');
    await new Promise((r) => setTimeout(r, 500));
    const detail = await body<AlertDetail>(net.operatorA.api.request('GET', `/api/v1/alerts/${alert.id}`));
    expect(detail.timeline.filter((t) => t.action === 'escalated')).toHaveLength(2);
    expect(detail.escalationLevel).toBe(2);
    await body(net.operatorA.api.request('POST', `/api/v1/alerts/${alert.id}/resolve`, { reason: 'handled_by_phone' }));
    live.close();
  });

  it('when the dispatched responder declines, then the next responder of the community is sent; when that offer expires, then the alert returns to the desk', async () => {
    const live = await connectLive(gw.httpUrl, net.operatorA.api.token);
    const alert = await raiseSos(net.elderA, live);
    await body(net.operatorA.api.request('POST', `/api/v1/alerts/${alert.id}/dispatch`, { responderId: net.responderA.user.id }));
    const declined = await body<AlertView>(net.responderA.api.request('POST', `/api/v1/alerts/${alert.id}/decline`, { reason: '在另一户' }));
    expect(declined).toMatchObject({ status: 'dispatched', assignee: { id: net.responderA2.user.id } });
    const back = await eventually(
      () => body<AlertDetail>(net.operatorA.api.request('GET', `/api/v1/alerts/${alert.id}`)),
      (a) => a.status === 'acknowledged',
    );
    expect(back.assignee).toBeNull();
    // Dispatching a raised alert acknowledges it within the dispatch step: no separate line.
    expect(back.timeline.map((t) => t.action)).toEqual(['raised', 'dispatched', 'declined', 'dispatched', 'dispatch_expired']);
    await body(net.operatorA.api.request('POST', `/api/v1/alerts/${alert.id}/resolve`, { reason: 'handled_by_phone' }));
    live.close();
  });

  it('when the desk re-dispatches an accepted alert to another responder, then the first is told by their phone channel not to go', async () => {
    const live = await connectLive(gw.httpUrl, net.operatorA.api.token);
    const alert = await raiseSos(net.elderA, live);
    await body(net.operatorA.api.request('POST', `/api/v1/alerts/${alert.id}/dispatch`, { responderId: net.responderA.user.id }));
    await body(net.responderA.api.request('POST', `/api/v1/alerts/${alert.id}/accept`));
    await body(net.operatorA.api.request('POST', `/api/v1/alerts/${alert.id}/dispatch`, { responderId: net.responderA2.user.id }));
    const withdrawn = await hook.waitFor((n) => n.topic === 'dispatch_withdrawn' && n.alertId === alert.id);
    expect(withdrawn.recipients.map((r) => r.name)).toEqual([net.responderA.user.displayName]);
    await hook.waitFor((n) => n.topic === 'dispatch_offered' && n.alertId === alert.id && n.recipients.some((r) => r.name === net.responderA2.user.displayName));
    await body(net.operatorA.api.request('POST', `/api/v1/alerts/${alert.id}/resolve`, { reason: 'handled_by_phone' }));
    live.close();
  });

  it('when an accepted responder does not arrive in time, then the alert is flagged and the supervisors are told', async () => {
    const live = await connectLive(gw.httpUrl, net.operatorA.api.token);
    const alert = await raiseSos(net.elderA, live);
    await body(net.operatorA.api.request('POST', `/api/v1/alerts/${alert.id}/dispatch`, { responderId: net.responderA.user.id }));
    await body(net.responderA.api.request('POST', `/api/v1/alerts/${alert.id}/accept`));
    const flagged = await live.waitFor((e) => e.type === 'alert.updated' && e.alert.id === alert.id && e.alert.lateArrival, 4000);
    expect(flagged).toMatchObject({ alert: { status: 'dispatched', lateArrival: true } });
    await hook.waitFor((n) => n.topic === 'arrival_overdue' && n.alertId === alert.id);
    await body(net.responderA.api.request('POST', `/api/v1/alerts/${alert.id}/arrive`));
    await body(net.responderA.api.request('POST', `/api/v1/alerts/${alert.id}/resolve`, { reason: 'handled_on_site' }));
    live.close();
  });

  it('when the desk puts an alert on hold, then it needs a reason and is held; a false alarm needs a note and makes no follow-up', async () => {
    const live = await connectLive(gw.httpUrl, net.operatorA.api.token);
    const alert = await raiseSos(net.elderA, live);
    expect((await net.operatorA.api.request('POST', `/api/v1/alerts/${alert.id}/hold`, { minutes: 1 })).status).toBe(400);
    const held = await body<AlertView>(net.operatorA.api.request('POST', `/api/v1/alerts/${alert.id}/hold`, { reason: '家属正在赶来，等待回电', minutes: 1 }));
    expect(held).toMatchObject({ status: 'on_hold', holdReason: '家属正在赶来，等待回电' });
    expect((await net.operatorA.api.request('POST', `/api/v1/alerts/${alert.id}/false-alarm`, {})).status).toBe(400);
    const closed = await body<AlertView>(net.operatorA.api.request('POST', `/api/v1/alerts/${alert.id}/false-alarm`, { note: '老人误按，已电话确认' }));
    expect(closed.status).toBe('false_alarm');
    const tasks = await body<{ items: TaskView[] }>(net.operatorA.api.request('GET', '/api/v1/tasks?status=all'));
    expect(tasks.items.filter((t) => t.alertId === alert.id && t.kind === 'follow_up')).toHaveLength(0);
    live.close();
  });

  it('when a service request comes from the desk, then a service task is assigned, accepted and done by the responder, each step audited', async () => {
    const task = await body<TaskView>(net.operatorA.api.request('POST', '/api/v1/service-requests', { elderId: net.elderA.id, service: 'bathing', note: '周三上午' }), 201);
    expect(task).toMatchObject({ kind: 'service', service: 'bathing', status: 'open' });
    await body(net.operatorA.api.request('POST', `/api/v1/tasks/${task.id}/assign`, { responderId: net.responderA.user.id }));
    expect((await net.responderA2.api.request('POST', `/api/v1/tasks/${task.id}/accept`)).body).toMatchObject({ error: { code: 'TASK_NOT_ASSIGNED_TO_YOU' } });
    await body(net.responderA.api.request('POST', `/api/v1/tasks/${task.id}/accept`));
    const done = await body<TaskView>(net.responderA.api.request('POST', `/api/v1/tasks/${task.id}/complete`, { outcome: 'service_delivered', note: '已协助洗浴' }));
    expect(done).toMatchObject({ status: 'done', outcome: 'service_delivered', completedBy: `user:${net.responderA.user.username}` });
    const audit = await body<{ items: Array<{ action: string; actor: string }> }>(gw.api.request('GET', `/api/v1/audit?entityType=task&entityId=${task.id}`));
    expect(audit.items.map((a) => a.action).reverse()).toEqual(['created', 'assigned', 'accepted', 'done']);
    expect((await net.operatorA.api.request('GET', `/api/v1/audit`)).status).toBe(403);
  });

  it('when a password is wrong five times, then the account is locked even for the right password, and the failures are audited', async () => {
    const { user, password, api } = net.responderA2;
    for (let i = 0; i < 5; i++) expect((await api.request('POST', '/api/v1/auth/login', { username: user.username, password: 'wrong-password' }, null)).status).toBe(401);
    const locked = await api.request('POST', '/api/v1/auth/login', { username: user.username, password }, null);
    expect(locked).toMatchObject({ status: 429, body: { error: { code: 'AUTH_LOCKED' } } });
    const audit = await body<{ items: Array<{ action: string }> }>(gw.api.request('GET', `/api/v1/audit?entityType=session&entityId=${user.id}`));
    expect(audit.items.map((a) => a.action)).toContain('login_locked');
  });
});
