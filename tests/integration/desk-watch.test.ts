import { afterAll, beforeAll, expect, it } from 'vitest';
import { connectLive } from '../support/live-client.js';
import { connectDevice, registerElder } from '../support/mqtt-device.js';
import { startTestGateway, type TestGateway } from '../support/test-gateway.js';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver.js';

// Nobody watching: life-safety alarms open and no desk connected for the configured time → the notifier says so;
// a connected desk hears the gateway's heartbeat and silences the watch.

let gw: TestGateway;
let hook: WebhookReceiver;

beforeAll(async () => {
  hook = await startWebhookReceiver();
  gw = await startTestGateway({ NOTIFY_WEBHOOK_URL: hook.url, DESK_UNWATCHED_SECONDS: '1', DESK_HEARTBEAT_SECONDS: '0.2', ESCALATION_P1_SECONDS: '3600' });
});
afterAll(async () => {
  await gw?.close();
  await hook?.close();
});

it('when a P1 is open and no desk is connected, then the supervisors are told nobody is watching; while a desk is connected, they are not', async () => {
  const desk = await connectLive(gw.httpUrl, gw.adminToken);
  const elderId = await registerElder(gw);
  const button = await connectDevice(gw, elderId, 'call_button');
  await button.send('events', 'sos');
  const beat = await desk.waitFor((e) => e.type === 'heartbeat' && e.openLifeSafety === 1);
  expect(beat).toMatchObject({ desksWatching: 1 });
  await new Promise((r) => setTimeout(r, 1500));
  expect(hook.received.filter((n) => n.topic === 'desk_unwatched')).toHaveLength(0);

  desk.close();
  const told = await hook.waitFor((n) => n.topic === 'desk_unwatched', 5000);
  expect(told.recipients.map((r) => r.role)).toContain('admin');
  expect(told.text).toContain('无人值守');
});
