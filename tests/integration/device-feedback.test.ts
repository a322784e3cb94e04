import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deviceFeedbackSchema, type AlertView } from '../../schemas/index.js';
import { setUpCareNetwork, type CareNetwork } from '../support/care-network.js';
import { listenToCommands, type CommandInbox } from '../support/device-commands.js';
import { connectDevice, eventually, registerElder } from '../support/mqtt-device.js';
import { scrape } from '../support/metric-reader.js';
import { startTestGateway, type TestGateway } from '../support/test-gateway.js';

// Feedback to the caller (issue 22), in-process aedes: a real button over MQTT hears, on its own commands topic, that
// its SOS was received, acknowledged, that help is on the way, and that it is over.

let gw: TestGateway;
let net: CareNetwork;
let inbox: CommandInbox;

beforeAll(async () => {
  // Nothing moves by itself while the test runs: an offer waits for its responder.
  gw = await startTestGateway({ DISPATCH_ACCEPT_SECONDS: '86400' });
  net = await setUpCareNetwork(gw);
  // Asked for QoS 2: the gateway grants 1 (docs/device-protocol.md).
  inbox = await listenToCommands(net.elderA.button.client, net.elderA.button.id, 2);
}, 30_000);
afterAll(async () => {
  await net?.close();
  await gw?.close();
});

async function pressSos(): Promise<AlertView> {
  const before = new Set((await gw.api.listAlerts('all')).map((a) => a.id));
  await net.elderA.button.send('events', 'sos');
  const open = await eventually(
    () => gw.api.listAlerts('open'),
    (list) => list.some((a) => a.elder.id === net.elderA.id && !before.has(a.id)),
  );
  return open.find((a) => a.elder.id === net.elderA.id && !before.has(a.id))!;
}

const post = (api: CareNetwork['operatorA']['api'], path: string, body?: unknown) => api.request('POST', `/api/v1${path}`, body);
const typesFor = (alertId: string) => inbox.received.filter((c) => c.alertId === alertId).map((c) => c.type);

describe('feedback to the caller, in-process broker', () => {
  it('when the button subscribes to its commands asking QoS 2, then it is granted QoS 1', () => {
    expect(inbox.grantedQos).toBe(1);
  });

  it('when the button presses SOS, the desk acknowledges, a responder accepts and the alert is resolved, then the button hears each step with the alert id', async () => {
    const alert = await pressSos();
    const received = await inbox.waitFor((c) => c.alertId === alert.id && c.type === 'alarm_received');
    expect(deviceFeedbackSchema.parse(received)).toMatchObject({ type: 'alarm_received', test: false, text: '已收到呼叫，请稍候' });

    expect((await post(net.operatorA.api, `/alerts/${alert.id}/ack`, {})).status).toBe(200);
    await inbox.waitFor((c) => c.alertId === alert.id && c.type === 'alarm_acknowledged');

    expect((await post(net.operatorA.api, `/alerts/${alert.id}/dispatch`, { responderId: net.responderA.user.id })).status).toBe(200);
    expect((await post(net.responderA.api, `/alerts/${alert.id}/accept`)).status).toBe(200);
    const help = await inbox.waitFor((c) => c.alertId === alert.id && c.type === 'help_on_the_way');
    expect(help).toMatchObject({ etaMinutes: null, text: expect.any(String) });

    expect((await gw.api.resolve(alert.id, '已上门处理', 'handled_on_site')).status).toBe(200);
    const closed = await inbox.waitFor((c) => c.alertId === alert.id && c.type === 'alarm_closed');
    expect(closed).toMatchObject({ outcome: 'resolved' });
    expect(typesFor(alert.id)).toEqual(['alarm_received', 'alarm_acknowledged', 'help_on_the_way', 'alarm_closed']);
    for (const command of inbox.received) expect(deviceFeedbackSchema.safeParse(command).success).toBe(true);
    expect((await scrape(gw.httpUrl)).sum('gateway_device_feedback_total', 'outcome="sent"')).toBeGreaterThanOrEqual(4);
  });

  it('when the elder presses again on the open alert, then the button hears alarm_received again', async () => {
    const alert = await pressSos();
    await inbox.waitFor((c) => c.alertId === alert.id && c.type === 'alarm_received');
    await net.elderA.button.send('events', 'sos');
    await eventually(async () => typesFor(alert.id), (types) => types.filter((t) => t === 'alarm_received').length === 2);
    await gw.api.resolve(alert.id, 'done');
    await inbox.waitFor((c) => c.alertId === alert.id && c.type === 'alarm_closed');
  });

  it('when a button in test mode presses SOS, then it hears the answer marked test: true', async () => {
    const elderId = await registerElder(gw);
    const button = await connectDevice(gw, elderId, 'call_button');
    const testInbox = await listenToCommands(button.client, button.id);
    await gw.api.setTestMode(button.id, 10);
    await button.send('events', 'sos');
    expect(await testInbox.waitFor((c) => c.type === 'alarm_received')).toMatchObject({ test: true });
  });

  it('when a button reports a low battery (P3), then it hears nothing', async () => {
    const elderId = await registerElder(gw);
    const button = await connectDevice(gw, elderId, 'call_button');
    const quiet = await listenToCommands(button.client, button.id);
    for (const level of [15, 12, 10, 9]) await button.send('status', 'heartbeat', { battery: level });
    await eventually(() => gw.api.listAlerts('open'), (alerts) => alerts.some((a) => a.deviceId === button.id && a.type === 'low_battery'));
    // A P1 of another elder afterwards, heard by its own button, shows the feedback path is working meanwhile.
    const alert = await pressSos();
    await inbox.waitFor((c) => c.alertId === alert.id && c.type === 'alarm_received');
    expect(quiet.received).toEqual([]);
    await gw.api.resolve(alert.id, 'done');
  });
});
