import { request } from 'node:http';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERRORS } from '../../gateway/src/app/errors.js';
import { normalisePhone } from '../../gateway/src/core/calls/phone-number.js';
import { createCallBodySchema, registerFromCallBodySchema, telephonyIncomingBodySchema } from '../../schemas/index.js';
import pg from 'pg';
import { createPerson, setUpCareNetwork, type CareNetwork, type Person } from '../support/care-network.js';
import { postgresMissing, startPostgres, type PostgresCluster } from '../support/postgres.js';
import { storeFingerprint, tableRows } from '../support/store-fingerprint.js';
import { startTestGateway, type TestGateway } from '../support/test-gateway.js';

// The telephone's routes (issue 19) as an attacker would try them, over real HTTP: any string as a caller's number
// gives the number normalisePhone makes of it or 400 PHONE_INVALID, never a 5xx, and only an accepted number adds a
// call; the PBX hook with its integration token takes the same numbers and never finds another town's elder; the
// lookup and the call log take LIKE wildcards, SQL, NUL, invalid percent-encoding, emoji and RTL marks as plain text
// and answer only with the operator's own region; and two clicks that cross leave one result, not two. The search
// and the crossing clicks run on PostgreSQL too (when installed): there the store's awaits are real network round
// trips, so requests interleave where on SQLite each handler runs to its end in one go.

const AREA_CODE = '0571';
const PHONE_A = '13712340001';
const PHONE_B = '13712340002';
const CONTACT_A = '13712340003';

let gw: TestGateway;
let net: CareNetwork;
let op: Person;
let opB: Person;
/** Regions operator A may see: their town and its community. */
let regionsA: Set<string>;
let elderA: string;
let elderB: string;
let countyToken: string;
let townAToken: string;

const KNOWN_CODES = new Set(Object.keys(ERRORS));
const normalise = (s: string) => normalisePhone(s, { areaCode: AREA_CODE });
/** Whether the gateway refuses the text before any schema looks at it: a NUL anywhere (http/refuse-nul.ts). */
const hasNul = (s: string) => s.includes('\u0000');
/** Rows of a table of the store under test (the SQLite file, or the PostgreSQL database when one is in use). */
let countOf: (table: string) => Promise<number>;

interface Answer {
  status: number;
  body: unknown;
  code: string | null;
}

/** One request with the path sent byte for byte as given (no URL parsing on the way, so broken encodings arrive broken). */
function raw(method: string, path: string, token: string, body?: unknown): Promise<Answer> {
  const url = new URL(gw.httpUrl);
  const text = body === undefined ? undefined : JSON.stringify(body);
  const headers: Record<string, string | number> = { authorization: `Bearer ${token}` };
  if (text !== undefined) Object.assign(headers, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  return new Promise((resolve, reject) => {
    const req = request({ host: url.hostname, port: url.port, method, path, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const answer = Buffer.concat(chunks).toString('utf8');
        let parsed: unknown = null;
        try {
          parsed = answer ? JSON.parse(answer) : null;
        } catch {
          parsed = answer;
        }
        const code = (parsed as { error?: { code?: unknown } } | null)?.error?.code;
        resolve({ status: res.statusCode ?? 0, body: parsed, code: typeof code === 'string' ? code : null });
      });
    });
    req.on('error', reject);
    req.end(text);
  });
}

function expectStableRefusal(answer: Answer, what: string): void {
  expect(answer.status, what).toBeGreaterThanOrEqual(400);
  expect(answer.status, what).toBeLessThan(500);
  expect(answer.code !== null && (KNOWN_CODES.has(answer.code) || /^FST_ERR_[A-Z0-9_]+$/.test(answer.code)), `${what}: code ${answer.code}`).toBe(true);
}

/** A 200 whose items all lie in operator A's region, or a stable refusal; never a 5xx. */
function expectOwnRegionOrRefusal(answer: Answer, what: string): void {
  expect(answer.status, what).toBeLessThan(500);
  if (answer.status !== 200) return expectStableRefusal(answer, what);
  const items = (answer.body as { items: Array<{ regionId: string }> }).items;
  for (const item of items) expect(regionsA.has(item.regionId), `${what}: item of region ${item.regionId}`).toBe(true);
}

/** Phone numbers as people and PBXs write them, well-formed or nearly so: prefixes, separators, full-width digits, stray marks. */
const phoneLike: fc.Arbitrary<string> = fc
  .tuple(
    fc.constantFrom('', '', '', '+86', '+86 ', '0086', '86', '+1 ', '+', '(0)', '0', '+86 (0)', '＋８６'),
    fc.array(
      fc.oneof(
        { arbitrary: fc.constantFrom(...'0123456789'), weight: 12 },
        { arbitrary: fc.constantFrom(' ', '-', '.', '(', ')', '－', '\u3000', '\u2014'), weight: 3 },
        { arbitrary: fc.constantFrom('０', '１', '３', '８', '９'), weight: 2 },
        { arbitrary: fc.constantFrom('\u0000', '\u202e', '\u200f', '\uFEFF', 'x', '%', '_', "'", '📞', '\ud800', '+', '#', '*'), weight: 1 },
      ),
      { maxLength: 18 },
    ),
  )
  .map(([prefix, chars]) => prefix + chars.join(''));

const validMobile: fc.Arbitrary<string> = fc
  .tuple(fc.integer({ min: 3, max: 9 }), fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 9, maxLength: 9 }), fc.constantFrom('', '+86 ', '0086', '86'))
  .map(([second, rest, prefix]) => `${prefix}1${second}${rest.join('')}`);

const anyNumber: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: phoneLike, weight: 4 },
  { arbitrary: validMobile, weight: 1 },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 45 }), weight: 2 },
  { arbitrary: fc.constantFrom('12349', '110', '', '   ', '\u0000', '1'.repeat(41), '138 0000 0000\u0000', '010-8888 6666', '8888 6666', '+86 10 8888 6666'), weight: 1 },
);

/** A gateway on the given store (SQLite when no DATABASE_URL) with two towns, an elder, calls and PBX tokens in each. */
async function setUp(databaseUrl?: string): Promise<void> {
  gw = await startTestGateway({
    ...(databaseUrl === undefined ? {} : { DATABASE_URL: databaseUrl }),
    RATE_LIMIT_WRITE_PER_MINUTE: '1000000',
    RATE_LIMIT_LOGIN_PER_MINUTE: '1000000',
    TELEPHONY_RATE_LIMIT_PER_MINUTE: '1000000',
    PHONE_AREA_CODE: AREA_CODE,
    OFFLINE_GRACE_SECONDS: '3600',
  });
  net = await setUpCareNetwork(gw);
  op = net.operatorA;
  opB = await createPerson(gw, 'hostile-phone-op-b', { displayName: '值班员乙', role: 'operator', regionId: net.townB.id }, 'pw-hostile-phone-op-b');
  regionsA = new Set([net.townA.id, net.communityA.id]);
  const elder = async (name: string, address: string, regionId: string, phone: string, contacts: unknown[] = []) => {
    const r = await gw.api.request<{ id: string }>('POST', '/api/v1/elders', { name, address, regionId, phone, contacts });
    expect(r.status).toBe(201);
    return r.body.id;
  };
  elderA = await elder('查询老人甲', '幸福路1号', net.communityA.id, PHONE_A, [{ name: '儿子', relation: 'son', phone: CONTACT_A }]);
  elderB = await elder('东坝老人乙', '东坝路2号', net.communityB.id, PHONE_B);
  // Calls on record in both towns, and one of the county's desk, so that a search that matched everything would show.
  for (const [api, elderId] of [
    [op.api, elderA],
    [opB.api, elderB],
  ] as const) {
    const r = await api.request('POST', '/api/v1/calls', { direction: 'inbound', line: '12349', callerNumber: PHONE_A, elderId, category: 'question', note: '问_助餐%时间' });
    expect(r.status).toBe(201);
  }
  expect((await gw.api.request('POST', '/api/v1/calls', { direction: 'inbound', line: 'supervision', callerNumber: PHONE_B, callerName: '县里来电', category: 'complaint' })).status).toBe(201);
  const token = async (body: Record<string, unknown>) => {
    const r = await gw.api.request<{ token: string }>('POST', '/api/v1/integrations/tokens', body);
    expect(r.status).toBe(201);
    return r.body.token;
  };
  countyToken = await token({ name: '县交换机' });
  townAToken = await token({ name: '城关镇交换机', regionId: net.townA.id });
}

async function tearDown(): Promise<void> {
  await net?.close();
  await gw?.close();
}

describe('hostile phone numbers (SQLite)', () => {
  beforeAll(async () => {
    await setUp();
    countOf = async (table) => tableRows<{ n: number }>(gw.dataDir, `SELECT COUNT(*) AS n FROM ${table}`)[0]!.n;
  });
  afterAll(tearDown);

  it('when the store is fingerprinted, then the calls, complaints and integration tokens are in it', () => {
    const print = storeFingerprint(gw.dataDir, ['sessions']);
    expect(Object.keys(print)).toEqual(expect.arrayContaining(['calls', 'complaints', 'integration_tokens']));
    expect(print.calls?.rows).toBeGreaterThanOrEqual(3);
  });

  it('when the call form gets 300 arbitrary strings as callerNumber, then each is a 201 with the number normalisePhone makes of it or a 400 (PHONE_INVALID, REQUEST_INVALID when blank or over 40), and only a 201 adds a call', async () => {
    const before = await countOf('calls');
    let created = 0;
    await fc.assert(
      fc.asyncProperty(anyNumber, async (callerNumber) => {
        const body = { direction: 'inbound', line: '12349', callerNumber, callerName: '号码测试', category: 'question' };
        const answer = await raw('POST', '/api/v1/calls', op.api.token, body);
        const what = `callerNumber ${JSON.stringify(callerNumber)}`;
        const parsed = createCallBodySchema.safeParse(body);
        const canonical = parsed.success && parsed.data.callerNumber !== undefined ? normalise(parsed.data.callerNumber) : null;
        if (!parsed.success || hasNul(callerNumber)) {
          expect({ status: answer.status, code: answer.code }, what).toEqual({ status: 400, code: 'REQUEST_INVALID' });
        } else if (canonical === null) {
          expect({ status: answer.status, code: answer.code }, what).toEqual({ status: 400, code: 'PHONE_INVALID' });
        } else {
          expect(answer.status, what).toBe(201);
          expect((answer.body as { callerNumber: string }).callerNumber, what).toBe(canonical);
          created += 1;
        }
      }),
      { numRuns: 300 },
    );
    expect(created).toBeGreaterThan(0);
    expect(await countOf('calls')).toBe(before + created);
  });

  it('when the PBX hook gets 300 arbitrary strings as callerNumber, then each is a 202 exactly when normalisePhone takes it, a 400 otherwise, and nothing is stored', async () => {
    const before = storeFingerprint(gw.dataDir, ['sessions']);
    let rang = 0;
    await fc.assert(
      fc.asyncProperty(anyNumber, fc.constantFrom('12349', 'supervision', 'direct', 'walk_in', 'pstn', ''), async (callerNumber, line) => {
        const body = { callerNumber, line, externalId: 'fuzz' };
        const answer = await raw('POST', '/api/v1/telephony/incoming', countyToken, body);
        const what = `hook ${JSON.stringify(body)}`;
        const parsed = telephonyIncomingBodySchema.safeParse(body);
        if (!parsed.success || hasNul(callerNumber)) {
          expect({ status: answer.status, code: answer.code }, what).toEqual({ status: 400, code: 'REQUEST_INVALID' });
        } else if (normalise(parsed.data.callerNumber) === null) {
          expect({ status: answer.status, code: answer.code }, what).toEqual({ status: 400, code: 'PHONE_INVALID' });
        } else {
          expect(answer.status, what).toBe(202);
          rang += 1;
        }
      }),
      { numRuns: 300 },
    );
    expect(rang).toBeGreaterThan(0);
    expect(storeFingerprint(gw.dataDir, ['sessions'])).toEqual(before);
  });

  it("when a town's PBX announces another town's elder's number in every form, then nobody is matched, while the county's PBX finds the elder", async () => {
    const forms = [PHONE_B, '+86 137-1234-0002', '0086 137 1234 0002', '86 13712340002', '１３７１２３４０００２', '(137) 1234-0002', '+86 (0)137 1234 0002'];
    for (const callerNumber of forms) {
      const town = await raw('POST', '/api/v1/telephony/incoming', townAToken, { callerNumber, line: '12349' });
      expect({ form: callerNumber, status: town.status, body: town.body }).toEqual({ form: callerNumber, status: 202, body: { matched: 0 } });
      const county = await raw('POST', '/api/v1/telephony/incoming', countyToken, { callerNumber, line: '12349' });
      expect({ form: callerNumber, status: county.status, body: county.body }).toEqual({ form: callerNumber, status: 202, body: { matched: 1 } });
    }
  });

  it('when the hook gets hostile tokens (empty, huge, cut, upper-cased, a person login, a Basic header), then each is a 401 INTEGRATION_TOKEN_INVALID', async () => {
    const body = JSON.stringify({ callerNumber: PHONE_A, line: '12349' });
    const url = new URL(gw.httpUrl);
    const headersOf = [
      {},
      { authorization: '' },
      { authorization: 'Bearer' },
      { authorization: 'Bearer ' },
      { authorization: `Bearer ${'x'.repeat(8000)}` },
      { authorization: `bearer\t${'%00'}` },
      { authorization: `Basic ${Buffer.from(`admin:${gw.adminPassword}`).toString('base64')}` },
      { authorization: `Bearer ${op.api.token}` },
      { authorization: `Bearer ${countyToken.slice(0, -1)}` },
      { authorization: `Bearer ${countyToken.toUpperCase()}` },
    ];
    for (const extra of headersOf) {
      const answer = await new Promise<Answer>((resolve, reject) => {
        const req = request(
          { host: url.hostname, port: url.port, method: 'POST', path: '/api/v1/telephony/incoming', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...extra } },
          (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (c: Buffer) => chunks.push(c));
            res.on('end', () => {
              const parsed = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { error?: { code?: string } };
              resolve({ status: res.statusCode ?? 0, body: parsed, code: parsed.error?.code ?? null });
            });
          },
        );
        req.on('error', reject);
        req.end(body);
      });
      expect({ header: String(extra.authorization ?? '(none)').slice(0, 30), status: answer.status, code: answer.code }).toEqual({
        header: String(extra.authorization ?? '(none)').slice(0, 30),
        status: 401,
        code: 'INTEGRATION_TOKEN_INVALID',
      });
    }
  });

  it('when registering a caller gets 100 numbers normalisePhone refuses, then each is a 400 and neither an elder nor a link is left behind', async () => {
    const call = await op.api.request<{ id: string }>('POST', '/api/v1/calls', { direction: 'inbound', line: '12349', callerName: '新来电', address: '幸福路9号', category: 'service_request' });
    expect(call.status).toBe(201);
    const before = storeFingerprint(gw.dataDir, ['sessions']);
    const refused = anyNumber.filter((phone) => {
      const parsed = registerFromCallBodySchema.safeParse({ phone });
      return !parsed.success || normalise(parsed.data.phone!) === null;
    });
    await fc.assert(
      fc.asyncProperty(refused, async (phone) => {
        const answer = await raw('POST', `/api/v1/calls/${call.body.id}/register-elder`, op.api.token, { phone });
        expect(answer.status, JSON.stringify(phone)).toBe(400);
        expect(['PHONE_INVALID', 'REQUEST_INVALID'], JSON.stringify(phone)).toContain(answer.code);
      }),
      { numRuns: 100 },
    );
    expect(storeFingerprint(gw.dataDir, ['sessions'])).toEqual(before);
  });
});

function hostileSearchText(): void {
  /** Raw query values, percent-encoded as they go on the wire (a few broken on purpose). */
  const HOSTILE_Q: Array<[string, string]> = [
    ['a LIKE %', '%25'],
    ['a LIKE _', '_'],
    ['%_%', '%25_%25'],
    ['a LIKE escape', '%5C%25'],
    ['SQL injection', encodeURIComponent("' OR '1'='1' --")],
    ['SQL injection, union', encodeURIComponent("x') UNION SELECT id, name, address, phone FROM elders --")],
    ['a statement', encodeURIComponent('1; DROP TABLE calls; --')],
    ['a NUL', '%00'],
    ['a NUL inside', '137%001234'],
    ['10 KB', 'a'.repeat(10_240)],
    ['10 KB of digits', '1'.repeat(10_240)],
    ['invalid UTF-8: a lone byte', '%FF'],
    ['invalid UTF-8: an overlong NUL', '%C0%80'],
    ['invalid UTF-8: an encoded surrogate', '%ED%A0%80'],
    ['invalid UTF-8: a cut sequence', '%E6%9F'],
    ['a lone %', '%'],
    ['a non-hex escape', '%zz'],
    ['emoji', encodeURIComponent('👵📞')],
    ['an RTL override', encodeURIComponent('\u202e1000')],
    ['an RLM inside a number', encodeURIComponent('137\u200f1234')],
    ['a BOM', encodeURIComponent('\uFEFF137')],
    ['spaces only', '%20%20'],
    ['empty', ''],
    ['a plus for a space', '+86+137'],
    ['another town elder name', encodeURIComponent('东坝老人乙')],
    ['another town number', PHONE_B],
    ['repeated', 'a&q=b'],
    ['bracketed', 'x&q[]=y'],
  ];

  it.each(HOSTILE_Q)('when the lookup gets %s, then it answers 200 with only the operator region or a stable 4xx', async (what, q) => {
    const answer = await raw('GET', `/api/v1/elders/lookup?q=${q}`, op.api.token);
    expectOwnRegionOrRefusal(answer, `lookup ${what}`);
  });

  it.each(HOSTILE_Q)('when the call log search gets %s, then it answers 200 with only the operator region or a stable 4xx', async (what, q) => {
    const answer = await raw('GET', `/api/v1/calls?q=${q}`, op.api.token);
    expectOwnRegionOrRefusal(answer, `calls ${what}`);
  });

  it('when the lookup and the call log get LIKE wildcards or SQL, then they are plain text: nothing matches them', async () => {
    for (const q of ['%25', '_', '%25_%25', '__', encodeURIComponent("' OR '1'='1"), encodeURIComponent('" OR ""="')]) {
      const lookup = await raw('GET', `/api/v1/elders/lookup?q=${q}`, op.api.token);
      expect({ q, status: lookup.status, body: lookup.body }).toEqual({ q, status: 200, body: { items: [] } });
    }
    // The call log's notes hold a % and an _, each found only as itself.
    for (const [q, n] of [
      ['%25', 1],
      ['_', 1],
      ['%25%25', 0],
      ['__', 0],
      [encodeURIComponent("' OR '1'='1"), 0],
    ] as const) {
      const calls = await raw('GET', `/api/v1/calls?q=${q}`, op.api.token);
      expect({ q, status: calls.status, n: (calls.body as { items?: unknown[] }).items?.length }).toEqual({ q, status: 200, n });
    }
  });

  it("when operator A searches for town B's elder by name or number, then nothing of town B is shown", async () => {
    for (const q of ['东坝老人乙', PHONE_B, '+86 137 1234 0002', '0002']) {
      const lookup = await raw('GET', `/api/v1/elders/lookup?q=${encodeURIComponent(q)}`, op.api.token);
      expect(lookup.status).toBe(200);
      expect((lookup.body as { items: Array<{ id: string }> }).items.map((i) => i.id)).not.toContain(elderB);
    }
    const calls = await raw('GET', `/api/v1/calls?elderId=${elderB}`, op.api.token);
    expect({ status: calls.status, items: (calls.body as { items: unknown[] }).items }).toEqual({ status: 200, items: [] });
  });

  it('when the lookup and the call log get 200 random query strings each, then none is a 5xx and every 200 holds only the operator region', async () => {
    const value = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 120 }).map(encodeURIComponent),
      fc.array(fc.constantFrom('%', '%2', '%25', '%FF', '%C0', '%80', '_', '&', '=', '+', '%00', 'a', '1', '%E4%B8', '%E4%B8%AD', '[', ']'), { maxLength: 30 }).map((p) => p.join('')),
    );
    const key = fc.constantFrom('q', 'q', 'q', 'limit', 'cursor', 'from', 'to', 'elderId', 'alertId', 'unlinked', 'direction', 'line', 'category', 'x', '__proto__', 'q[]');
    const query = fc.array(fc.tuple(key, value), { minLength: 1, maxLength: 4 }).map((pairs) => pairs.map(([k, v]) => `${k}=${v}`).join('&'));
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('/api/v1/elders/lookup', '/api/v1/calls'), query, async (path, qs) => {
        const answer = await raw('GET', `${path}?${qs}`, op.api.token);
        expectOwnRegionOrRefusal(answer, `${path}?${qs.slice(0, 200)}`);
      }),
      { numRuns: 400 },
    );
  });

  it('when the call log gets forged cursors, then each is a 200 of the operator region or a 400, never a 5xx', async () => {
    const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64url');
    const fixed = ['', '.', 'x', b64('.x'), b64('1.'), b64('abc.x'), b64('9007199254740993.x'), b64('-1e3.x'), b64('1e308.x'), b64(`1.${'\u0000'}`), b64(`1.' OR 1=1 --`), b64(`${Date.now()}.${'z'.repeat(150)}`), '%FF', '====', 'x'.repeat(201)];
    for (const cursor of fixed) {
      const answer = await raw('GET', `/api/v1/calls?cursor=${encodeURIComponent(cursor)}`, op.api.token);
      expectOwnRegionOrRefusal(answer, `cursor ${cursor.slice(0, 40)}`);
    }
    // A NUL or an over-long id inside the base64 is refused as the request's own NUL would be (PostgreSQL answered 500).
    for (const cursor of [b64('1.\u0000'), b64(`1.a\u0000b`), b64(`1.${'z'.repeat(65)}`)]) {
      const answer = await raw('GET', `/api/v1/calls?cursor=${cursor}`, op.api.token);
      expect({ cursor, status: answer.status, code: answer.code }).toEqual({ cursor, status: 400, code: 'REQUEST_INVALID' });
    }
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string({ unit: 'binary', maxLength: 60 }).map(b64), fc.string({ maxLength: 60 })), async (cursor) => {
        const answer = await raw('GET', `/api/v1/calls?cursor=${encodeURIComponent(cursor)}`, op.api.token);
        expectOwnRegionOrRefusal(answer, `cursor ${JSON.stringify(cursor)}`);
      }),
      { numRuns: 100 },
    );
  });
}

function clicksThatCross(): void {
  /** A fresh call of a caller nobody knows yet, or of elder A. */
  async function newCall(withElder: boolean): Promise<string> {
    const body = withElder
      ? { direction: 'inbound', line: '12349', callerNumber: PHONE_A, elderId: elderA, category: 'emergency' }
      : { direction: 'inbound', line: '12349', callerNumber: '13912340009', callerName: '陌生人', address: '幸福路7号', category: 'service_request' };
    const r = await op.api.request<{ id: string }>('POST', '/api/v1/calls', body);
    expect(r.status).toBe(201);
    return r.body.id;
  }

  const statuses = (answers: Answer[]) => answers.map((a) => a.status).sort();

  it('when four desks register the same unknown caller at once, then one elder is registered and the others get 409 with nothing left behind', async () => {
    const call = await newCall(false);
    const elders = await countOf('elders');
    const answers = await Promise.all([0, 1, 2, 3].map(() => raw('POST', `/api/v1/calls/${call}/register-elder`, op.api.token, {})));
    expect(statuses(answers)).toEqual([201, 409, 409, 409]);
    expect(answers.filter((a) => a.status === 409).map((a) => a.code)).toEqual(['CALL_ALREADY_LINKED', 'CALL_ALREADY_LINKED', 'CALL_ALREADY_LINKED']);
    expect(await countOf('elders')).toBe(elders + 1);
  });

  it('when four desks link the same call to different elders at once, then one link holds and the others get 409', async () => {
    const call = await newCall(false);
    const other = await op.api.request<{ id: string }>('POST', '/api/v1/elders', { name: '另一位', address: '幸福路8号', regionId: net.communityA.id });
    const answers = await Promise.all([elderA, other.body.id, elderA, other.body.id].map((elderId) => raw('POST', `/api/v1/calls/${call}/link`, op.api.token, { elderId })));
    expect(statuses(answers)).toEqual([200, 409, 409, 409]);
  });

  it('when four desks raise an alert from the same call at once, then one alert is raised and the others get 409', async () => {
    const call = await newCall(true);
    const alerts = await countOf('alerts');
    const answers = await Promise.all([0, 1, 2, 3].map(() => raw('POST', `/api/v1/calls/${call}/alert`, op.api.token, { priority: 'P1' })));
    expect(statuses(answers)).toEqual([201, 409, 409, 409]);
    expect(await countOf('alerts')).toBe(alerts + 1);
  });

  it('when four desks open different service tasks from the same call at once, then one task is opened and the others get 409 with no task left behind', async () => {
    const call = await newCall(true);
    const tasks = await countOf('tasks');
    const answers = await Promise.all(['shopping', 'errands', 'companionship', 'meals'].map((service) => raw('POST', `/api/v1/calls/${call}/service-request`, op.api.token, { service })));
    expect(statuses(answers)).toEqual([201, 409, 409, 409]);
    expect(await countOf('tasks')).toBe(tasks + 1);
  });

  it('when four desks record a complaint from the same call at once, then one complaint is recorded and the others get 409', async () => {
    const call = await newCall(true);
    const complaints = await countOf('complaints');
    const answers = await Promise.all([0, 1, 2, 3].map((i) => raw('POST', '/api/v1/complaints', op.api.token, { callId: call, subject: 'service', statement: `投诉${i}` })));
    expect(statuses(answers)).toEqual([201, 409, 409, 409]);
    expect(await countOf('complaints')).toBe(complaints + 1);
  });
}

describe('hostile search text and clicks that cross (SQLite)', () => {
  beforeAll(async () => {
    await setUp();
    countOf = async (table) => tableRows<{ n: number }>(gw.dataDir, `SELECT COUNT(*) AS n FROM ${table}`)[0]!.n;
  });
  afterAll(tearDown);
  describe('hostile search text', hostileSearchText);
  describe('clicks that cross', clicksThatCross);
});

describe.skipIf(postgresMissing())('hostile search text and clicks that cross (PostgreSQL)', () => {
  let cluster: PostgresCluster;
  let client: pg.Client;
  beforeAll(async () => {
    cluster = await startPostgres();
    const url = await cluster.newDatabase();
    await setUp(url);
    client = new pg.Client({ connectionString: url });
    await client.connect();
    countOf = async (table) => Number((await client.query<{ n: string }>(`SELECT COUNT(*) AS n FROM ${table}`)).rows[0]!.n);
  }, 60_000);
  afterAll(async () => {
    await client?.end();
    await tearDown();
    await cluster?.stop();
  });
  describe('hostile search text', hostileSearchText);
  describe('clicks that cross', clicksThatCross);
});
