import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HomeState, StatusWall, WallHome } from '../../schemas/index.js';
import { setUpCareNetwork, type CareNetwork } from '../support/care-network.js';
import { connectDevice, eventually, registerElder } from '../support/mqtt-device.js';
import { startTestGateway, type TestGateway } from '../support/test-gateway.js';

// GET /status-wall: every home of the caller's region with its devices' presence, straight from the gateway's memory
// (routine heartbeats never reach the store), so the wall the desk loads is as fresh as the last message.

let gw: TestGateway;
let net: CareNetwork;
beforeAll(async () => {
  // A short grace: a dropped device shows offline once the grace has passed, not before (issue 28, item 7).
  gw = await startTestGateway({ OFFLINE_GRACE_SECONDS: '0.5', DEADLINE_TICK_MS: '50' });
  net = await setUpCareNetwork(gw);
});
afterAll(async () => {
  await net?.close();
  await gw?.close();
});

const homeOf = (wall: StatusWall, elderId: string): WallHome | undefined => wall.homes.find((h) => h.elderId === elderId);

describe('status wall API', () => {
  it('when a device reports, then the wall shows its home with the device online, its battery and the elder threshold', async () => {
    const sensor = await connectDevice(gw, net.elderA.id, 'water_leak_sensor', { room: '厨房' });
    await sensor.send('status', 'heartbeat', { battery: 15 });
    const wall = await eventually(
      async () => (await gw.api.request<StatusWall>('GET', '/api/v1/status-wall')).body,
      (w) => homeOf(w, net.elderA.id)?.devices.find((d) => d.id === sensor.id)?.battery === 15,
    );
    const home = homeOf(wall, net.elderA.id)!;
    expect(home).toMatchObject({ regionId: net.communityA.id, batteryLow: 20 });
    expect(home.name).toBeTruthy();
    expect(home.devices.find((d) => d.id === sensor.id)).toMatchObject({ kind: 'water_leak_sensor', room: '厨房', online: true, battery: 15 });
    expect(Date.parse(wall.at)).toBeGreaterThan(0);
  });

  it('when a device drops its connection and is not back within the grace, then the wall shows it offline', async () => {
    const button = await connectDevice(gw, net.elderB.id, 'call_button');
    await button.send('status', 'heartbeat', { battery: 90 });
    button.drop();
    const wall = await eventually(
      async () => (await gw.api.request<StatusWall>('GET', '/api/v1/status-wall')).body,
      (w) => homeOf(w, net.elderB.id)?.devices.find((d) => d.id === button.id)?.online === false,
    );
    expect(homeOf(wall, net.elderB.id)?.devices.find((d) => d.id === button.id)).toMatchObject({ online: false, battery: 90 });
  });

  it("when a town's operator asks, then the wall holds only that town's homes", async () => {
    const reply = await net.operatorA.api.request<StatusWall>('GET', '/api/v1/status-wall');
    expect(reply.status).toBe(200);
    expect(homeOf(reply.body, net.elderA.id)).toBeDefined();
    expect(homeOf(reply.body, net.elderB.id)).toBeUndefined();
  });

  it('when the browser accepts gzip, then the wall comes gzipped', async () => {
    // past the 1 KiB below which compressing is not worth it
    for (let i = 0; i < 8; i += 1) await gw.api.createElder({ name: `墙测试老人${i}`, address: `城关镇幸福社区${i}号院` });
    const res = await fetch(`${gw.httpUrl}/api/v1/status-wall`, { headers: { authorization: `Bearer ${gw.adminToken}`, 'accept-encoding': 'gzip' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-encoding')).toBe('gzip');
    // fetch decodes it: the body is the same wall
    expect(((await res.json()) as StatusWall).homes.length).toBeGreaterThan(0);
  });

  it('when a home has an open alert, an offline device and a low battery at once, then it is in all three states and counted in each', async () => {
    const elderId = await registerElder(gw);
    const sensor = await connectDevice(gw, elderId, 'water_leak_sensor');
    const button = await connectDevice(gw, elderId, 'call_button');
    // under the elder's 20%: a low battery, and a P3 low_battery alert
    await sensor.send('status', 'heartbeat', { battery: 12 });
    await button.send('status', 'heartbeat', { battery: 90 });
    button.drop();
    const wall = await eventually(
      async () => (await gw.api.request<StatusWall>('GET', '/api/v1/status-wall')).body,
      (w) => homeOf(w, elderId)?.devices.find((d) => d.id === button.id)?.online === false && homeOf(w, elderId)?.states.includes('offline') === true,
    );
    expect(homeOf(wall, elderId)?.states).toEqual(['openAlert', 'offline', 'lowBattery']);
    const open = (await gw.api.listAlerts('open')).filter((a) => a.elder.id === elderId).map((a) => a.type);
    expect(open).toContain('low_battery');

    // every count is the number of homes in that state, whatever else they are in; the problem states overlap
    const inState = (state: HomeState) => wall.homes.filter((h) => h.states.includes(state)).length;
    expect(wall.counts).toEqual({
      homes: wall.homes.length,
      openAlert: inState('openAlert'),
      offline: inState('offline'),
      lowBattery: inState('lowBattery'),
      online: inState('online'),
      noData: inState('noData'),
    });
    // the desk's open alerts and the wall agree: every elder with an open alert is a home with an open alert
    const alerted = new Set((await gw.api.listAlerts('open')).map((a) => a.elder.id));
    expect(wall.counts.openAlert).toBe(wall.homes.filter((h) => alerted.has(h.elderId)).length);
    // a home in no problem state is online or has no data, never both
    expect(wall.counts.online + wall.counts.noData).toBe(wall.homes.filter((h) => h.states.length === 1 && !['openAlert', 'offline', 'lowBattery'].includes(h.states[0]!)).length);
  });

  it('when a responder asks, then the answer is 403 FORBIDDEN_ROLE', async () => {
    const reply = await net.responderA.api.request<{ error: { code: string } }>('GET', '/api/v1/status-wall');
    expect(reply.status).toBe(403);
    expect(reply.body.error.code).toBe('FORBIDDEN_ROLE');
  });
});
