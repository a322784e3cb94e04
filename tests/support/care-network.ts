import type { RegionView, UserRole, UserView } from '../../schemas/index.js';
import { type ApiClient, type ApiReply, createApiClient, replyBody } from './api-client.js';
import { connectDevice, type TestDevice } from './mqtt-device.js';
import type { TestGateway } from './test-gateway.js';

// Two towns with one community each, the people who work in them and an elder with a call button in each, made
// through the real REST API by the gateway's admin: the fixture for workflow and scoping tests.

export interface Person {
  user: UserView;
  password: string;
  api: ApiClient;
}

export interface CareNetwork {
  county: RegionView;
  townA: RegionView;
  communityA: RegionView;
  townB: RegionView;
  communityB: RegionView;
  operatorA: Person;
  supervisorA: Person;
  responderA: Person;
  responderA2: Person;
  responderB: Person;
  elderA: { id: string; button: TestDevice };
  elderB: { id: string; button: TestDevice };
  /** Disconnects the elders' buttons. */
  close(): Promise<void>;
}

let networkNumber = 0;

const ok = <T>(reply: Promise<ApiReply>) => replyBody<T>(reply);

/** The gateway's root region (the county every test region hangs under). */
export async function rootRegion(gw: TestGateway): Promise<RegionView> {
  const regions = await ok<{ items: RegionView[] }>(gw.api.request('GET', '/api/v1/regions'));
  const root = regions.items.find((r) => r.parentId === null);
  if (!root) throw new Error('no root region');
  return root;
}

/** A town or community made by the gateway's admin. */
export function createRegion(gw: TestGateway, name: string, level: 'town' | 'community', parentId: string): Promise<RegionView> {
  return ok<RegionView>(gw.api.request('POST', '/api/v1/regions', { name, level, parentId }));
}

/** What a new user is besides their username and password (phone, responderKind… as the users API takes them). */
export interface PersonFields {
  displayName: string;
  role: UserRole;
  regionId: string;
  [field: string]: unknown;
}

/** A user made by the gateway's admin, signed in on an API client of their own. */
export async function createPerson(gw: TestGateway, username: string, fields: PersonFields, password = `${username}-password`): Promise<Person> {
  const user = await ok<UserView>(gw.api.request('POST', '/api/v1/users', { username, password, ...fields }));
  const api = createApiClient(gw.httpUrl);
  await api.login(username, password);
  return { user, password, api };
}

export async function setUpCareNetwork(gw: TestGateway): Promise<CareNetwork> {
  networkNumber += 1;
  const n = networkNumber;
  const admin = gw.api;
  const county = await rootRegion(gw);
  const townA = await createRegion(gw, `城关镇${n}`, 'town', county.id);
  const communityA = await createRegion(gw, `幸福社区${n}`, 'community', townA.id);
  const townB = await createRegion(gw, `东坝镇${n}`, 'town', county.id);
  const communityB = await createRegion(gw, `东坝村${n}`, 'community', townB.id);

  const person = (username: string, role: UserRole, regionId: string, displayName: string): Promise<Person> =>
    createPerson(
      gw,
      username,
      { displayName, role, regionId, ...(role === 'responder' ? { responderKind: 'care_worker' } : {}), phone: '13800000000' },
      `pw-${username}-long-enough`,
    );

  const operatorA = await person(`op-a-${n}`, 'operator', townA.id, '值班员甲');
  const supervisorA = await person(`sup-a-${n}`, 'supervisor', townA.id, '主管甲');
  const responderA = await person(`resp-a-${n}`, 'responder', communityA.id, '护理员张');
  const responderA2 = await person(`resp-a2-${n}`, 'responder', communityA.id, '护理员李');
  const responderB = await person(`resp-b-${n}`, 'responder', communityB.id, '护理员王');

  async function elderIn(regionId: string, name: string, assigned: string[]) {
    const elder = await ok<{ id: string }>(
      admin.request('POST', '/api/v1/elders', {
        name,
        address: `${name}的家`,
        regionId,
        riskCategory: 'alone',
        contacts: [
          { name: '儿子', relation: 'son', phone: '13900000001', notify: true },
          { name: '邻居', relation: 'neighbour', phone: '13900000002', notify: false },
        ],
        medicalNotes: '高血压，服用降压药',
        accessNotes: '钥匙在门口消防箱',
        assignedResponderIds: assigned,
      }),
    );
    return { id: elder.id, button: await connectDevice(gw, elder.id, 'call_button', { closeAfterTest: false }) };
  }

  const elderA = await elderIn(communityA.id, `甲老人${n}`, [responderA.user.id]);
  const elderB = await elderIn(communityB.id, `乙老人${n}`, []);
  return {
    county,
    townA,
    communityA,
    townB,
    communityB,
    operatorA,
    supervisorA,
    responderA,
    responderA2,
    responderB,
    elderA,
    elderB,
    async close() {
      await Promise.all([elderA.button.client.endAsync(true), elderB.button.client.endAsync(true)]);
    },
  };
}
