import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idNumberCheckCharacter, type AlertView, type Elder, type Ledger, type TaskView } from '../../schemas/index.js';
import { IMPORT_FIELDS, mapImportColumns } from '../../gateway/src/core/elders/import-columns.js';
import { setUpCareNetwork, type CareNetwork } from '../support/care-network.js';
import { connectDevice, eventually, type TestDevice } from '../support/mqtt-device.js';
import { postgresMissing, startPostgres, type PostgresCluster } from '../support/postgres.js';
import { startTestGateway, type TestGateway } from '../support/test-gateway.js';

// The ledger (台账) of one elder and the registry export (issue 21), over real HTTP on both store engines: what
// happened for the elder in a period, in order, and nobody else's; the files a county's office opens in Excel.

const engines = [
  { engine: 'SQLite', skip: false },
  { engine: 'PostgreSQL', skip: postgresMissing() },
];

/** An ID number carrying this birth date and sequence, with its right check character. */
function idNumberFor(birthDate: string, sequence: string): string {
  const first17 = `330102${birthDate.replaceAll('-', '')}${sequence}`;
  return first17 + idNumberCheckCharacter(first17);
}

describe.each(engines)('ledger and registry export on $engine', ({ engine, skip }) => {
  let pg: PostgresCluster | undefined;
  let gw: TestGateway;
  let net: CareNetwork;
  let elder: Elder;
  let button: TestDevice;
  const idNumber = idNumberFor('1940-03-08', '124');

  /** A file download: status, headers and the raw bytes. */
  async function download(path: string, token = gw.adminToken) {
    const res = await fetch(`${gw.httpUrl}${path}`, { headers: { authorization: `Bearer ${token}` } });
    return { status: res.status, type: res.headers.get('content-type') ?? '', disposition: res.headers.get('content-disposition') ?? '', bytes: Buffer.from(await res.arrayBuffer()) };
  }

  beforeAll(async () => {
    if (skip) return;
    if (engine === 'PostgreSQL') pg = await startPostgres();
    gw = await startTestGateway(pg ? { DATABASE_URL: await pg.newDatabase() } : {});
    net = await setUpCareNetwork(gw);
    const created = await gw.api.request<Elder>('POST', '/api/v1/elders', {
      name: '林秀英',
      address: '城关镇幸福社区3栋101',
      regionId: net.communityA.id,
      idNumber,
      groups: ['living_alone', 'minimum_living'],
      assessment: { level: 'moderate', assessedOn: '2026-01-10', assessor: '县评估中心' },
      contacts: [{ name: '林强', relation: '儿子', phone: '13900003333', guardian: true }],
      location: { lat: 30.27415, lng: 120.15515 },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    elder = created.body;
    button = await connectDevice(gw, elder.id, 'call_button', { closeAfterTest: false });
  }, 90_000);

  afterAll(async () => {
    await button?.client.endAsync(true);
    await net?.close();
    await gw?.close();
    await pg?.stop();
  });

  it.skipIf(skip)('when the elder had a visit, an alert with a note, a service request and a call this month, then the ledger lists all of them in order, and not another elder\'s', async () => {
    const visit = await eventually(
      async () => (await gw.api.request<{ items: TaskView[] }>('GET', `/api/v1/tasks?status=all&elderId=${elder.id}`)).body.items,
      (tasks) => tasks.some((t) => t.kind === 'care_visit'),
    );
    await button.send('events', 'sos');
    const alert = (await eventually(async () => (await gw.api.listAlerts('open')).filter((a) => a.elder.id === elder.id), (list) => list.length === 1))[0] as AlertView;
    expect((await gw.api.request('POST', `/api/v1/alerts/${alert.id}/notes`, { note: '老人说按错了' })).status).toBe(200);
    expect((await gw.api.resolve(alert.id, '电话确认')).status).toBe(200);
    const service = await gw.api.request<TaskView>('POST', '/api/v1/service-requests', { elderId: elder.id, service: 'meals', note: '午餐送餐' });
    expect(service.status).toBe(201);
    const call = await gw.api.request<{ id: string }>('POST', '/api/v1/calls', { direction: 'inbound', line: '12349', callerNumber: '13900003333', elderId: elder.id, category: 'wellbeing', note: '聊天' });
    expect(call.status).toBe(201);
    // another elder's alert in the same community and month
    await net.elderA.button.send('events', 'sos');
    const other = (await eventually(async () => (await gw.api.listAlerts('open')).filter((a) => a.elder.id === net.elderA.id), (list) => list.length === 1))[0] as AlertView;

    const reply = await gw.api.request<Ledger>('GET', `/api/v1/elders/${elder.id}/ledger`);
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    const ledger = reply.body;
    expect(ledger.elder).toMatchObject({ name: '林秀英', groups: ['living_alone', 'minimum_living'], guardian: { name: '林强', phone: '13900003333' } });
    expect(ledger.elder.regionNames.slice(-2)).toEqual([net.townA.name, net.communityA.name]);
    expect(JSON.stringify(ledger)).not.toContain(idNumber);
    // (the alert's own follow-up, kind task, is among them too: what the workflow makes of an alarm)
    const refs = ledger.entries.filter((e) => e.kind !== 'task').map((e) => [e.kind, e.refId]);
    expect(refs).toEqual([
      ['visit', visit.find((t) => t.kind === 'care_visit')?.id],
      ['alert', alert.id],
      ['note', alert.id],
      ['service', service.body.id],
      ['call', call.body.id],
    ]);
    const times = ledger.entries.map((e) => Date.parse(e.at));
    expect([...times].sort((a, b) => a - b)).toEqual(times);
    const entry = (kind: string) => ledger.entries.find((e) => e.kind === kind);
    expect(entry('alert')).toMatchObject({ alertType: 'sos', status: 'resolved', outcome: 'resolved', note: '电话确认' });
    expect(entry('note')).toMatchObject({ note: '老人说按错了' });
    expect(entry('note')?.by).not.toMatch(/^user:/);
    expect(entry('service')).toMatchObject({ type: 'service', status: 'open', note: '午餐送餐' });
    expect(entry('call')).toMatchObject({ type: 'wellbeing', status: 'inbound', note: '聊天', by: expect.any(String) });
    expect(refs.some(([, id]) => id === other.id)).toBe(false);
  });

  it.skipIf(skip)('when the period lies before everything, then the ledger is empty; when it ends before it starts, then 400', async () => {
    const past = await gw.api.request<Ledger>('GET', `/api/v1/elders/${elder.id}/ledger?from=2020-01-01&to=2020-01-31`);
    expect(past.status).toBe(200);
    expect(past.body.entries).toEqual([]);
    expect(past.body.from).toBe('2019-12-31T16:00:00.000Z'); // local midnight, UTC+8
    expect(past.body.to).toBe('2020-01-31T16:00:00.000Z'); // the last day included
    const inMs = await gw.api.request<Ledger>('GET', `/api/v1/elders/${elder.id}/ledger?from=0&to=1000`);
    expect(inMs.body.entries).toEqual([]);
    const backwards = await gw.api.request<{ error: { code: string } }>('GET', `/api/v1/elders/${elder.id}/ledger?from=2026-02-01&to=2026-01-01`);
    expect(backwards).toMatchObject({ status: 400, body: { error: { code: 'REQUEST_INVALID' } } });
    const unknown = await gw.api.request<{ error: { code: string } }>('GET', `/api/v1/elders/${elder.id}/ledger?month=2026-01`);
    expect(unknown).toMatchObject({ status: 400, body: { error: { code: 'REQUEST_INVALID' } } });
  });

  it.skipIf(skip)('when a desk person of another town asks for the ledger, then 403 and nothing is shown', async () => {
    const other = await setUpCareNetwork(gw);
    try {
      const reply = await other.operatorA.api.request<{ error: { code: string } }>('GET', `/api/v1/elders/${elder.id}/ledger`);
      expect(reply).toMatchObject({ status: 403, body: { error: { code: 'FORBIDDEN_REGION' } } });
    } finally {
      await other.close();
    }
  });

  it.skipIf(skip)('when the ledger is downloaded as CSV and XLSX, then the CSV has a BOM, Chinese headers and local times, and the XLSX is a workbook', async () => {
    const csv = await download(`/api/v1/elders/${elder.id}/ledger?format=csv`);
    expect(csv.status).toBe(200);
    expect(csv.type).toContain('text/csv');
    expect([...csv.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = csv.bytes.toString('utf8');
    expect(text).toContain('【档案】');
    expect(text).toContain('【台账】\r\n时间,类别,事项,状态,结果,方式,第几次,结束时间,经办人,备注\r\n');
    expect(text).toContain('紧急呼叫');
    expect(text).toContain('精神慰藉');
    expect(text).toMatch(/\r\n\d{4}-\d{2}-\d{2} \d{2}:\d{2}(:\d{2})?,告警,紧急呼叫,已解决/);
    expect(text).not.toContain(idNumber);
    expect(csv.disposition).toContain("filename*=UTF-8''");
    const xlsx = await download(`/api/v1/elders/${elder.id}/ledger?format=xlsx`);
    expect(xlsx.status).toBe(200);
    expect(xlsx.type).toContain('spreadsheetml');
    expect(xlsx.bytes.subarray(0, 2).toString('latin1')).toBe('PK');
  });

  it.skipIf(skip)('when the registry is exported, then one row per elder under the import\'s headers with the ID number in full, and the audit log says who and how many', async () => {
    const csv = await download(`/api/v1/elders/export?format=csv&regionId=${net.townA.id}`);
    expect(csv.status).toBe(200);
    expect([...csv.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = csv.bytes.toString('utf8').slice(1).split('\r\n').filter(Boolean);
    expect(lines[0]).toBe('姓名,身份证号,性别,出生日期,电话,住址,镇/街道,社区,人群类别,能力评估,评估日期,评估机构,监护人,监护人电话,紧急联系人,联系人电话,经度,纬度');
    // the import finds every one of its columns in an exported file
    const columns = mapImportColumns((lines[0] ?? '').split(','));
    expect({ missing: columns.missing, repeated: columns.repeated, found: Object.keys(columns.index).sort() }).toEqual({ missing: [], repeated: [], found: [...IMPORT_FIELDS].sort() });
    expect(lines).toHaveLength(1 + 2); // the town's network elder and 林秀英
    const row = lines.find((l) => l.startsWith('林秀英,'));
    expect(row).toBe(`林秀英,${idNumber},女,1940-03-08,,城关镇幸福社区3栋101,${net.townA.name},${net.communityA.name},独居、低保,中度受损,2026-01-10,县评估中心,林强,13900003333,,,120.15515,30.27415`);

    const audit = await gw.api.request<{ items: Array<{ action: string; actor: string; detail: { count: number; format: string } }> }>('GET', '/api/v1/audit?entityType=region');
    expect(audit.body.items.find((e) => e.action === 'registry_exported')).toMatchObject({ actor: `user:${gw.adminUser}`, detail: { count: 2, format: 'csv' } });

    const filtered = await download('/api/v1/elders/export?format=csv&group=living_alone', net.operatorA.api.token);
    const filteredLines = filtered.bytes.toString('utf8').split('\r\n').filter(Boolean);
    expect(filteredLines).toHaveLength(2);

    const xlsx = await download(`/api/v1/elders/export?format=xlsx&regionId=${net.townA.id}`);
    expect(xlsx.status).toBe(200);
    const { default: ExcelJS } = await import('exceljs');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.bytes as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('名册');
    expect((sheet?.getRow(1).values as unknown[]).slice(1).join(',')).toBe(lines[0]);
    expect(sheet?.rowCount).toBe(3);
  });

  it.skipIf(skip)('when the list is filtered by group, 高龄, assessment, community and name or ID tail, then only the matching elders come', async () => {
    const names = async (query: string, api = gw.api) => {
      const reply = await api.request<{ items: Elder[] }>('GET', `/api/v1/elders?${query}`);
      expect(reply.status, JSON.stringify(reply.body)).toBe(200);
      return reply.body.items.map((e) => e.name).sort();
    };
    expect(await names('group=living_alone')).toEqual(['林秀英']);
    expect(await names('group=empty_nest')).toEqual([]);
    expect(await names('veryOld=true')).toEqual(['林秀英']);
    expect(await names('veryOld=false')).not.toContain('林秀英');
    expect(await names('assessment=moderate')).toEqual(['林秀英']);
    expect(await names('assessment=none')).not.toContain('林秀英');
    expect(await names(`regionId=${net.communityB.id}`)).not.toContain('林秀英');
    expect(await names(`regionId=${net.communityA.id}&q=秀`)).toEqual(['林秀英']);
    expect(await names(`q=${idNumber.slice(-6)}`)).toEqual(['林秀英']);
    expect(await names(`q=${idNumber.slice(-4).toLowerCase()}`)).toEqual(['林秀英']);
    const outside = await net.operatorA.api.request<{ error: { code: string } }>('GET', `/api/v1/elders?regionId=${net.communityB.id}`);
    expect(outside).toMatchObject({ status: 403, body: { error: { code: 'FORBIDDEN_REGION' } } });
    const badGroup = await gw.api.request<{ error: { code: string } }>('GET', '/api/v1/elders?group=rich');
    expect(badGroup).toMatchObject({ status: 400, body: { error: { code: 'REQUEST_INVALID' } } });
  });
});
