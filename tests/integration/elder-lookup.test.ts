import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Elder, ElderLookupItem, RegionView } from '../../schemas/index.js';
import { createRootLogger } from '../../gateway/src/logger.js';
import { createPerson, createRegion, rootRegion, type Person } from '../support/care-network.js';
import { startTestGateway, type TestGateway } from '../support/test-gateway.js';

// Finding the caller over real HTTP: GET /api/v1/elders/lookup by the elder's number in any format, a contact's number,
// part of the name, the end of the ID number and part of the address, only within the operator's region; the ID
// number itself is shown masked and never logged.

const ID_NUMBER = '11010519491231002X';

let gw: TestGateway;
let log = '';
let townA: RegionView;
let communityA: RegionView;
let operatorA: Person;
let operatorB: Person;
let wang: Elder;

async function created(body: Record<string, unknown>): Promise<Elder> {
  const reply = await gw.api.request<Elder>('POST', '/api/v1/elders', body);
  if (reply.status !== 201 && reply.status !== 200) throw new Error(`${reply.status} ${JSON.stringify(reply.body)}`);
  return reply.body;
}

async function lookup(person: Person, q: string, limit?: number): Promise<ElderLookupItem[]> {
  const query = new URLSearchParams({ q, ...(limit === undefined ? {} : { limit: String(limit) }) });
  const reply = await person.api.request<{ items: ElderLookupItem[] }>('GET', `/api/v1/elders/lookup?${query.toString()}`);
  expect(reply.status, JSON.stringify(reply.body)).toBe(200);
  return reply.body.items;
}

beforeAll(async () => {
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      log += chunk.toString();
      done();
    },
  });
  gw = await startTestGateway({ PHONE_AREA_CODE: '0571' }, {}, createRootLogger('info', sink));
  const county = await rootRegion(gw);
  townA = await createRegion(gw, '城关镇', 'town', county.id);
  communityA = await createRegion(gw, '幸福社区', 'community', townA.id);
  const townB = await createRegion(gw, '东坝镇', 'town', county.id);
  operatorA = await createPerson(gw, 'lookup-op-a', { displayName: '值班员甲', role: 'operator', regionId: townA.id });
  operatorB = await createPerson(gw, 'lookup-op-b', { displayName: '值班员乙', role: 'operator', regionId: townB.id });
  wang = await created({
    name: '王秀英',
    address: '城关镇幸福社区3号楼201室',
    regionId: communityA.id,
    phone: '138-1234-5678',
    idNumber: ID_NUMBER.toLowerCase(),
    contacts: [{ name: '王强', relation: '儿子', phone: '+86 139 0000 0001', notify: true }],
  });
  await created({ name: '李建国', address: '城关镇和平路12号', regionId: communityA.id, phone: '(0571) 8888-6666' });
  await created({ name: '赵六', address: '东坝镇东坝村1号', regionId: townB.id, phone: '13700000009' });
});

afterAll(async () => {
  await gw?.close();
});

describe('elder lookup API', () => {
  it('when the elder\'s mobile is typed in several formats, then each finds the elder first, matched on phone', async () => {
    for (const q of ['13812345678', '+86 138-1234-5678', '0086 138 1234 5678', '138.1234.5678']) {
      const items = await lookup(operatorA, q);
      expect(items[0], q).toMatchObject({ id: wang.id, name: '王秀英', phone: '13812345678', regionId: communityA.id, matchedOn: ['phone'], contact: null });
    }
  });

  it('when a landline is typed with +86, with its area code or as a bare local number (PHONE_AREA_CODE), then its elder is found', async () => {
    for (const q of ['+86 571 8888 6666', '0571-88886666', '8888 6666']) {
      const items = await lookup(operatorA, q);
      expect(items.map((i) => [i.name, i.matchedOn]), q).toEqual([['李建国', ['phone']]]);
    }
  });

  it('when a contact\'s number is typed, then the elder is found with matchedOn contact_phone and the contact named', async () => {
    const items = await lookup(operatorA, '139-0000-0001');
    expect(items).toEqual([expect.objectContaining({ id: wang.id, matchedOn: ['contact_phone'], contact: { name: '王强', relation: '儿子' } })]);
  });

  it('when part of the name is typed, then the elder is found on name', async () => {
    expect((await lookup(operatorA, '秀英')).map((i) => [i.id, i.matchedOn])).toEqual([[wang.id, ['name']]]);
    expect((await lookup(operatorA, '王'))[0]).toMatchObject({ id: wang.id, matchedOn: ['name'] });
  });

  it('when the last characters of the ID number are typed, then the elder is found on id_number', async () => {
    expect((await lookup(operatorA, '002x'))[0]).toMatchObject({ id: wang.id, matchedOn: ['id_number'] });
    expect((await lookup(operatorA, '231002X'))).toEqual([]);
  });

  it('when part of the address is typed, then the elders living there are found on address', async () => {
    expect((await lookup(operatorA, '3号楼')).map((i) => [i.id, i.matchedOn])).toEqual([[wang.id, ['address']]]);
    expect((await lookup(operatorA, '城关镇')).map((i) => i.name).sort()).toEqual(['李建国', '王秀英'].sort());
  });

  it('when another town\'s operator looks the elder up, then they see nothing of the elder; the county admin sees them', async () => {
    for (const q of ['13812345678', '王秀英', '002X', '3号楼', '13900000001']) {
      expect(await lookup(operatorB, q), q).toEqual([]);
    }
    expect((await lookup(operatorB, '赵六'))[0]).toMatchObject({ name: '赵六' });
    const admin = await gw.api.request<{ items: ElderLookupItem[] }>('GET', `/api/v1/elders/lookup?q=${encodeURIComponent('王秀英')}`);
    expect(admin.body.items[0]).toMatchObject({ id: wang.id });
  });

  it('when q is missing or empty, or the limit is out of range, then the reply is 400 REQUEST_INVALID', async () => {
    for (const path of ['/api/v1/elders/lookup', '/api/v1/elders/lookup?q=', '/api/v1/elders/lookup?q=%20%20', '/api/v1/elders/lookup?q=王&limit=0']) {
      expect(await operatorA.api.request('GET', path), path).toMatchObject({ status: 400, body: { error: { code: 'REQUEST_INVALID' } } });
    }
    expect((await gw.api.request('GET', '/api/v1/elders/lookup?q=王', undefined, null)).status).toBe(401);
  });

  it('when the elder\'s number, name and ID number change, then the lookup follows at once', async () => {
    const li = (await lookup(operatorA, '李建国'))[0]!;
    const patched = await gw.api.request<Elder>('PATCH', `/api/v1/elders/${li.id}`, { phone: '13655556666', name: '李建华', idNumber: '330102194503121238' });
    expect(patched.status).toBe(200);
    expect(await lookup(operatorA, '0571 8888 6666')).toEqual([]);
    expect((await lookup(operatorA, '+86 136 5555 6666'))[0]).toMatchObject({ id: li.id, name: '李建华', matchedOn: ['phone'] });
    expect((await lookup(operatorA, '1238'))[0]).toMatchObject({ id: li.id, matchedOn: ['id_number'] });
    expect(await lookup(operatorA, '李建国')).toEqual([]);
  });

  it('when a limit is given, then at most that many come back, best first', async () => {
    const items = await lookup(operatorA, '城关镇', 1);
    expect(items).toHaveLength(1);
  });
});

describe('the elder\'s ID number', () => {
  it('when the elder is read, then the ID number is shown masked to its last 4 characters and never whole', async () => {
    const reply = await operatorA.api.request<Elder>('GET', `/api/v1/elders/${wang.id}`);
    expect(reply.body.idNumberMasked).toBe('**************002X');
    expect(JSON.stringify(reply.body)).not.toContain(ID_NUMBER.slice(0, 14));
    expect(wang.idNumberMasked).toBe('**************002X');
    const list = await operatorA.api.request('GET', '/api/v1/elders');
    expect(JSON.stringify(list.body)).not.toContain(ID_NUMBER.slice(0, 14));
  });

  it('when an ID number has the wrong check character, length or letters, then registration is 400 REQUEST_INVALID and nothing is created', async () => {
    const before = (await gw.api.request<Elder[] | { items: Elder[] }>('GET', '/api/v1/elders')).body;
    for (const idNumber of ['110105194912310021', '11010519491231002', '11010519491231002XX', '1101051949123100AX']) {
      const reply = await gw.api.request('POST', '/api/v1/elders', { name: '错号', address: '幸福社区', regionId: communityA.id, idNumber });
      expect(reply, idNumber).toMatchObject({ status: 400, body: { error: { code: 'REQUEST_INVALID' } } });
    }
    expect((await gw.api.request('GET', '/api/v1/elders')).body).toEqual(before);
    const badPatch = await gw.api.request('PATCH', `/api/v1/elders/${wang.id}`, { idNumber: '110105194912310021' });
    expect(badPatch).toMatchObject({ status: 400, body: { error: { code: 'REQUEST_INVALID' } } });
  });

  it('when the ID number is cleared with null, then the record shows none', async () => {
    const other = await created({ name: '钱七', address: '幸福社区9号', regionId: communityA.id, idNumber: '44030619380808456X' });
    expect(other.idNumberMasked).toBe('**************456X');
    const cleared = await gw.api.request<Elder>('PATCH', `/api/v1/elders/${other.id}`, { idNumber: null });
    expect(cleared.body.idNumberMasked).toBeNull();
    expect(await lookup(operatorA, '456X')).toEqual([]);
  });

  it('when all this was logged at info level, then no log line holds an ID number whole', () => {
    expect(log.length).toBeGreaterThan(0);
    for (const whole of [ID_NUMBER, ID_NUMBER.toLowerCase(), '330102194503121238', '44030619380808456X', '110105194912310021']) {
      expect(log).not.toContain(whole);
    }
  });
});
