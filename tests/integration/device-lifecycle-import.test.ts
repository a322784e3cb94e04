import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idNumberCheckCharacter, type DeviceView } from '../../schemas/index.js';
import { setUpCareNetwork, type CareNetwork } from '../support/care-network.js';
import { startTestGateway, type TestGateway } from '../support/test-gateway.js';

// Registering devices from a file (POST /device-imports, issue 22) on a real gateway over real HTTP: the dry run
// reports each row's problem and writes nothing; a file with a bad row commits nothing either; a clean file
// registers every row at once, returns each secret once, and those secrets log in over real MQTT. Headers in Chinese
// or English, kinds by their Chinese names, elders by id or full ID number, UTF-8 with a BOM or GBK as Excel saves it.

interface ImportReply {
  dryRun: boolean;
  rows: Array<{ line: number; id: string | null; kind: string | null; elderId: string | null; room: string | null; error: { code: string; message: string } | null }>;
  invalidRows: number;
  created: Array<{ id: string; kind: string; elderId: string; secret: string }>;
}

let gw: TestGateway;
let net: CareNetwork;
let elderWithIdNumber: { id: string; idNumber: string };
const run = Date.now().toString(36);

beforeAll(async () => {
  gw = await startTestGateway();
  net = await setUpCareNetwork(gw);
  const first17 = '33010219441105003';
  const idNumber = first17 + idNumberCheckCharacter(first17);
  const elder = await gw.api.request<{ id: string }>('POST', '/api/v1/elders', { name: '身份证老人', address: '幸福社区5号', idNumber, regionId: net.communityA.id });
  expect(elder.status, JSON.stringify(elder.body)).toBe(201);
  elderWithIdNumber = { id: elder.body.id, idNumber };
});
afterAll(async () => {
  await net?.close();
  await gw?.close();
});

/** POSTs the file as text/csv with the caller's token. */
async function importCsv(body: Buffer | string, query: string, token = gw.adminToken): Promise<{ status: number; body: ImportReply & { error?: { code: string } } }> {
  const res = await fetch(`${gw.httpUrl}/api/v1/device-imports?${query}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' },
    body: typeof body === 'string' ? body : new Uint8Array(body),
  });
  return { status: res.status, body: (await res.json()) as ImportReply & { error?: { code: string } } };
}

const listIds = async (q?: string) => (await gw.api.request<{ items: DeviceView[] }>('GET', `/api/v1/devices?limit=1000${q ? `&q=${q}` : ''}`)).body.items.map((d) => d.id);

describe('device import', () => {
  it('when a file with problems is dry-run and then committed, then each bad row says why and nothing is written either time', async () => {
    const taken = await gw.api.createDevice({ elderId: net.elderA.id, kind: 'camera', id: `imp-taken-${run}` });
    const csv = [
      '设备编号,类型,老人编号,身份证号,位置,型号',
      `imp-ok-${run},呼叫器,${net.elderA.id},,卧室,HB-100`,
      `imp-kind-${run},洗衣机,${net.elderA.id},,,`,
      `imp-noelder-${run},门磁,no-such-elder,,,`,
      `imp-away-${run},door_sensor,${net.elderB.id},,,`,
      `${taken.id},camera,${net.elderA.id},,,`,
      `imp-ok-${run},wearable,${net.elderA.id},,,`,
      `bad id!,wearable,${net.elderA.id},,,`,
      `,烟感,,330102190001010000,,`,
      `,水浸,,${elderWithIdNumber.idNumber},厨房,`,
    ].join('\r\n');

    const dry = await importCsv(`\uFEFF${csv}\r\n`, 'dryRun=true', net.operatorA.api.token);
    expect(dry.status).toBe(200);
    expect(dry.body.dryRun).toBe(true);
    expect(dry.body.rows.map((r) => [r.line, r.error?.code ?? null])).toEqual([
      [2, null],
      [3, 'KIND_UNKNOWN'],
      [4, 'ELDER_NOT_FOUND'],
      [5, 'FORBIDDEN_REGION'],
      [6, 'DEVICE_ID_TAKEN'],
      [7, 'DEVICE_ID_REPEATED'],
      [8, 'DEVICE_ID_INVALID'],
      [9, 'ELDER_NOT_FOUND'],
      [10, null],
    ]);
    expect(dry.body.rows[0]).toMatchObject({ id: `imp-ok-${run}`, kind: 'call_button', elderId: net.elderA.id, room: '卧室' });
    expect(dry.body.rows[8]).toMatchObject({ id: null, kind: 'water_leak_sensor', elderId: elderWithIdNumber.id, room: '厨房' });
    // An elder outside the caller's region: only the id the file gave comes back.
    expect(dry.body.rows[3]?.elderId).toBe(net.elderB.id);
    expect(dry.body).toMatchObject({ invalidRows: 7, created: [] });

    const commit = await importCsv(`\uFEFF${csv}\r\n`, 'dryRun=false', net.operatorA.api.token);
    expect(commit.status).toBe(200);
    expect(commit.body).toMatchObject({ dryRun: false, invalidRows: 7, created: [] });
    expect(await listIds(`imp-`)).toEqual([taken.id]);
  });

  it('when a clean file is committed, then every device is registered in one go, each secret is shown once and logs in over MQTT', async () => {
    const csv = [
      'id,kind,elderId,elderIdNumber,room,model',
      `imp-a-${run},call_button,${net.elderA.id},,bedroom,HB-100`,
      `imp-b-${run},智能手环,${net.elderA.id},,,W-2`,
      `,door-sensor,,${elderWithIdNumber.idNumber},入户门,`,
    ].join('\n');
    const reply = await importCsv(csv, 'dryRun=false');
    expect(reply.status).toBe(200);
    expect(reply.body.invalidRows).toBe(0);
    expect(reply.body.created).toHaveLength(3);
    const [a, b, made] = reply.body.created;
    expect(a).toMatchObject({ id: `imp-a-${run}`, kind: 'call_button', elderId: net.elderA.id });
    expect(b).toMatchObject({ id: `imp-b-${run}`, kind: 'wearable' });
    expect(made).toMatchObject({ id: expect.stringMatching(/^door-sensor-[0-9a-f]{12}$/), kind: 'door_sensor', elderId: elderWithIdNumber.id });
    expect(reply.body.rows.map((r) => r.id)).toEqual(reply.body.created.map((c) => c.id));

    for (const device of reply.body.created) {
      const client = await mqtt.connectAsync(gw.mqttUrl, { clientId: device.id, username: device.id, password: device.secret, reconnectPeriod: 0 });
      await client.endAsync();
    }
    expect(await gw.api.getDevice(`imp-a-${run}`)).toMatchObject({ room: 'bedroom', model: 'HB-100', state: expect.stringMatching(/online|offline/) });
    expect(JSON.stringify(await gw.api.getDevice(`imp-b-${run}`))).not.toContain(b!.secret);

    const audit = await gw.api.request<{ items: Array<{ action: string; detail: { count: number; ids: string[] } }> }>('GET', '/api/v1/audit?entityType=device&limit=20');
    const entry = audit.body.items.find((e) => e.action === 'imported' && e.detail.ids.includes(`imp-a-${run}`));
    expect(entry?.detail).toMatchObject({ count: 3 });
    expect(JSON.stringify(audit.body)).not.toContain(a!.secret);

    // The same file again: every id is taken now, and the generated one is a new device each time (no id given).
    const again = await importCsv(csv, 'dryRun=true');
    expect(again.body.rows.map((r) => r.error?.code ?? null)).toEqual(['DEVICE_ID_TAKEN', 'DEVICE_ID_TAKEN', null]);
  });

  it('when the file is GBK as Excel in China saves it, then its Chinese headers and kind names are read', async () => {
    const gbk = Buffer.concat([
      Buffer.from('c0e0d0cd2cc0cfc8cbb1e0bac52ccebbd6c30d0a', 'hex'), // 类型,老人编号,位置\r\n
      Buffer.from('c3c5b4c5', 'hex'), // 门磁
      Buffer.from(`,${net.elderA.id}`),
      Buffer.from('2cc8ebbba7c3c50d0a', 'hex'), // ,入户门\r\n
    ]);
    const reply = await importCsv(gbk, 'dryRun=true');
    expect(reply.status).toBe(200);
    expect(reply.body.rows).toEqual([{ line: 2, id: null, kind: 'door_sensor', elderId: net.elderA.id, room: '入户门', error: null }]);
  });

  it('when the file cannot be a device list, then 400 or 413 with a stable code and nothing is written', async () => {
    const before = await listIds();
    const cases: Array<[string, Buffer | string, number, string]> = [
      ['empty', '', 400, 'IMPORT_FORMAT_INVALID'],
      ['no kind column', `老人编号,位置\r\n${net.elderA.id},卧室\r\n`, 400, 'IMPORT_FORMAT_INVALID'],
      ['header only', '类型,老人编号\r\n', 400, 'IMPORT_FORMAT_INVALID'],
      ['UTF-16', Buffer.from('\uFEFF类型,老人编号\r\n', 'utf16le'), 400, 'IMPORT_ENCODING_UNKNOWN'],
      ['binary', Buffer.from([0x00, 0x01, 0x02, 0x03, 0xff]), 400, 'IMPORT_ENCODING_UNKNOWN'],
      ['broken quotes', '类型,老人编号\r\n"call_button,x\r\n', 400, 'IMPORT_FORMAT_INVALID'],
      ['5,001 rows', `类型,老人编号\r\n${`wearable,${net.elderA.id}\r\n`.repeat(5001)}`, 413, 'IMPORT_TOO_LARGE'],
      ['over 2 MB', `类型,老人编号\r\n${'x'.repeat(2.5 * 1024 * 1024)}`, 413, 'IMPORT_TOO_LARGE'],
    ];
    for (const [what, body, status, code] of cases) {
      const reply = await importCsv(body, 'dryRun=false');
      expect({ what, status: reply.status, code: reply.body.error?.code }).toEqual({ what, status, code });
    }
    expect(await listIds()).toEqual(before);
  });

  it('when the template is fetched, then it is a UTF-8 CSV with a BOM whose headers the import reads', async () => {
    const res = await fetch(`${gw.httpUrl}/api/v1/device-imports/template.csv`, { headers: { authorization: `Bearer ${gw.adminToken}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    const bytes = Buffer.from(await res.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.toString('utf8').split('\r\n')[0]).toBe('\uFEFF设备编号,类型,老人编号,身份证号,位置,型号');
    // Its example rows name elders this gateway does not have: the import reads it, and says so per row.
    const reply = await importCsv(bytes, 'dryRun=true');
    expect(reply.body.rows.map((r) => [r.kind, r.error?.code])).toEqual([
      ['call_button', 'ELDER_NOT_FOUND'],
      ['door_sensor', 'ELDER_NOT_FOUND'],
    ]);
  });
});
