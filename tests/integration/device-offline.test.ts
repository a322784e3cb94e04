import { describe, expect, it } from 'vitest';
import type { WsEvent } from '../../schemas/index.js';
import { useLiveGateway } from '../support/live-gateway.js';
import { connectDevice, eventually, registerElder } from '../support/mqtt-device.js';

// The offline path both ways, over real MQTT: a connection that ends without DISCONNECT (the broker sees it at
// once and publishes the last will) and a device that stays connected but stops sending status messages.
// Short timeouts stand in for the real minutes; the deadlines behind them are the stored ones.

// The grace is long enough that a reconnect on a loaded 2-core machine lands inside it (a 0.6 s grace was missed once).
const env = useLiveGateway({ OFFLINE_GRACE_SECONDS: '1.5', HEARTBEAT_TIMEOUT_SECONDS: '1.2', DEADLINE_TICK_MS: '50' });

const raisedFor = (deviceId: string, type: string) => (e: WsEvent) =>
  e.type === 'alert.raised' && e.alert.deviceId === deviceId && e.alert.type === type;

describe('device offline', () => {
  it('when a device drops its connection without DISCONNECT, then after the grace period the desk sees it offline, with a P3 alert and a maintenance task', async () => {
    const elderId = await registerElder(env.gw);
    const button = await connectDevice(env.gw, elderId, 'call_button');
    await button.send('status', 'heartbeat', { battery: 80 });
    const droppedAt = Date.now();
    button.drop();

    await env.live.waitFor((e) => e.type === 'device.status' && e.device.deviceId === button.id && !e.device.online, 5000);
    expect(Date.now() - droppedAt).toBeGreaterThanOrEqual(1450);
    const raised = await env.live.waitFor(raisedFor(button.id, 'device_offline'), 5000);
    expect(raised).toMatchObject({ alert: { priority: 3, status: 'raised', elder: { id: elderId } } });
    const task = await env.live.waitFor((e) => e.type === 'task.created' && e.task.deviceId === button.id);
    expect(task).toMatchObject({ task: { kind: 'maintenance', reason: 'device_offline', status: 'open' } });
  });

  it('when the device comes back, then its offline alert is cleared by the gateway and says so', async () => {
    const elderId = await registerElder(env.gw);
    const first = await connectDevice(env.gw, elderId, 'call_button');
    first.drop();
    const raised = await env.live.waitFor(raisedFor(first.id, 'device_offline'), 5000);
    if (raised.type !== 'alert.raised') throw new Error('expected alert.raised');

    const { default: mqtt } = await import('mqtt');
    const again = await mqtt.connectAsync(env.gw.mqttUrl, { clientId: first.id, username: first.id, password: first.secret, reconnectPeriod: 0 });
    try {
      const cleared = await env.live.waitFor((e) => e.type === 'alert.updated' && e.alert.id === raised.alert.id && e.alert.status === 'cleared');
      expect(cleared).toMatchObject({ alert: { clearedAt: expect.any(String) } });
      const detail = await env.gw.api.getAlert(raised.alert.id);
      expect(detail.timeline.map((t) => t.action)).toEqual(['raised', 'cleared']);
      expect(detail.timeline[1]?.note).toMatch(/reconnected/);
    } finally {
      await again.endAsync(true);
    }
  });

  it('when a device reconnects within the grace period, then no offline alert is raised', async () => {
    const elderId = await registerElder(env.gw);
    const device = await connectDevice(env.gw, elderId, 'call_button');
    device.drop();
    const { default: mqtt } = await import('mqtt');
    const again = await mqtt.connectAsync(env.gw.mqttUrl, { clientId: device.id, username: device.id, password: device.secret, reconnectPeriod: 0 });
    // Back, as a real device is: it says so, so that the wait below (past the grace) does not run into the 1.2 s
    // heartbeat timeout instead.
    const heartbeat = { msgId: `hb-${Date.now()}`, ts: Date.now(), type: 'heartbeat', battery: 80 };
    await again.publishAsync(`devices/${device.id}/status`, JSON.stringify(heartbeat), { qos: 1 });
    await new Promise((r) => setTimeout(r, 1000));
    await again.publishAsync(`devices/${device.id}/status`, JSON.stringify({ ...heartbeat, msgId: `hb-${Date.now()}` }), { qos: 1 });
    await new Promise((r) => setTimeout(r, 1000));
    await again.endAsync(true);
    const alerts = await env.gw.api.listAlerts('all');
    expect(alerts.filter((a) => a.deviceId === device.id && a.type === 'device_offline')).toHaveLength(0);
  });

  it('when a device stays connected but sends no heartbeat past the timeout, then it is marked offline and a P3 alert is raised', async () => {
    const elderId = await registerElder(env.gw);
    // A long keepalive: the broker alone would not notice for minutes.
    const silent = await connectDevice(env.gw, elderId, 'wearable', { keepalive: 600 });
    await silent.send('status', 'heartbeat');
    const raised = await env.live.waitFor(raisedFor(silent.id, 'device_offline'), 5000);
    expect(raised).toMatchObject({ alert: { priority: 3 } });
    expect(silent.client.connected).toBe(true);
    const device = await eventually(() => env.gw.api.getDevice(silent.id), (d) => !d.online);
    expect(device.lastSeenAt).not.toBeNull();
    expect(env.live.events.some((e) => e.type === 'device.status' && e.device.deviceId === silent.id && !e.device.online)).toBe(true);
  });

  it('when heartbeats keep coming within the timeout, then the device never goes offline', async () => {
    const elderId = await registerElder(env.gw);
    const device = await connectDevice(env.gw, elderId, 'call_button', { keepalive: 600 });
    for (let i = 0; i < 6; i++) {
      await device.send('status', 'heartbeat');
      await new Promise((r) => setTimeout(r, 400));
    }
    const alerts = await env.gw.api.listAlerts('all');
    expect(alerts.filter((a) => a.deviceId === device.id)).toHaveLength(0);
  });
});
