import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deviceOrderSchema, type AlertDetail, type DeviceCommandView } from '../../schemas/index.js';
import type { ApiReply } from '../support/api-client.js';
import { setUpCareNetwork } from '../support/care-network.js';
import { listenToCommands } from '../support/device-commands.js';
import { scrape } from '../support/metric-reader.js';
import { connectDevice, eventually, registerElder, type TestDevice } from '../support/mqtt-device.js';
import { startTestGateway, type TestGateway } from '../support/test-gateway.js';

// Commands to devices as records (issue 22), in-process aedes: a real MQTT.js device gets its commands on its own
// topic, its PUBACK marks them delivered, its command_result finishes them; a device that is away gets them in order
// when it is back; a repeated request sends nothing again; a kind that cannot take a command is told so.

let gw: TestGateway;

beforeAll(async () => {
  gw = await startTestGateway({ DISPATCH_ACCEPT_SECONDS: '86400' });
}, 30_000);
afterAll(async () => {
  await gw?.close();
});

const post = (deviceId: string, body: Record<string, unknown>) => gw.api.request('POST', `/api/v1/devices/${deviceId}/commands`, body) as Promise<ApiReply<DeviceCommandView & { code?: string }>>;
const read = async (commandId: string): Promise<DeviceCommandView> => (await gw.api.request('GET', `/api/v1/device-commands/${commandId}`)).body as DeviceCommandView;
const statusOf = (commandId: string, status: DeviceCommandView['status']) => eventually(() => read(commandId), (c) => c.status === status);
const answer = (device: TestDevice, commandId: string, status: 'received' | 'done' | 'failed', fields: Record<string, unknown> = {}) =>
  device.send('status', 'command_result', { commandId, status, ...fields });

describe('commands to a connected device', () => {
  it('when a connected wearable is asked to locate, then it gets a valid order, its PUBACK makes it delivered and its answer done with the position', async () => {
    const wearable = await connectDevice(gw, await registerElder(gw), 'wearable');
    const inbox = await listenToCommands(wearable.client, wearable.id);
    const created = await post(wearable.id, { type: 'locate' });
    expect(created.status).toBe(201);
    const id = created.body.id;
    const order = await inbox.waitFor((c) => 'commandId' in c && c.commandId === id);
    expect(deviceOrderSchema.parse(order)).toMatchObject({ type: 'locate', msgId: id, commandId: id, expiresAt: Date.parse(created.body.expiresAt) });
    expect(Date.parse(created.body.expiresAt) - Date.parse(created.body.createdAt)).toBe(120_000);
    const delivered = await statusOf(id, 'delivered');
    expect(delivered).toMatchObject({ sendCount: 1, sentAt: expect.any(String), deliveredAt: expect.any(String) });

    await answer(wearable, id, 'received');
    await answer(wearable, id, 'done', { data: { lat: 30.27, lon: 120.15, accuracyM: 12 } });
    const done = await statusOf(id, 'done');
    expect(done.resultData).toEqual({ lat: 30.27, lon: 120.15, accuracyM: 12 });
    expect(done.finishedAt).not.toBeNull();
    const metrics = await scrape(gw.httpUrl);
    expect(metrics.sum('gateway_device_commands_total', 'outcome="done"')).toBeGreaterThanOrEqual(1);
    expect(metrics.sum('gateway_device_command_results_total', 'outcome="applied"')).toBeGreaterThanOrEqual(2);

    const list = (await gw.api.request('GET', `/api/v1/devices/${wearable.id}/commands`)).body as { items: DeviceCommandView[] };
    expect(list.items.map((c) => c.id)).toEqual([id]);
  });

  it('when the same id is posted twice, then the second reply is 200 with the stored command and the device got it once; other parameters under that id are 409', async () => {
    const wearable = await connectDevice(gw, await registerElder(gw), 'wearable');
    const inbox = await listenToCommands(wearable.client, wearable.id);
    const body = { type: 'play_message', id: `msg-${wearable.id}`, text: '请按时吃药' };
    const first = await post(wearable.id, body);
    expect(first.status).toBe(201);
    await inbox.waitFor((c) => 'commandId' in c && c.commandId === body.id);
    const again = await post(wearable.id, body);
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(body.id);
    const other = await post(wearable.id, { ...body, text: '请喝水' });
    expect(other.status).toBe(409);
    expect((other.body as unknown as { error: { code: string } }).error.code).toBe('COMMAND_ID_TAKEN');
    // A later command shows the device has heard everything the gateway sent meanwhile.
    const later = await post(wearable.id, { type: 'reboot' });
    await inbox.waitFor((c) => 'commandId' in c && c.commandId === later.body.id);
    expect(inbox.received.filter((c) => 'commandId' in c && c.commandId === body.id)).toHaveLength(1);
    expect((await read(body.id)).sendCount).toBe(1);
  });

  it('when a kind cannot take the command or lacks the threshold, then the reply is 400 COMMAND_UNSUPPORTED and nothing is stored', async () => {
    const elderId = await registerElder(gw);
    const button = await connectDevice(gw, elderId, 'call_button');
    const wearable = await connectDevice(gw, elderId, 'wearable');
    const snapshot = await post(button.id, { type: 'snapshot' });
    expect([snapshot.status, (snapshot.body as unknown as { error: { code: string } }).error.code]).toEqual([400, 'COMMAND_UNSUPPORTED']);
    const threshold = await post(wearable.id, { type: 'set_thresholds', thresholds: { alarmLelPercent: 10 } });
    expect([threshold.status, (threshold.body as unknown as { error: { code: string } }).error.code]).toEqual([400, 'COMMAND_UNSUPPORTED']);
    const noInterval = await post(button.id, { type: 'set_intervals' });
    expect([noInterval.status, (noInterval.body as unknown as { error: { code: string } }).error.code]).toEqual([400, 'COMMAND_PARAMETERS_MISSING']);
    const list = (await gw.api.request('GET', `/api/v1/devices/${button.id}/commands`)).body as { items: unknown[] };
    expect(list.items).toEqual([]);
  });

  it('when a result names an unknown command or another device answers for it, then both are counted and dropped, and the command is unchanged', async () => {
    const elderId = await registerElder(gw);
    const wearable = await connectDevice(gw, elderId, 'wearable');
    const other = await connectDevice(gw, elderId, 'call_button');
    await listenToCommands(wearable.client, wearable.id);
    const id = (await post(wearable.id, { type: 'locate' })).body.id;
    await statusOf(id, 'delivered');
    const before = await scrape(gw.httpUrl);
    await answer(other, id, 'done', { data: { lat: 1, lon: 1 } });
    await answer(wearable, 'no-such-command', 'done');
    await eventually(
      () => scrape(gw.httpUrl),
      (m) =>
        m.sum('gateway_device_command_results_total', 'outcome="wrong_device"') === before.sum('gateway_device_command_results_total', 'outcome="wrong_device"') + 1 &&
        m.sum('gateway_device_command_results_total', 'outcome="unknown_command"') === before.sum('gateway_device_command_results_total', 'outcome="unknown_command"') + 1,
    );
    expect(await read(id)).toMatchObject({ status: 'delivered', resultData: null });
  });

  it('when a command names an alert, then the alert timeline shows it made and done; an alert of another elder is 400 COMMAND_ALERT_MISMATCH', async () => {
    const wearable = await connectDevice(gw, await registerElder(gw), 'wearable');
    await listenToCommands(wearable.client, wearable.id);
    await wearable.send('events', 'sos');
    const alert = (await eventually(() => gw.api.listAlerts('open'), (list) => list.some((a) => a.deviceId === wearable.id))).find((a) => a.deviceId === wearable.id)!;
    const id = (await post(wearable.id, { type: 'locate', alertId: alert.id })).body.id;
    await statusOf(id, 'delivered');
    await answer(wearable, id, 'done', { data: { lat: 30.27, lon: 120.15 } });
    await statusOf(id, 'done');
    const timeline = async () => ((await gw.api.request('GET', `/api/v1/alerts/${alert.id}`)).body as AlertDetail).timeline.filter((t) => t.action === 'device_command');
    const lines = await eventually(timeline, (t) => t.length === 2);
    expect(lines.map((t) => t.note)).toEqual([expect.stringMatching(/^locate → (sent|delivered)$/), 'locate → done']);

    const stranger = await connectDevice(gw, await registerElder(gw), 'wearable');
    const mismatch = await post(stranger.id, { type: 'locate', alertId: alert.id });
    expect([mismatch.status, (mismatch.body as unknown as { error: { code: string } }).error.code]).toEqual([400, 'COMMAND_ALERT_MISMATCH']);
    await gw.api.resolve(alert.id, 'done');
  });
});

describe('commands to a device that is away', () => {
  it('when three commands wait for an offline device, then after it connects and subscribes it gets them in the order they were made', async () => {
    const elderId = await registerElder(gw);
    const device = await gw.api.createDevice({ elderId, kind: 'wearable' });
    const ids: string[] = [];
    for (const body of [{ type: 'set_intervals', heartbeatSeconds: 300 }, { type: 'play_message', text: '今天有雨' }, { type: 'locate', ttlSeconds: 600 }]) {
      const reply = await post(device.id, body);
      expect([reply.status, reply.body.status]).toEqual([201, 'queued']);
      ids.push(reply.body.id);
    }
    const client = await mqtt.connectAsync(gw.mqttUrl, { clientId: device.id, username: device.id, password: device.secret, reconnectPeriod: 0 });
    try {
      const inbox = await listenToCommands(client, device.id);
      await eventually(async () => inbox.received.length, (n) => n >= 3);
      expect(inbox.received.map((c) => ('commandId' in c ? c.commandId : null))).toEqual(ids);
      for (const id of ids) await statusOf(id, 'delivered');
    } finally {
      await client.endAsync(true);
    }
  });

  it('when a command to an offline device outlives its ttl, then it expires, and the desk sees it', async () => {
    const elderId = await registerElder(gw);
    const device = await gw.api.createDevice({ elderId, kind: 'call_button' });
    const id = (await post(device.id, { type: 'reboot', ttlSeconds: 1 })).body.id;
    const expired = await eventually(() => read(id), (c) => c.status === 'expired', 8000);
    expect(expired.finishedAt).not.toBeNull();
    expect((await scrape(gw.httpUrl)).sum('gateway_device_commands_total', 'outcome="expired"')).toBeGreaterThanOrEqual(1);
  });
});

describe('a device that goes away before its PUBACK', () => {
  /** Connects as the device and subscribes; with `ack: false` it never acknowledges a command (no PUBACK). */
  async function session(device: { id: string; secret: string }, ack: boolean) {
    const client = await mqtt.connectAsync(gw.mqttUrl, { clientId: device.id, username: device.id, password: device.secret, reconnectPeriod: 0 });
    // MQTT.js sends the PUBACK when handleMessage calls back: never calling back means never acknowledging.
    if (!ack) client.handleMessage = () => undefined;
    return { client, inbox: await listenToCommands(client, device.id) };
  }

  it('when the connection drops before the PUBACK, then the command is queued again and sent again (same msgId) when the device is back', async () => {
    const device = await gw.api.createDevice({ elderId: await registerElder(gw), kind: 'wearable' });
    const silent = await session(device, false);
    const id = (await post(device.id, { type: 'play_message', text: '下午有人来访' })).body.id;
    await eventually(async () => silent.inbox.received.length, (n) => n === 1);
    expect((await read(id)).status).toBe('sent');
    silent.client.stream.destroy();
    await statusOf(id, 'queued');
    const back = await session(device, true);
    try {
      await back.inbox.waitFor((c) => 'commandId' in c && c.commandId === id);
      expect(await statusOf(id, 'delivered')).toMatchObject({ sendCount: 2 });
    } finally {
      await back.client.endAsync(true);
    }
  });

  it('when the device reconnects in a new session without closing the old one, then what the old one never acknowledged comes again', async () => {
    const device = await gw.api.createDevice({ elderId: await registerElder(gw), kind: 'wearable' });
    const silent = await session(device, false);
    const id = (await post(device.id, { type: 'reboot' })).body.id;
    await eventually(async () => silent.inbox.received.length, (n) => n === 1);
    const replacing = await session(device, true);
    try {
      await replacing.inbox.waitFor((c) => 'commandId' in c && c.commandId === id);
      expect(await statusOf(id, 'delivered')).toMatchObject({ sendCount: 2 });
    } finally {
      await replacing.client.endAsync(true);
      await silent.client.endAsync(true);
    }
  });
});

describe('who may send what', () => {
  it('when a test_mode command is made, then the gateway puts the device in test mode too', async () => {
    const wearable = await connectDevice(gw, await registerElder(gw), 'wearable');
    const inbox = await listenToCommands(wearable.client, wearable.id);
    const reply = await post(wearable.id, { type: 'test_mode', enabled: true, minutes: 15 });
    expect(reply.status).toBe(201);
    expect(await inbox.waitFor((c) => 'commandId' in c && c.commandId === reply.body.id)).toMatchObject({ type: 'test_mode', enabled: true, minutes: 15 });
    const device = (await gw.api.request('GET', `/api/v1/devices/${wearable.id}`)).body as { testModeUntil: string | null };
    expect(Date.parse(device.testModeUntil ?? '')).toBeGreaterThan(Date.now() + 14 * 60_000);
  });

  it('when a responder asks where the elder of the alert dispatched to them is, then the locate goes; any other command is 403', { timeout: 30_000 }, async () => {
    const net = await setUpCareNetwork(gw);
    try {
      const wearable = await connectDevice(gw, net.elderA.id, 'wearable');
      await listenToCommands(wearable.client, wearable.id);
      await wearable.send('events', 'sos');
      const alert = (await eventually(() => gw.api.listAlerts('open'), (list) => list.some((a) => a.deviceId === wearable.id))).find((a) => a.deviceId === wearable.id)!;
      const asResponder = (body: Record<string, unknown>) => net.responderA.api.request('POST', `/api/v1/devices/${wearable.id}/commands`, body);
      expect((await asResponder({ type: 'locate', alertId: alert.id })).status).toBe(403);
      expect((await net.operatorA.api.request('POST', `/api/v1/alerts/${alert.id}/dispatch`, { responderId: net.responderA.user.id })).status).toBe(200);
      const located = await asResponder({ type: 'locate', alertId: alert.id });
      expect(located.status).toBe(201);
      expect((await net.responderA.api.request('GET', `/api/v1/device-commands/${(located.body as DeviceCommandView).id}`)).status).toBe(200);
      expect((await asResponder({ type: 'reboot' })).status).toBe(403);
      expect((await asResponder({ type: 'locate' })).status).toBe(403);
      await gw.api.resolve(alert.id, 'done');
    } finally {
      await net.close();
    }
  });
});

describe('replacement hardware', () => {
  it('when a wearable is replaced, then the new one gets the latest intervals and thresholds the old one took or was still to take, and the old one takes no more commands', { timeout: 30_000 }, async () => {
    const old = await connectDevice(gw, await registerElder(gw), 'wearable');
    await listenToCommands(old.client, old.id);
    const older = (await post(old.id, { type: 'set_intervals', heartbeatSeconds: 120 })).body.id;
    const latest = (await post(old.id, { type: 'set_intervals', heartbeatSeconds: 300, telemetrySeconds: 60 })).body.id;
    for (const id of [older, latest]) {
      await statusOf(id, 'delivered');
      await answer(old, id, 'done');
      await statusOf(id, 'done');
    }
    await post(old.id, { type: 'reboot' });
    await old.client.endAsync(true);
    // Still pending when the old one goes: carried over too.
    await post(old.id, { type: 'set_thresholds', thresholds: { heartRateHigh: 125 } });

    const replaced = await gw.api.request('POST', `/api/v1/devices/${old.id}/replace`, { reason: '屏幕损坏' });
    expect(replaced.status).toBe(201);
    const fresh = replaced.body as { id: string };
    const list = (await gw.api.request('GET', `/api/v1/devices/${fresh.id}/commands`)).body as { items: DeviceCommandView[] };
    expect(list.items.map((c) => [c.type, c.parameters, c.status]).reverse()).toEqual([
      ['set_intervals', { heartbeatSeconds: 300, telemetrySeconds: 60 }, 'queued'],
      ['set_thresholds', { thresholds: { heartRateHigh: 125 } }, 'queued'],
    ]);
    const refused = await post(old.id, { type: 'reboot' });
    expect([refused.status, (refused.body as unknown as { error: { code: string } }).error.code]).toEqual([409, 'DEVICE_RETIRED']);
  });
});
