import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idNumberCheckCharacter, type Elder } from '../../schemas/index.js';
import { setUpCareNetwork, type CareNetwork } from '../support/care-network.js';
import { startTestGateway, type TestGateway } from '../support/test-gateway.js';

// Who an elder is (issue 21), over real HTTP and the real SQLite store: group tags, birth date (age and 高龄 derived),
// sex, the capability assessment, the legal guardian among the contacts and the consent to monitoring; given at
// registration, read back, patched and removed one by one, and every refusal leaves the record as it was.

let gw: TestGateway;
let net: CareNetwork;

/** The gateway's local date (UTC+8, the default UTC_OFFSET_MINUTES) shifted by whole years and days. */
function localDay(years: number, days = 0): string {
  const d = new Date(Date.now() + 8 * 3600_000);
  d.setUTCFullYear(d.getUTCFullYear() + years, d.getUTCMonth(), d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
/** An ID number carrying this birth date and sequence, with its right check character. */
function idNumberFor(birthDate: string, sequence: string): string {
  const first17 = `330102${birthDate.replaceAll('-', '')}${sequence}`;
  return first17 + idNumberCheckCharacter(first17);
}

const read = async (id: string) => (await gw.api.request<Elder>('GET', `/api/v1/elders/${id}`)).body;
const elderCount = async () => (await gw.api.request<{ items: Elder[] }>('GET', '/api/v1/elders?limit=5000')).body.items.length;

async function register(body: Record<string, unknown>): Promise<Elder> {
  const reply = await gw.api.request<Elder>('POST', '/api/v1/elders', { name: '周桂兰', address: '城关镇幸福社区8栋302', regionId: net.communityA.id, ...body });
  expect(reply.status, JSON.stringify(reply.body)).toBe(201);
  return reply.body;
}

const guardian = { name: '周明', relation: '儿子', phone: '13900001111', notify: true, guardian: true };
const neighbour = { name: '王芳', relation: '邻居', phone: '13900002222' };

beforeAll(async () => {
  gw = await startTestGateway();
  net = await setUpCareNetwork(gw);
});

afterAll(async () => {
  await net?.close();
  await gw?.close();
});

describe('elder record', () => {
  it('when an elder is registered with every field, then the reply and a re-read carry them, with the ID masked, the age and 高龄', async () => {
    // the 85th birthday is today: it counts
    const birthDate = localDay(-85);
    const idNumber = idNumberFor(birthDate, '002');
    const assessment = { level: 'severe', assessedOn: localDay(0, -30), assessor: '县老年人能力评估中心' };
    const consent = { givenOn: localDay(0), givenBy: '周明', relation: 'guardian' };
    const created = await register({
      idNumber,
      birthDate,
      sex: 'female',
      groups: ['dementia', 'living_alone', 'dementia', 'minimum_living'],
      assessment,
      consent,
      contacts: [guardian, neighbour],
    });
    const expected = {
      idNumberMasked: `**************${idNumber.slice(-4)}`,
      birthDate,
      age: 85,
      veryOld: true,
      sex: 'female',
      groups: ['living_alone', 'dementia', 'minimum_living'],
      assessment,
      consent,
      contacts: [guardian, { ...neighbour, notify: false, guardian: false }],
    };
    expect(created).toMatchObject(expected);
    expect(JSON.stringify(created)).not.toContain(idNumber);
    expect(await read(created.id)).toMatchObject(expected);
  });

  it('when an elder is registered with nothing of it, then the view says unknown: [] and nulls, not very old', async () => {
    const bare = await register({});
    expect(bare).toMatchObject({ groups: [], birthDate: null, age: null, veryOld: false, sex: null, assessment: null, consent: null });
    expect(await read(bare.id)).toEqual(bare);
  });

  it('when only an ID number is given, then birth date and sex are taken from it; the day before the 80th birthday is not 高龄', async () => {
    const birthDate = localDay(-80, 1);
    const elder = await register({ idNumber: idNumberFor(birthDate, '011') });
    expect(elder).toMatchObject({ birthDate, age: 79, veryOld: false, sex: 'male' });
  });

  it('when each field is patched and then set to null (groups to []), then it changes alone and reads back so', async () => {
    const elder = await register({ contacts: [neighbour] });
    const steps: Record<string, unknown>[] = [
      { groups: ['left_behind', 'empty_nest'] },
      { birthDate: '1950-06-01' },
      { sex: 'male' },
      { assessment: { level: 'mild', assessedOn: '2026-01-05', assessor: '李医生' } },
      { consent: { givenOn: '2026-01-06', givenBy: '周桂兰', relation: 'self' } },
      { contacts: [neighbour, guardian] },
    ];
    let expected = await read(elder.id);
    for (const step of steps) {
      const reply = await gw.api.request<Elder>('PATCH', `/api/v1/elders/${elder.id}`, step);
      expect(reply.status, JSON.stringify(reply.body)).toBe(200);
      const now = await read(elder.id);
      const { groups, birthDate, sex, assessment, consent } = now;
      expect({ ...expected, groups, birthDate, sex, assessment, consent, contacts: now.contacts, age: now.age, veryOld: now.veryOld }).toEqual(now);
      expected = now;
    }
    expect(expected).toMatchObject({ groups: ['empty_nest', 'left_behind'], birthDate: '1950-06-01', sex: 'male', contacts: [{ guardian: false }, { guardian: true }] });
    const cleared = await gw.api.request<Elder>('PATCH', `/api/v1/elders/${elder.id}`, { groups: [], birthDate: null, sex: null, assessment: null, consent: null, contacts: [neighbour] });
    expect(cleared.status).toBe(200);
    expect(await read(elder.id)).toEqual({ ...expected, groups: [], birthDate: null, age: null, veryOld: false, sex: null, assessment: null, consent: null, contacts: [{ ...neighbour, notify: false, guardian: false }] });
  });

  it('when a request is wrong (unknown tag or field, future or impossible dates, a birth date the ID number denies, two guardians), then 400 with a stable code and nothing changes', async () => {
    const birthDate = '1946-03-15';
    const elder = await register({ idNumber: idNumberFor(birthDate, '024'), groups: ['disabled'], contacts: [guardian] });
    const before = await read(elder.id);
    const count = await elderCount();
    const refusals: [Record<string, unknown>, string][] = [
      [{ groups: ['very_old'] }, 'REQUEST_INVALID'],
      [{ groups: '独居' }, 'REQUEST_INVALID'],
      [{ birthDate: '1946-02-30' }, 'REQUEST_INVALID'],
      [{ birthDate: '15/03/1946' }, 'REQUEST_INVALID'],
      [{ sex: 'unknown' }, 'REQUEST_INVALID'],
      [{ assessment: { level: 'grade_3', assessedOn: '2026-01-01', assessor: '李医生' } }, 'REQUEST_INVALID'],
      [{ assessment: { level: 'mild', assessedOn: '2026-01-01', assessor: '' } }, 'REQUEST_INVALID'],
      [{ assessment: { level: 'mild', assessedOn: '2026-01-01', assessor: '李医生', score: 80 } }, 'REQUEST_INVALID'],
      [{ consent: { givenOn: '2026-01-01', givenBy: '李明', relation: 'neighbour' } }, 'REQUEST_INVALID'],
      [{ age: 80 }, 'REQUEST_INVALID'],
      [{ veryOld: true }, 'REQUEST_INVALID'],
      [{ birthDate: localDay(0, 1) }, 'ELDER_DATE_INVALID'],
      [{ birthDate: localDay(-131) }, 'ELDER_DATE_INVALID'],
      [{ assessment: { level: 'mild', assessedOn: localDay(0, 1), assessor: '李医生' } }, 'ELDER_DATE_INVALID'],
      [{ consent: { givenOn: localDay(0, 1), givenBy: '李明', relation: 'family' } }, 'ELDER_DATE_INVALID'],
      [{ birthDate: '1946-03-16' }, 'ELDER_BIRTH_DATE_MISMATCH'],
      [{ contacts: [guardian, { ...neighbour, guardian: true }] }, 'ELDER_GUARDIAN_DUPLICATE'],
    ];
    for (const [body, code] of refusals) {
      const patched = await gw.api.request('PATCH', `/api/v1/elders/${elder.id}`, { groups: ['dementia'], ...body });
      expect(patched, JSON.stringify(body)).toMatchObject({ status: 400, body: { error: { code } } });
      // at registration too, except what only a PATCH can contradict (the record's own ID number)
      const created = await gw.api.request('POST', '/api/v1/elders', {
        name: '错资料', address: '幸福社区', regionId: net.communityA.id, idNumber: idNumberFor(birthDate, '035'), ...body,
      });
      expect(created, JSON.stringify(body)).toMatchObject({ status: 400, body: { error: { code } } });
    }
    // a new ID number that denies the record's own birth date
    const otherId = await gw.api.request('PATCH', `/api/v1/elders/${elder.id}`, { idNumber: idNumberFor('1947-03-15', '024') });
    expect(otherId).toMatchObject({ status: 400, body: { error: { code: 'ELDER_BIRTH_DATE_MISMATCH' } } });
    expect(await read(elder.id)).toEqual(before);
    expect(await elderCount()).toBe(count);
  });
});
