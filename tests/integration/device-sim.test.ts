import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_LOGINS, DEMO_TOWN, ensureCareNetwork, placementFor } from '../../device-sim/src/demo/care-network.js';
import { connectGatewayClient, type GatewayClient } from '../../device-sim/src/gateway-client.js';
import { homeProfile } from '../../device-sim/src/home-profiles.js';
import { placeSavedHome, provisionHomes, runHomes, type Home } from '../../device-sim/src/homes.js';
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

      // The PUBACK comes after the alert is stored (docs/decisions/0002-acknowledge-after-commit.md), so it is listed at once.
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

describe('demo care network', () => {
  let gateway: Awaited<ReturnType<typeof startTestGateway>>;
  let client: GatewayClient;

  beforeAll(async () => {
    gateway = await startTestGateway();
    client = await connectGatewayClient(gateway.httpUrl, gateway.adminUser, gateway.adminPassword);
  });
  afterAll(async () => {
    await gateway?.close();
  });

  it('when the network is ensured twice, then its regions and accounts exist once and its people can log in', async () => {
    const first = await ensureCareNetwork(client);
    const again = await ensureCareNetwork(client);
    expect(first.created).toEqual({ regions: 4, users: 9 });
    expect(again.created).toEqual({ regions: 0, users: 0 });
    expect(again.communities.map((c) => c.region.id)).toEqual(first.communities.map((c) => c.region.id));
    expect(again.town.parentId).toBe(again.county.id);

    const regions = await client.listRegions();
    expect(regions.map((r) => r.name).sort()).toEqual(
      [again.county.name, DEMO_TOWN.name, ...DEMO_TOWN.communities.map((c) => c.name)].sort(),
    );
    const users = await client.listUsers();
    expect(users).toHaveLength(10); // the admin and the demo's nine
    for (const team of again.communities) {
      expect(team.responders.map((r) => [r.role, r.regionId])).toEqual([['responder', team.region.id], ['responder', team.region.id]]);
    }
    for (const login of Object.values(DEMO_LOGINS)) {
      await expect(connectGatewayClient(gateway.httpUrl, login.username, login.password)).resolves.toBeDefined();
    }
  });

  it('when homes are placed, then each elder is in a community with its responders, contacts and notes', async () => {
    const network = await ensureCareNetwork(client);
    const place = (index: number) => placementFor(network, index, homeProfile(7, index));
    const [fresh] = await provisionHomes(client, 1, { seed: 7, place: (index, profile) => placementFor(network, index, profile) });
    const [saved] = await provisionHomes(client, 1, { seed: 7, startIndex: 1 }); // as an older demo did: the county's
    expect((await client.getElder(saved!.elderId)).regionId).toBe(network.county.id);
    const moved = await placeSavedHome(client, saved!, { profile: homeProfile(7, 1), seed: 7, index: 1, placement: place(1), countyId: network.county.id });
    const movedAgain = await placeSavedHome(client, moved, { profile: homeProfile(7, 1), seed: 7, index: 1, placement: place(1), countyId: network.county.id });
    expect(movedAgain).toEqual(moved);

    for (const [index, home] of [fresh!, moved].entries()) {
      const elder = await client.getElder(home.elderId);
      const placement = place(index);
      expect(home.regionId).toBe(placement.regionId);
      expect(elder).toMatchObject({ regionId: placement.regionId, assignedResponderIds: placement.assignedResponderIds, address: home.address });
      expect(elder.address).toContain(`${DEMO_TOWN.name}${placement.community}`);
      expect(elder.contacts.length).toBeGreaterThanOrEqual(1);
      expect(elder.contacts.length).toBeLessThanOrEqual(2);
      expect(elder.contacts.map((c) => c.notify)).toEqual(elder.contacts.map((_, i) => i === 0));
      expect(elder.medicalNotes).not.toBe('');
      expect(elder.accessNotes).not.toBe('');
    }
  });
});
