import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AlertDetail, AlertView, Elder, TaskView, WsEvent } from '../../schemas/index.js';
import { createPerson, createRegion, setUpCareNetwork, type CareNetwork, type Person } from '../support/care-network.js';
import { connectLive, type LiveClient } from '../support/live-client.js';
import { connectDevice, type TestDevice } from '../support/mqtt-device.js';
import { startTestGateway, type TestGateway } from '../support/test-gateway.js';

// The alert workflow where a device, a region or a role could undo or misdirect help, over real MQTT, HTTP and the
// websocket: a cancel after help is on its way, one button's cancel against another's press, a new press on a held
// alert, dispatch across towns and to a neighbouring community, a responder resolving an offer they never took, a
// test alert dispatched, and the elder's own responders.

let gw: TestGateway;
let net: CareNetwork;
/** A county-level desk: sees every town. */
let countyOperator: Person;
/** A second community of town A, and a responder of it: a neighbour of elder A's community. */
let neighbour: Person;

beforeAll(async () => {
  gw = await startTestGateway();
  net = await setUpCareNetwork(gw);
  const role = (r: 'operator' | 'responder', regionId: string, displayName: string) => ({
    displayName,
    role: r,
    regionId,
    phone: '13800000009',
    ...(r === 'responder' ? { responderKind: 'care_worker' } : {}),
  });
  countyOperator = await createPerson(gw, 'county-op-safety', role('operator', net.county.id, '县值班员'), 'pw-county-op-safety-long');
  const communityA2 = await createRegion(gw, '和平社区', 'community', net.townA.id);
  neighbour = await createPerson(gw, 'neighbour-resp-safety', role('responder', communityA2.id, '护理员赵'), 'pw-neighbour-resp-long');
});
afterAll(async () => {
  await net?.close();
  await gw?.close();
});

let elderNumber = 0;

/** A new elder of community A with a call button (or two), so that each case starts without an open alert. */
async function elderWithButtons(count = 1): Promise<{ elderId: string; buttons: TestDevice[] }> {
  elderNumber += 1;
  const elder = await body<Elder>(gw.api.request('POST', '/api/v1/elders', { name: `安全老人${elderNumber}`, address: `幸福路${elderNumber}号`, regionId: net.communityA.id }), 201);
  const buttons: TestDevice[] = [];
  for (let i = 0; i < count; i += 1) buttons.push(await connectDevice(gw, elder.id, 'call_button'));
  return { elderId: elder.id, buttons };
}

async function body<T>(reply: Promise<{ status: number; body: unknown }>, status = 200): Promise<T> {
  const r = await reply;
  expect(r.status, JSON.stringify(r.body)).toBe(status);
  return r.body as T;
}

async function raised(live: LiveClient, elderId: string): Promise<AlertView> {
  const e = await live.waitFor((x) => x.type === 'alert.raised' && x.alert.elder.id === elderId);
  if (e.type !== 'alert.raised') throw new Error('expected alert.raised');
  return e.alert;
}

async function updated(live: LiveClient, alertId: string, match: (a: AlertView) => boolean): Promise<AlertView> {
  const e = await live.waitFor((x) => x.type === 'alert.updated' && x.alert.id === alertId && match(x.alert));
  if (e.type !== 'alert.updated') throw new Error('expected alert.updated');
  return e.alert;
}

const post = (who: Person, path: string, payload?: unknown) => who.api.request('POST', `/api/v1/alerts/${path}`, payload);
const timeline = async (alertId: string) => (await body<AlertDetail>(net.operatorA.api.request('GET', `/api/v1/alerts/${alertId}`))).timeline;

describe('a cancel after help is on its way', () => {
  it.each([
    ['dispatched', [] as string[]],
    ['accepted', ['accept']],
    ['reached on site', ['accept', 'arrive']],
  ])('when the alert was %s and the button cancels within the window, then it stays open, the desk and the responder see the cancel, and the responder can still resolve', async (situation, steps) => {
    const desk = await connectLive(gw.httpUrl, net.operatorA.api.token);
    const phone = await connectLive(gw.httpUrl, net.responderA.api.token);
    const { buttons } = await elderWithButtons();
    const button = buttons[0]!;
    await button.send('events', 'sos');
    const alert = await raised(desk, button.elderId);
    await body(post(net.operatorA, `${alert.id}/dispatch`, { responderId: net.responderA.user.id }));
    for (const step of steps) await body(post(net.responderA, `${alert.id}/${step}`));
    const statusBefore = steps.includes('arrive') ? 'on_site' : 'dispatched';

    const cancelledAt = performance.now();
    await button.send('events', 'cancel');
    const seenByDesk = await updated(desk, alert.id, (a) => a.cancelRequestedAt !== null);
    const seenByPhone = await updated(phone, alert.id, (a) => a.cancelRequestedAt !== null);
    console.info(`[workflow-safety] cancel when ${situation}: desk and responder told in ${(performance.now() - cancelledAt).toFixed(1)} ms`);
    expect(seenByDesk).toMatchObject({ status: statusBefore, cancelledAt: null, assignee: { id: net.responderA.user.id } });
    expect(seenByPhone).toMatchObject({ status: statusBefore, cancelledAt: null });
    expect((await timeline(alert.id)).at(-1)).toMatchObject({ action: 'cancel_requested', actor: `device:${button.id}` });
    const visit = (await body<{ items: TaskView[] }>(net.operatorA.api.request('GET', '/api/v1/tasks?status=all'))).items.find(
      (t) => t.alertId === alert.id && t.kind === 'visit',
    );
    expect(visit).toMatchObject({ status: steps.length > 0 ? 'accepted' : 'assigned', assignee: { id: net.responderA.user.id } });

    if (steps.length === 0) await body(post(net.responderA, `${alert.id}/accept`));
    await body(post(net.responderA, `${alert.id}/resolve`, { reason: 'no_action_needed', note: '老人说是误按' }));
    desk.close();
    phone.close();
  });
});

describe('one button’s cancel and another button’s press', () => {
  it('when two buttons of one elder pressed and the first cancels, then the alert stays raised; when the second cancels too, it is cancelled', async () => {
    const desk = await connectLive(gw.httpUrl, net.operatorA.api.token);
    const { elderId, buttons } = await elderWithButtons(2);
    const [first, second] = buttons as [TestDevice, TestDevice];
    await first.send('events', 'sos');
    const alert = await raised(desk, elderId);
    await second.send('events', 'sos');
    await updated(desk, alert.id, (a) => a.count === 2);

    await first.send('events', 'cancel');
    const afterFirst = await updated(desk, alert.id, (a) => a.cancelRequestedAt !== null);
    expect(afterFirst).toMatchObject({ status: 'raised', count: 2, cancelledAt: null });
    expect((await timeline(alert.id)).at(-1)).toMatchObject({ action: 'cancel_requested', actor: `device:${first.id}`, note: `still pressed on ${second.id}` });

    await second.send('events', 'cancel');
    const afterSecond = await updated(desk, alert.id, (a) => a.status === 'cancelled');
    expect(afterSecond.cancelledAt).not.toBeNull();
    desk.close();
  });
});

describe('a new press on an alert on hold', () => {
  it('when the elder presses again while the desk holds the alert, then it is back in the queue at once, with the press counted, and stays there', async () => {
    const desk = await connectLive(gw.httpUrl, net.operatorA.api.token);
    const { elderId, buttons } = await elderWithButtons();
    const button = buttons[0]!;
    await button.send('events', 'sos');
    const alert = await raised(desk, elderId);
    const held = await body<AlertView>(post(net.operatorA, `${alert.id}/hold`, { reason: '家属正在赶来', minutes: 30 }));
    expect(held).toMatchObject({ status: 'on_hold', count: 1 });

    const pressedAt = performance.now();
    await button.send('events', 'sos');
    const back = await updated(desk, alert.id, (a) => a.status !== 'on_hold');
    console.info(`[workflow-safety] press on a 30 min hold: back in the queue in ${(performance.now() - pressedAt).toFixed(1)} ms`);
    expect(back).toMatchObject({ status: 'acknowledged', count: 2, holdUntil: null, holdReason: null });
    expect((await timeline(alert.id)).at(-1)).toMatchObject({ action: 'hold_ended', actor: `device:${button.id}`, note: 'pressed again' });
    // What the desk reads now agrees with the live event: the hold really ended.
    expect((await body<AlertDetail>(net.operatorA.api.request('GET', `/api/v1/alerts/${alert.id}`))).status).toBe('acknowledged');
    await body(post(net.operatorA, `${alert.id}/resolve`, { reason: 'handled_by_phone' }));
    desk.close();
  });
});

describe('dispatch follows the elder’s region', () => {
  it('when a county desk sends a town A alarm to a town B responder, then it is refused, the responder is told nothing and the alert is not dispatched', async () => {
    const phoneB = await connectLive(gw.httpUrl, net.responderB.api.token);
    const desk = await connectLive(gw.httpUrl, countyOperator.api.token);
    const { elderId, buttons } = await elderWithButtons();
    await buttons[0]!.send('events', 'sos');
    const alert = await raised(desk, elderId);
    const suggested = await body<{ items: Array<{ responder: { id: string } }> }>(countyOperator.api.request('GET', `/api/v1/alerts/${alert.id}/suggestions`));
    expect(suggested.items.map((s) => s.responder.id)).not.toContain(net.responderB.user.id);

    const refused = await post(countyOperator, `${alert.id}/dispatch`, { responderId: net.responderB.user.id });
    expect(refused).toMatchObject({ status: 409, body: { error: { code: 'RESPONDER_NOT_AVAILABLE' } } });
    expect((await body<AlertDetail>(countyOperator.api.request('GET', `/api/v1/alerts/${alert.id}`))).status).toBe('raised');
    await new Promise((r) => setTimeout(r, 200));
    expect(phoneB.events.some((e: WsEvent) => e.type === 'alert.updated' && e.alert.id === alert.id)).toBe(false);
    await body(post(countyOperator, `${alert.id}/resolve`, { reason: 'handled_by_phone' }));
    desk.close();
    phoneB.close();
  });

  it('when a responder of a neighbouring community of the same town is sent, then they are told, see the alert and the elder, and can accept, arrive and resolve', async () => {
    const phone = await connectLive(gw.httpUrl, neighbour.api.token);
    const desk = await connectLive(gw.httpUrl, countyOperator.api.token);
    const { elderId, buttons } = await elderWithButtons();
    await buttons[0]!.send('events', 'sos');
    const alert = await raised(desk, elderId);
    const suggested = await body<{ items: Array<{ responder: { id: string } }> }>(countyOperator.api.request('GET', `/api/v1/alerts/${alert.id}/suggestions`));
    expect(suggested.items.map((s) => s.responder.id)).toContain(neighbour.user.id);

    await body(post(countyOperator, `${alert.id}/dispatch`, { responderId: neighbour.user.id }));
    await updated(phone, alert.id, (a) => a.status === 'dispatched' && a.assignee?.id === neighbour.user.id);
    const mine = await body<{ items: AlertView[] }>(neighbour.api.request('GET', '/api/v1/alerts'));
    expect(mine.items.map((a) => a.id)).toEqual([alert.id]);
    expect(await body<AlertDetail>(neighbour.api.request('GET', `/api/v1/alerts/${alert.id}`))).toMatchObject({ id: alert.id });
    expect(await body<Elder>(neighbour.api.request('GET', `/api/v1/elders/${elderId}`))).toMatchObject({ id: elderId });

    await body(post(neighbour, `${alert.id}/accept`));
    await body(post(neighbour, `${alert.id}/arrive`));
    const resolved = await body<AlertView>(post(neighbour, `${alert.id}/resolve`, { reason: 'handled_on_site' }));
    expect(resolved).toMatchObject({ status: 'resolved', resolvedBy: `user:${neighbour.user.username}` });
    // The follow-up visit goes to the responder who went; it is theirs to read and complete.
    const followUp = (await body<{ items: TaskView[] }>(countyOperator.api.request('GET', '/api/v1/tasks'))).items.find(
      (t) => t.alertId === alert.id && t.kind === 'follow_up',
    );
    expect(followUp).toMatchObject({ assignee: { id: neighbour.user.id } });
    await body(neighbour.api.request('GET', `/api/v1/tasks/${followUp!.id}`));
    const theirTasks = await body<{ items: TaskView[] }>(neighbour.api.request('GET', '/api/v1/tasks'));
    expect(theirTasks.items.map((t) => t.id)).toContain(followUp!.id);
    await phone.waitFor((e) => e.type === 'task.created' && e.task.id === followUp!.id);
    desk.close();
    phone.close();
  });

  it('when a neighbouring community’s responder declines, then the reply still comes back to them', async () => {
    const desk = await connectLive(gw.httpUrl, countyOperator.api.token);
    const { elderId, buttons } = await elderWithButtons();
    await buttons[0]!.send('events', 'sos');
    const alert = await raised(desk, elderId);
    await body(post(countyOperator, `${alert.id}/dispatch`, { responderId: neighbour.user.id }));
    const declined = await body<AlertView>(post(neighbour, `${alert.id}/decline`, { reason: '在另一户' }));
    expect(declined.assignee?.id).not.toBe(neighbour.user.id);
    await body(post(countyOperator, `${alert.id}/resolve`, { reason: 'handled_by_phone' }));
    desk.close();
  });
});

describe('a disabled responder', () => {
  it('when a responder’s account is disabled, then they are not suggested, a dispatch to them is refused, and they cannot be assigned to an elder', async () => {
    const leaver = await createPerson(
      gw,
      'leaver-resp-safety',
      { displayName: '离职护理员', role: 'responder', regionId: net.communityA.id, phone: '13800000010', responderKind: 'care_worker' },
      'pw-leaver-resp-long',
    );
    await body(gw.api.request('POST', `/api/v1/users/${leaver.user.id}/disable`));
    const desk = await connectLive(gw.httpUrl, net.operatorA.api.token);
    const { elderId, buttons } = await elderWithButtons();
    await buttons[0]!.send('events', 'sos');
    const alert = await raised(desk, elderId);

    const suggested = await body<{ items: Array<{ responder: { id: string } }> }>(net.operatorA.api.request('GET', `/api/v1/alerts/${alert.id}/suggestions`));
    expect(suggested.items.map((x) => x.responder.id)).not.toContain(leaver.user.id);
    const refused = await post(net.operatorA, `${alert.id}/dispatch`, { responderId: leaver.user.id });
    expect(refused).toMatchObject({ status: 409, body: { error: { code: 'RESPONDER_NOT_AVAILABLE' } } });
    expect((await body<AlertDetail>(net.operatorA.api.request('GET', `/api/v1/alerts/${alert.id}`))).status).toBe('raised');
    const assign = await gw.api.request('PATCH', `/api/v1/elders/${elderId}`, { assignedResponderIds: [leaver.user.id] });
    expect(assign).toMatchObject({ status: 400, body: { error: { code: 'ASSIGNED_RESPONDERS_INVALID' } } });
    await body(post(net.operatorA, `${alert.id}/resolve`, { reason: 'handled_by_phone' }));
    desk.close();
  });
});

describe('who may resolve, and what may be dispatched', () => {
  it('when the responder resolves an alarm they were only offered, then it is refused as not accepted and stays dispatched', async () => {
    const desk = await connectLive(gw.httpUrl, net.operatorA.api.token);
    const { elderId, buttons } = await elderWithButtons();
    await buttons[0]!.send('events', 'sos');
    const alert = await raised(desk, elderId);
    await body(post(net.operatorA, `${alert.id}/dispatch`, { responderId: net.responderA.user.id }));
    const refused = await post(net.responderA, `${alert.id}/resolve`, { reason: 'handled_on_site' });
    expect(refused).toMatchObject({ status: 409, body: { error: { code: 'ALERT_NOT_ACCEPTED' } } });
    expect((await body<AlertDetail>(net.operatorA.api.request('GET', `/api/v1/alerts/${alert.id}`))).status).toBe('dispatched');
    await body(post(net.operatorA, `${alert.id}/resolve`, { reason: 'handled_by_phone' }));
    desk.close();
  });

  it('when the desk dispatches a test alert, then the refusal says it is a test alert, not that it is acknowledged', async () => {
    const desk = await connectLive(gw.httpUrl, net.operatorA.api.token);
    const { elderId, buttons } = await elderWithButtons();
    await gw.api.setTestMode(buttons[0]!.id, 30);
    await buttons[0]!.send('events', 'sos');
    const alert = await raised(desk, elderId);
    expect(alert.test).toBe(true);
    await body(post(net.operatorA, `${alert.id}/ack`, {}));
    const refused = await post(net.operatorA, `${alert.id}/dispatch`, { responderId: net.responderA.user.id });
    expect(refused).toMatchObject({ status: 409, body: { error: { code: 'ALERT_TEST_NOT_DISPATCHABLE' } } });
    expect(JSON.stringify(refused.body)).not.toContain('acknowledged');
    await body(post(net.operatorA, `${alert.id}/resolve`, { reason: 'no_action_needed' }));
    desk.close();
  });
});

describe('the elder’s own responders', () => {
  it.each([
    ['an unknown id', () => 'no-such-user'],
    ['a responder of another town', () => net.responderB.user.id],
    ['an operator', () => net.operatorA.user.id],
  ])('when assignedResponderIds names %s, then creating and updating the elder are refused and nothing is stored', async (_situation, id) => {
    const created = await gw.api.request('POST', '/api/v1/elders', { name: '新老人', address: '幸福路 99 号', regionId: net.communityA.id, assignedResponderIds: [id()] });
    expect(created).toMatchObject({ status: 400, body: { error: { code: 'ASSIGNED_RESPONDERS_INVALID' } } });
    const { elderId } = await elderWithButtons(0);
    const patched = await gw.api.request('PATCH', `/api/v1/elders/${elderId}`, { assignedResponderIds: [net.responderA.user.id, id()] });
    expect(patched).toMatchObject({ status: 400, body: { error: { code: 'ASSIGNED_RESPONDERS_INVALID' } } });
    expect((await gw.api.getElder(elderId)).assignedResponderIds).toEqual([]);
  });

  it('when assignedResponderIds names responders of the elder’s own and a neighbouring community, then it is stored', async () => {
    const { elderId } = await elderWithButtons(0);
    const ids = [net.responderA.user.id, neighbour.user.id];
    expect(await body<Elder>(gw.api.request('PATCH', `/api/v1/elders/${elderId}`, { assignedResponderIds: ids }))).toMatchObject({ assignedResponderIds: ids });
  });

  it('when an elder is moved to another town, then the responders they keep must be near the new home', async () => {
    const { elderId } = await elderWithButtons(0);
    await body(gw.api.request('PATCH', `/api/v1/elders/${elderId}`, { assignedResponderIds: [net.responderA.user.id] }));
    const moved = await gw.api.request('PATCH', `/api/v1/elders/${elderId}`, { regionId: net.communityB.id });
    expect(moved).toMatchObject({ status: 400, body: { error: { code: 'ASSIGNED_RESPONDERS_INVALID' } } });
    await body(gw.api.request('PATCH', `/api/v1/elders/${elderId}`, { regionId: net.communityB.id, assignedResponderIds: [net.responderB.user.id] }));
  });
});
