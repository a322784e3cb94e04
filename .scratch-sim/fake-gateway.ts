import { createServer as createNet, type AddressInfo } from 'node:net';
import { createServer as createHttp } from 'node:http';
import { randomUUID } from 'node:crypto';
import { Aedes } from 'aedes';
import { pino } from 'pino';
import { parseDeviceMessage, parseDeviceTopic, type DeviceKind } from '../schemas/index.js';
import { effectiveThresholds } from '../gateway/src/core/thresholds.js';
import { createGatewayClient } from '../device-sim/src/gateway-client.js';
import { runScenario, SCENARIO_NAMES } from '../device-sim/src/scenarios/index.js';
import { provisionHomes, runHomes } from '../device-sim/src/homes.js';

const devices = new Map<string, { kind: DeviceKind; secret: string; elderId: string; room: string | null }>();
const elders = new Map<string, any>();
const received: { deviceId: string; channel: string; ok: boolean; reason?: string; type?: string; qos: number }[] = [];
const nowIso = () => new Date().toISOString();

const broker = await Aedes.createBroker({
  authenticate: (client, username, password, cb) => {
    const d = devices.get(client.id);
    cb(null, !!d && username === client.id && password?.toString() === d.secret);
  },
  authorizePublish: (client, packet, cb) => {
    if (client) {
      const t = parseDeviceTopic(packet.topic);
      const d = t && devices.get(t.deviceId);
      if (t && d) {
        const r = parseDeviceMessage(d.kind, t.channel, JSON.parse(packet.payload.toString()));
        received.push({ deviceId: t.deviceId, channel: t.channel, ok: r.ok, qos: packet.qos, ...(r.ok ? { type: (r.message.payload as any).type } : { reason: r.reason + ' ' + r.detail }) });
      }
    }
    cb(null);
  },
});
const net = createNet(broker.handle);
await new Promise<void>((r) => net.listen(0, '127.0.0.1', () => r()));
const mqttUrl = `mqtt://127.0.0.1:${(net.address() as AddressInfo).port}`;

const elderView = (e: any) => ({ ...e, thresholds: effectiveThresholds(e.riskCategory, e.thresholdOverrides) });
const http = createHttp(async (req, res) => {
  let body = '';
  for await (const c of req) body += c;
  const json = body ? JSON.parse(body) : undefined;
  const send = (status: number, value: unknown) => { res.writeHead(status, { 'content-type': 'application/json' }); res.end(JSON.stringify(value)); };
  const url = new URL(req.url!, 'http://x');
  const p = url.pathname;
  if (req.method === 'POST' && p === '/api/v1/elders') {
    const e = { id: randomUUID(), name: json.name, address: json.address, phone: json.phone ?? null, riskCategory: json.riskCategory ?? 'general', thresholdOverrides: {}, away: null, createdAt: nowIso() };
    elders.set(e.id, e); return send(201, elderView(e));
  }
  let m = p.match(/^\/api\/v1\/elders\/([^/]+)\/care-profile$/);
  if (req.method === 'PUT' && m) { const e = elders.get(m[1]!); if (json.riskCategory) e.riskCategory = json.riskCategory; if (json.thresholdOverrides) e.thresholdOverrides = json.thresholdOverrides; return send(200, elderView(e)); }
  m = p.match(/^\/api\/v1\/elders\/([^/]+)$/);
  if (req.method === 'GET' && m) { const e = elders.get(m[1]!); return e ? send(200, elderView(e)) : send(404, { error: { code: 'NOT_FOUND', message: 'no' } }); }
  if (req.method === 'POST' && p === '/api/v1/devices') {
    const id = json.id ?? `dev-${randomUUID().slice(0, 8)}`; const secret = randomUUID();
    devices.set(id, { kind: json.kind, secret, elderId: json.elderId, room: json.room ?? null });
    return send(201, { id, elderId: json.elderId, kind: json.kind, room: json.room ?? null, testModeUntil: null, online: false, battery: null, lastSeenAt: null, createdAt: nowIso(), secret });
  }
  if (req.method === 'GET' && p === '/api/v1/alerts') return send(200, { items: [] });
  if (req.method === 'GET' && p === '/api/v1/tasks') return send(200, { items: [] });
  send(404, { error: { code: 'NOT_FOUND', message: p } });
});
await new Promise<void>((r) => http.listen(0, '127.0.0.1', () => r()));
const httpUrl = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
const client = createGatewayClient(httpUrl, 'tok');

const only = process.argv[2];
for (const name of SCENARIO_NAMES) {
  if (only && only !== 'scenarios') break;
  const t0 = Date.now();
  received.length = 0;
  const result = await runScenario(name, { client, mqttUrl, fast: true, onStep: (s) => console.log(`  [${name}] ${s}`), offlineGraceMs: 1000 });
  await new Promise((r) => setTimeout(r, 300));
  const bad = received.filter((r) => !r.ok);
  console.log(`${name}: ${Date.now() - t0} ms, ${received.length} msgs, types ${[...new Set(received.map((r) => `${r.channel}:${r.type}@${r.qos}`))].join(' ')}, bad ${JSON.stringify(bad)}`);
  console.log('  expected', JSON.stringify(result.expected.alerts.map((a) => [a.type, a.status, a.withinMs])), 'thresholds', JSON.stringify(elders.get(result.elderId).thresholdOverrides));
  await result.close();
}
if (!only || only === 'homes') {
  received.length = 0;
  const homes = await provisionHomes(client, 36, {});
  console.log('kinds', JSON.stringify(homes.map((h) => h.devices.map((d) => d.kind[0] + d.kind.split('_')[1]?.[0]).join(''))));
  const handle = await runHomes(homes, mqttUrl, { logger: pino({ level: 'warn' }), sosEveryMinutes: 0.05, firstSosAfterSeconds: 1, vitalsSeconds: 1, seed: 3 });
  await new Promise((r) => setTimeout(r, 8000));
  await handle.stop();
  const bad = received.filter((r) => !r.ok);
  const counts: Record<string, number> = {};
  for (const r of received) counts[`${devices.get(r.deviceId)!.kind}:${r.channel}:${r.type}`] = (counts[`${devices.get(r.deviceId)!.kind}:${r.channel}:${r.type}`] ?? 0) + 1;
  console.log('homes:', received.length, 'msgs', JSON.stringify(counts), 'bad', bad.length, JSON.stringify(bad.slice(0, 3)));
}
if (only === 'demo') {
  const { startDemoScenarios } = await import('../device-sim/src/demo-scenarios.js');
  let saved: any[] = [];
  const ds = await startDemoScenarios({ client, mqttUrl, logger: pino({ level: 'warn' }), everyMinutes: 0.05, firstAfterMs: 100, offlineGraceMs: 500, say: (t) => console.log('[demo]', t), saved: [], onDevicesChanged: async (d) => { saved = d; } });
  await new Promise((r) => setTimeout(r, 45_000));
  await ds.stop();
  console.log('kept', saved.length, saved.map((d) => d.kind).join(','));
  received.length = 0;
  const ds2 = await startDemoScenarios({ client, mqttUrl, logger: pino({ level: 'warn' }), everyMinutes: 100, firstAfterMs: 1e9, offlineGraceMs: 500, say: (t) => console.log('[demo2]', t), saved, onDevicesChanged: async (d) => { console.log('changed', d.length); } });
  await new Promise((r) => setTimeout(r, 1000));
  await ds2.stop();
  console.log('reconnect msgs', received.length, received.filter((r) => !r.ok).length);
}
broker.close(); net.close(); http.close();
process.exit(0);
