import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectGatewayClient, type GatewayClient } from '../../device-sim/src/gateway-client.js';
import { provisionHomes, runHomes, type Home } from '../../device-sim/src/homes.js';
import { startTestGateway } from '../support/test-gateway.js';

// The simulator against a real gateway: REST over HTTP to provision, MQTT over TCP to press.

const silent = pino({ level: 'silent' });

describe('device simulator', () => {
  let gateway: Awaited<ReturnType<typeof startTestGateway>>;
  let client: GatewayClient;
  let homes: Home[];

  beforeAll(async () => {
    gateway = await startTestGateway();
    client = await connectGatewayClient(gateway.httpUrl, gateway.adminUser, gateway.adminPassword);
    homes = await provisionHomes(client, 3, { seed: 7 });
  });
  afterAll(async () => {
    await gateway?.close();
  });

  it('when homes are provisioned, then each has its own elder and a call button with a secret', () => {
    expect(homes).toHaveLength(3);
    expect(new Set(homes.map((h) => h.elderId)).size).toBe(3);
    expect(new Set(homes.map((h) => h.deviceId)).size).toBe(3);
    for (const home of homes) {
      expect(home.secret.length).toBeGreaterThan(0);
      expect(home.name).toMatch(/^\p{Script=Han}{2,4}$/u);
      expect(home.address).toMatch(/^清源县.+(镇|街道).+(社区|村)/);
    }
  });

  it('when a running home presses SOS, then an open alert for its elder and button is listed', async () => {
    // Random presses off, so the only alert is the forced one.
    const running = await runHomes(homes, gateway.mqttUrl, { logger: silent, sosEveryMinutes: Infinity, seed: 1 });
    try {
      const home = homes[1]!;
      await running.pressSos(1);

      // The PUBACK comes after the alert is stored (DESIGN.md decision 2), so it is listed at once.
      const { items } = await client.listAlerts('open');
      const alert = items.find((a) => a.deviceId === home.deviceId);
      expect(alert).toMatchObject({
        deviceId: home.deviceId,
        status: 'raised',
        elder: { id: home.elderId, name: home.name, address: home.address },
      });
      expect(items.filter((a) => a.deviceId !== home.deviceId)).toHaveLength(0);
    } finally {
      await running.stop();
    }
  });

  it('when a home index does not exist, then pressSos rejects and nothing is sent', async () => {
    const running = await runHomes(homes.slice(0, 1), gateway.mqttUrl, { logger: silent, sosEveryMinutes: Infinity });
    try {
      await expect(running.pressSos(5)).rejects.toThrow(RangeError);
    } finally {
      await running.stop();
    }
  });
});
