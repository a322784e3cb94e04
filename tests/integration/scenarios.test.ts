import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectGatewayClient, type GatewayClient } from '../../device-sim/src/gateway-client.js';
import { SCENARIO_NAMES, runScenario, waitForDesk } from '../../device-sim/src/scenarios/index.js';
import { startTestGateway, type TestGateway } from '../support/test-gateway.js';

// Every named scenario of the simulator (fall at night, heart rate climbs and recovers, smoke in the kitchen, battery
// dies, camera sees a fall in room 203, wanders off, stays in bathroom, wanders at night) against a real gateway, in fast mode: the desk
// must end up showing exactly the alerts and tasks the scenario expects, nothing missing and nothing extra.

const OFFLINE_GRACE_MS = 1000;
let gw: TestGateway;
let client: GatewayClient;

beforeAll(async () => {
  gw = await startTestGateway({ OFFLINE_GRACE_SECONDS: String(OFFLINE_GRACE_MS / 1000), DEADLINE_TICK_MS: '50' });
  client = await connectGatewayClient(gw.httpUrl, gw.adminUser, gw.adminPassword);
});
afterAll(async () => {
  await gw?.close();
});

describe('named scenarios', () => {
  // Scenarios have their own elders and devices, so they run side by side.
  it.concurrent.each(SCENARIO_NAMES.map((name) => [name]))('when the %s scenario plays, then the desk shows what it expects', async (name) => {
    const result = await runScenario(name, { client, mqttUrl: gw.mqttUrl, fast: true, offlineGraceMs: OFFLINE_GRACE_MS });
    try {
      const desk = await waitForDesk(client, result, { extraMs: 3000, pollMs: 100 });
      expect(desk.differences, desk.seen.join('\n')).toEqual([]);
      expect(result.expected.alerts.length + result.expected.tasks.length).toBeGreaterThan(0);
    } finally {
      await result.close();
    }
  }, 60_000);
});
