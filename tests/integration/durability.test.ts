import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CallButton } from '../../device-sim/src/call-button.js';
import { createApiClient } from '../support/api-client.js';
import { freePort } from '../support/free-port.js';
import { startGatewayProcess, type GatewayProcess } from '../support/gateway-process.js';
import { TEST_ADMIN } from '../support/test-gateway.js';

// Acknowledge after commit, proven by the harshest stop: SIGKILL right after the device got its PUBACK.

const dataDir = mkdtempSync(join(tmpdir(), 'gateway-kill-'));
let current: GatewayProcess | undefined;
afterAll(async () => {
  if (current && current.child.exitCode === null) await current.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

describe('durability', () => {
  it('when the gateway is SIGKILLed right after an SOS is acknowledged at the MQTT level, then after restart the alert is there', { timeout: 60_000 }, async () => {
    const ports = { http: await freePort(), mqtt: await freePort() };
    current = await startGatewayProcess(dataDir, ports);
    const api = createApiClient(current.httpUrl);
    await api.login(TEST_ADMIN.username, TEST_ADMIN.password);
    const elder = await api.createElder({ name: '李桂兰', address: '东城街道和平社区5栋' });
    const device = await api.createDevice({ elderId: elder.id, kind: 'call_button' });

    const button = new CallButton({ url: current.mqttUrl, deviceId: device.id, secret: device.secret, reconnectPeriod: 0 });
    await button.connect();
    const msgId = await button.pressSos(); // resolves on PUBACK
    const code = await current.kill('SIGKILL');
    button.dropConnection();
    await button.close().catch(() => undefined);
    expect(code).toBeNull(); // killed by the signal, no clean exit

    current = await startGatewayProcess(dataDir, ports);
    const after = createApiClient(current.httpUrl);
    await after.login(TEST_ADMIN.username, TEST_ADMIN.password);
    const alerts = (await after.listAlerts('open')).filter((a) => a.deviceId === device.id);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ status: 'raised', elder: { id: elder.id } });

    // The button, not knowing, sends the same message again after the restart: still one alert.
    const again = new CallButton({ url: current.mqttUrl, deviceId: device.id, secret: device.secret, reconnectPeriod: 0 });
    await again.connect();
    await again.publish('events', { type: 'sos' }, msgId);
    await again.close();
    const afterResend = (await after.listAlerts('all')).filter((a) => a.deviceId === device.id);
    expect(afterResend.map((a) => a.count)).toEqual([1]);

    expect(await current.kill('SIGTERM')).toBe(0);
  });
});
