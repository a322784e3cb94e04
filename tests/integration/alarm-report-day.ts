import { expect } from 'vitest';
import type { AlertView, RegionView, TaskView } from '../../schemas/index.js';
import { createRegion, type CareNetwork } from '../support/care-network.js';
import type { ManualClock } from '../support/manual-clock.js';
import { connectDevice, eventually, type TestDevice } from '../support/mqtt-device.js';
import type { TestGateway } from '../support/test-gateway.js';

// The working day alarm-report-scenario.test.ts reports on, played through the real REST API and real buttons on a
// gateway whose clock the test moves: every alarm's story, and so every figure of the report, is known in advance.

export const S = Date.parse('2026-11-23T02:00:00Z'); // 10:00 in China
export const at = (seconds: number): number => S + seconds * 1000;

export async function body<T>(reply: Promise<{ status: number; body: unknown }>, status = 200): Promise<T> {
  const r = await reply;
  expect(r.status, JSON.stringify(r.body)).toBe(status);
  return r.body as T;
}

/**
 * Two more elders (丙 in community A, 丁 in community B), an empty community 新村社区 in town A, then seven SOS
 * alarms from 0 s to 5500 s; the clock is left at 5800 s, when the report is made. Returns the empty community and
 * the new buttons (the caller disconnects them).
 */
export async function playReportDay(gw: TestGateway, net: CareNetwork, clock: ManualClock): Promise<{ emptyCommunity: RegionView; buttons: TestDevice[] }> {
  const emptyCommunity = await createRegion(gw, '新村社区', 'community', net.townA.id);
  const elderIn = async (regionId: string, name: string): Promise<TestDevice> => {
    const elder = await body<{ id: string }>(gw.api.request('POST', '/api/v1/elders', { name, address: `${name}的家`, regionId, riskCategory: 'alone' }), 201);
    return connectDevice(gw, elder.id, 'call_button', { closeAfterTest: false });
  };
  const a2 = await elderIn(net.communityA.id, '丙老人');
  const b2 = await elderIn(net.communityB.id, '丁老人');
  const a1 = net.elderA.button;
  const b1 = net.elderB.button;
  const op = net.operatorA.api;
  const desk = gw.api; // the county's admin works town B's alarms
  const zhang = net.responderA; // 护理员张, community A, named responder of elder A
  const li = net.responderA2; // 护理员李, community A
  const wang = net.responderB; // 护理员王, community B

  const sos = async (button: TestDevice, seconds: number): Promise<string> => {
    clock.set(at(seconds));
    await button.send('events', 'sos');
    const open = (await desk.listAlerts('open')).filter((a: AlertView) => a.elder.id === button.elderId);
    return (open[0] as AlertView).id;
  };
  const post = (who: { request: typeof op.request }, path: string, payload?: unknown) => body(who.request('POST', `/api/v1${path}`, payload));
  const dispatch = (who: typeof op, id: string, responderId: string) => post(who, `/alerts/${id}/dispatch`, { responderId });

  // #1 elder A (community A) at 0 s: acknowledged and sent to 张 at 20 s; he accepts at 50 s, is there at 350 s and
  //    resolves at 650 s, which opens a follow-up due at 650 + 3600 s, assigned to him.
  const a1First = await sos(a1, 0);
  clock.set(at(20));
  await post(op, `/alerts/${a1First}/ack`, {});
  await dispatch(op, a1First, zhang.user.id);
  clock.set(at(50));
  await post(zhang.api, `/alerts/${a1First}/accept`);
  clock.set(at(350));
  await post(zhang.api, `/alerts/${a1First}/arrive`);
  clock.set(at(650));
  await post(zhang.api, `/alerts/${a1First}/resolve`, { reason: 'handled_on_site' });

  // #2 elder 丙 (community A) at 1000 s: acknowledged and sent to 李 at 1040 s, who declines at 1070 s; the gateway
  //    offers 张 at once, who lets it expire (at 1191 s, when the clock next moves); nobody is left, so it returns to
  //    the desk, which resolves it by phone at 1300 s: a follow-up due at 4900 s, nobody assigned.
  const a2Alert = await sos(a2, 1000);
  clock.set(at(1040));
  await post(op, `/alerts/${a2Alert}/ack`, {});
  await dispatch(op, a2Alert, li.user.id);
  clock.set(at(1070));
  await post(li.api, `/alerts/${a2Alert}/decline`, { reason: '在外地' });
  clock.set(at(1191));
  await eventually(
    () => op.getAlert(a2Alert),
    (a) => a.timeline.some((t) => t.action === 'dispatch_expired'),
  );
  clock.set(at(1300));
  await post(op, `/alerts/${a2Alert}/resolve`, { reason: 'handled_by_phone' });

  // #3 elder B (community B) at 2000 s: a false alarm at 2030 s.
  const b1First = await sos(b1, 2000);
  clock.set(at(2030));
  await post(desk, `/alerts/${b1First}/false-alarm`, { note: '误按' });

  // #4 elder 丁 (community B) at 3000 s: cancelled by the elder at 3010 s, within the window.
  await sos(b2, 3000);
  clock.set(at(3010));
  await b2.send('events', 'cancel');

  // 张 does #1's follow-up at 3500 s.
  clock.set(at(3500));
  const followUp = (await op.listTasks('all')).find((t: TaskView) => t.kind === 'follow_up' && t.alertId === a1First) as TaskView;
  await post(zhang.api, `/tasks/${followUp.id}/accept`);
  await post(zhang.api, `/tasks/${followUp.id}/complete`, { outcome: 'visited', note: '老人情况稳定' });

  // #5 elder A at 4000 s: acknowledged and sent to 李 at 4010 s, who accepts at 4040 s and is on the way: still open.
  const a1Second = await sos(a1, 4000);
  clock.set(at(4010));
  await post(op, `/alerts/${a1Second}/ack`, {});
  await dispatch(op, a1Second, li.user.id);
  clock.set(at(4040));
  await post(li.api, `/alerts/${a1Second}/accept`);

  // #6 elder 丁 at 4500 s: acknowledged and sent to 王 at 4515 s; accepted at 4545 s, there at 5145 s, resolved at
  //    5445 s: a follow-up due at 9045 s.
  const b2Second = await sos(b2, 4500);
  clock.set(at(4515));
  await post(desk, `/alerts/${b2Second}/ack`, {});
  await dispatch(desk, b2Second, wang.user.id);
  clock.set(at(4545));
  await post(wang.api, `/alerts/${b2Second}/accept`);
  clock.set(at(5145));
  await post(wang.api, `/alerts/${b2Second}/arrive`);
  clock.set(at(5445));
  await post(wang.api, `/alerts/${b2Second}/resolve`, { reason: 'handled_on_site' });

  // #7 elder B at 5500 s: nobody answers. The report is made at 5800 s: it has waited 300 s.
  await sos(b1, 5500);
  clock.set(at(5800));
  return { emptyCommunity, buttons: [a2, b2] };
}
