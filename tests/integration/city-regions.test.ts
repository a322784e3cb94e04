import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AlarmReport, AlertView, CallReport, RegionListReply, RegionView } from '../../schemas/index.js';
import { createApiClient } from '../support/api-client.js';
import { createPerson, type Person } from '../support/care-network.js';
import { connectDevice, eventually, type TestDevice } from '../support/mqtt-device.js';
import { postgresMissing, startPostgres, type PostgresCluster } from '../support/postgres.js';
import { startTestGateway, type TestGateway } from '../support/test-gateway.js';

// A city deployment (REGION_PLAN=city, issue 21): city → two districts → streets → communities, over real HTTP, MQTT
// and a real store on both engines. Levels are derived from the parent; scoping, dispatch suggestions and the alarm
// report's breakdown work at the fourth level; a restart keeps it all, and a restart with a plan the regions do not
// fit is refused.

const engines = [
  { engine: 'SQLite', skip: false },
  { engine: 'PostgreSQL', skip: postgresMissing() },
];

describe.each(engines)('a city deployment on $engine', ({ engine, skip }) => {
  let pg: PostgresCluster | undefined;
  let gw: TestGateway;
  /** Where the store lives, kept across restarts: a SQLite folder or a PostgreSQL database. */
  let storeConfig: Record<string, string>;
  let dataDir: string | undefined;
  const r: Record<string, RegionView> = {};
  let operatorEast: Person;
  let operatorWest: Person;
  let supervisorEast: Person;
  let neighbour: Person;
  let otherStreet: Person;
  let elderId: string;
  let button: TestDevice;
  let alert: AlertView;

  const start = (extra: Record<string, string> = {}) => startTestGateway({ REGION_PLAN: 'city', ...storeConfig, ...extra });
  const region = async (name: string, parentId: string | undefined, level?: string) =>
    gw.api.request<RegionView>('POST', '/api/v1/regions', { name, ...(parentId ? { parentId } : {}), ...(level ? { level } : {}) });
  async function made(name: string, parentId: string): Promise<RegionView> {
    const reply = await region(name, parentId);
    expect(reply.status, JSON.stringify(reply.body)).toBe(201);
    return reply.body;
  }
  const person = (username: string, role: 'operator' | 'supervisor' | 'responder', regionId: string, displayName: string) =>
    createPerson(gw, `${username}-${engine}`, { displayName, role, regionId, ...(role === 'responder' ? { responderKind: 'care_worker', phone: '13800000000' } : {}) });

  beforeAll(async () => {
    if (skip) return;
    if (engine === 'PostgreSQL') {
      pg = await startPostgres();
      storeConfig = { DATABASE_URL: await pg.newDatabase() };
    } else {
      dataDir = mkdtempSync(join(tmpdir(), 'gateway-city-'));
      storeConfig = { DATA_DIR: dataDir };
    }
    gw = await start();
  }, 90_000);

  afterAll(async () => {
    await button?.client.endAsync(true);
    await gw?.close();
    await pg?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it.skipIf(skip)('when a city gateway starts on a new store, then the root is the city 本市 and GET /regions names the four levels', async () => {
    const reply = await gw.api.request<RegionListReply>('GET', '/api/v1/regions');
    expect(reply.status).toBe(200);
    expect(reply.body.items).toEqual([expect.objectContaining({ name: '本市', level: 'city', parentId: null })]);
    expect(reply.body.levels).toEqual([
      { key: 'city', depth: 0, name: { 'zh-CN': '市', en: 'City' } },
      { key: 'district', depth: 1, name: { 'zh-CN': '区', en: 'District' } },
      { key: 'street', depth: 2, name: { 'zh-CN': '街道', en: 'Street' } },
      { key: 'community', depth: 3, name: { 'zh-CN': '社区', en: 'Community' } },
    ]);
    r.city = reply.body.items[0] as RegionView;
  });

  it.skipIf(skip)('when regions are added with no level, then each takes the level below its parent; a wrong level, a fifth level or a second root are refused', async () => {
    r.east = await made('东城区', r.city!.id);
    r.west = await made('西城区', r.city!.id);
    r.eastA = await made('安定门街道', r.east.id);
    r.eastB = await made('和平里街道', r.east.id);
    r.westA = await made('月坛街道', r.west.id);
    r.home = await made('幸福社区', r.eastA.id);
    r.sibling = await made('安华社区', r.eastA.id);
    r.eastBCommunity = await made('南街社区', r.eastB.id);
    r.westCommunity = await made('白云社区', r.westA.id);
    expect([r.east.level, r.eastA.level, r.home.level]).toEqual(['district', 'street', 'community']);

    // a level given must be the derived one
    expect((await region('错层', r.east.id, 'street')).status).toBe(201);
    expect(await region('错层', r.east.id, 'community')).toMatchObject({ status: 400, body: { error: { code: 'REGION_LEVEL_INVALID' } } });
    expect(await region('错层', r.east.id, 'town')).toMatchObject({ status: 400, body: { error: { code: 'REGION_LEVEL_INVALID' } } });
    // nothing below the lowest level
    expect(await region('第五层', r.home.id)).toMatchObject({ status: 400, body: { error: { code: 'REGION_LEVEL_INVALID' } } });
    expect(await region('另一个市', undefined)).toMatchObject({ status: 403, body: { error: { code: 'FORBIDDEN_REGION' } } });
    expect(await region('没有上级的区', undefined, 'district')).toMatchObject({ status: 400, body: { error: { code: 'REGION_PARENT_INVALID' } } });
  });

  it.skipIf(skip)('when an elder of a community raises an SOS, then the district\'s operator sees it and the other district\'s is refused', async () => {
    operatorEast = await person('op-east', 'operator', r.east!.id, '东城值班员');
    operatorWest = await person('op-west', 'operator', r.west!.id, '西城值班员');
    supervisorEast = await person('sup-east', 'supervisor', r.east!.id, '东城主管');
    neighbour = await person('resp-sibling', 'responder', r.sibling!.id, '安华护理员');
    otherStreet = await person('resp-other-street', 'responder', r.eastBCommunity!.id, '南街护理员');
    const created = await gw.api.request<{ id: string }>('POST', '/api/v1/elders', { name: '城市老人', address: '幸福社区1号楼', regionId: r.home!.id, riskCategory: 'alone' });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    elderId = created.body.id;
    button = await connectDevice(gw, elderId, 'call_button', { closeAfterTest: false });
    await button.send('events', 'sos');
    alert = (await eventually(async () => (await gw.api.listAlerts('open')).filter((a) => a.elder.id === elderId), (list) => list.length === 1))[0] as AlertView;

    expect((await operatorEast.api.request('GET', `/api/v1/alerts/${alert.id}`)).status).toBe(200);
    expect(await operatorWest.api.request('GET', `/api/v1/alerts/${alert.id}`)).toMatchObject({ status: 403, body: { error: { code: 'FORBIDDEN_REGION' } } });
    const westList = await operatorWest.api.request<{ items: AlertView[] }>('GET', '/api/v1/alerts?status=all');
    expect(westList.body.items.some((a) => a.id === alert.id)).toBe(false);
  });

  it.skipIf(skip)('when the district operator asks whom to send, then a responder of a sibling community in the same street is suggested and one of another street is not', async () => {
    const reply = await operatorEast.api.request<{ items: Array<{ responder: { id: string } }> }>('GET', `/api/v1/alerts/${alert.id}/suggestions`);
    expect(reply.status).toBe(200);
    const ids = reply.body.items.map((s) => s.responder.id);
    expect(ids).toContain(neighbour.user.id);
    expect(ids).not.toContain(otherStreet.user.id);
  });

  it.skipIf(skip)('when the alarm report is made for the city, then its breakdown lists districts, streets and communities in tree order by name; the district supervisor gets their own subtree', async () => {
    const from = new Date(Date.now() - 3600_000).toISOString();
    const to = new Date(Date.now() + 3600_000).toISOString();
    const query = `from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`;
    const city = await gw.api.request<AlarmReport>('GET', `/api/v1/reports/alarms?${query}`);
    expect(city.status, JSON.stringify(city.body)).toBe(200);
    expect(city.body.breakdown.map((b) => [b.name, b.level, b.raised])).toEqual([
      ['东城区', 'district', 1],
      ['安定门街道', 'street', 1],
      ['安华社区', 'community', 0],
      ['幸福社区', 'community', 1],
      ['错层', 'street', 0],
      ['和平里街道', 'street', 0],
      ['南街社区', 'community', 0],
      ['西城区', 'district', 0],
      ['月坛街道', 'street', 0],
      ['白云社区', 'community', 0],
    ]);
    const east = await supervisorEast.api.request<AlarmReport>('GET', `/api/v1/reports/alarms?${query}`);
    expect(east.status).toBe(200);
    expect(east.body.regionName).toBe('东城区');
    expect(east.body.breakdown.map((b) => b.name)).toEqual(['安定门街道', '安华社区', '幸福社区', '错层', '和平里街道', '南街社区']);
    const calls = await supervisorEast.api.request<CallReport>('GET', `/api/v1/reports/calls?${query}&regionId=${r.eastA!.id}`);
    expect(calls.status, JSON.stringify(calls.body)).toBe(200);
    expect(calls.body.byRegion.map((b) => [b.name, b.level])).toEqual([
      ['安定门街道', 'street'],
      ['安华社区', 'community'],
      ['幸福社区', 'community'],
    ]);
    // the file names each row's level as the deployment does
    const csv = await fetch(`${gw.httpUrl}/api/v1/reports/calls?${query}&format=csv`, { headers: { authorization: `Bearer ${supervisorEast.api.token}` } });
    expect(await csv.text()).toContain('街道,安定门街道,0');
    const alarmsCsv = await fetch(`${gw.httpUrl}/api/v1/reports/alarms?${query}&format=csv`, { headers: { authorization: `Bearer ${gw.adminToken}` } });
    const lines = (await alarmsCsv.text()).split('\r\n');
    expect(lines.filter((l) => /^(区|街道|社区),/.test(l)).map((l) => l.split(',').slice(0, 4).join(','))).toEqual([
      '区,本市,东城区,1',
      '街道,东城区,安定门街道,1',
      '社区,安定门街道,安华社区,0',
      '社区,安定门街道,幸福社区,1',
      '街道,东城区,错层,0',
      '街道,东城区,和平里街道,0',
      '社区,和平里街道,南街社区,0',
      '区,本市,西城区,0',
      '街道,西城区,月坛街道,0',
      '社区,月坛街道,白云社区,0',
    ]);
  });

  it.skipIf(skip)('when the gateway restarts with the same plan, then regions, levels, the alert and its scoping are as before; with the county plan it refuses to start', async () => {
    const before = (await gw.api.request<RegionListReply>('GET', '/api/v1/regions')).body;
    await button.client.endAsync(true);
    await gw.close();
    await expect(start({ REGION_PLAN: 'county' })).rejects.toThrow(/is a district at depth 1, where REGION_PLAN=county has a town/);
    gw = await start();
    const after = (await gw.api.request<RegionListReply>('GET', '/api/v1/regions')).body;
    expect(after).toEqual(before);
    expect(after.items.find((x) => x.parentId === null)).toMatchObject({ name: '本市', level: 'city' });
    // the new gateway listens on another port: sign in again there
    const east = createApiClient(gw.httpUrl);
    await east.login(operatorEast.user.username, operatorEast.password);
    const west = createApiClient(gw.httpUrl);
    await west.login(operatorWest.user.username, operatorWest.password);
    expect((await east.request('GET', `/api/v1/alerts/${alert.id}`)).status).toBe(200);
    expect((await west.request('GET', `/api/v1/alerts/${alert.id}`)).status).toBe(403);
    expect(await region('第五层', r.home!.id)).toMatchObject({ status: 400, body: { error: { code: 'REGION_LEVEL_INVALID' } } });
  });
});
