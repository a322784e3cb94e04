import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApiClient } from '../../tests/support/api-client.js';
import { connectLive } from '../../tests/support/live-client.js';
import { startGateway } from '../gateway-process.js';
import { gitCommit, machineInfo } from '../machine-info.js';
import { alarmDuring, halfOpenMqtt, idleHttp, qos2Hoard, type Device, type Target } from './hostile-phases.js';
import { holdSocket } from './hostile-sockets.js';

// `npm run bench:hostile` (about 2 minutes): the availability attacks of issue 17 (items 7–9) against the gateway as
// its own process with its default settings, bounded in size so that it runs on a laptop:
//   1. 3,500 HTTP connections that send nothing or headers a byte a second, from 35 addresses, with the gateway's
//      open-file limit lowered to 3,000 (so that they can exhaust it);
//   2. 1,000 MQTT connections each trickling a 300 KB CONNECT (the figure), then 3,000 each holding a CONNECT
//      just under MQTT_MAX_CONNECT_BYTES from 30 addresses;
//   3. a device sending 160 QoS 2 PUBLISHes of 320 KB and never a PUBREL, reconnecting every 40; then 1,000 of 1 KB.
// During each, a call button connects and presses SOS, timed to the desk's websocket. Prints a table and writes
// bench/results/<date>-<host>-hostile.{json,md}. BENCH_HOSTILE_LABEL=before names a run of older code differently.

const ADMIN = { username: 'admin', password: 'bench-hostile-password' };

async function main(): Promise<void> {
  const machine = machineInfo();
  const startedAt = new Date().toISOString();
  const root = new URL('../../', import.meta.url).pathname;
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-hostile-'));
  // The gateway's own defaults for what is measured here (the ladder's harness lifts the pending-connection caps).
  const defaults = { MQTT_MAX_PENDING_PER_ADDRESS: '', MQTT_MAX_PENDING_CONNECTIONS: '' };
  const gw = await startGateway({ dataDir, adminUser: ADMIN.username, adminPassword: ADMIN.password, env: defaults });
  try {
    const api = createApiClient(gw.httpUrl);
    const token = await api.login(ADMIN.username, ADMIN.password);
    const device = async (n: number): Promise<Device> => {
      const elder = await api.createElder({ name: `压测老人${n}`, address: `城关镇${n}号` });
      return api.createDevice({ elderId: elder.id, kind: 'call_button' });
    };
    const buttons = await Promise.all([1, 2, 3, 4, 5, 6].map(device));
    const hoarder = await device(7);
    const desk = await connectLive(gw.httpUrl, token);
    const httpPort = Number(new URL(gw.httpUrl).port);
    const mqttPort = Number(new URL(gw.mqttUrl).port);
    const kept = await holdSocket(httpPort, '127.0.0.1');
    const target: Target = { pid: gw.pid, httpPort, mqttPort, mqttUrl: gw.mqttUrl, desk, kept };

    const quiet = await alarmDuring(target, buttons[0]!);
    console.info('no attack: SOS', quiet);
    const http = await idleHttp(target, buttons[1]!, { limit: 3000, connections: 3500, waitS: 25 });
    console.info('idle HTTP', http);
    const bigConnect = await halfOpenMqtt(target, buttons[2]!, { connections: 1000, declaredBytes: 300_000, sentBytes: 290_000, perAddress: 100 });
    console.info('300 KB CONNECTs', bigConnect);
    const smallConnect = await halfOpenMqtt(target, buttons[3]!, { connections: 3000, declaredBytes: 4000, sentBytes: 3900, perAddress: 100 });
    console.info('4 KB CONNECTs', smallConnect);
    const bigQos2 = await qos2Hoard(target, hoarder, buttons[4]!, { messages: 160, payloadBytes: 320_000, perConnection: 40 });
    console.info('QoS 2, 320 KB', bigQos2);
    const smallQos2 = await qos2Hoard(target, hoarder, buttons[5]!, { messages: 1000, payloadBytes: 1000, perConnection: 250 });
    console.info('QoS 2, 1 KB', smallQos2);
    desk.close();
    kept.socket.destroy();

    const label = process.env.BENCH_HOSTILE_LABEL ? `-${process.env.BENCH_HOSTILE_LABEL}` : '';
    const results = { machine, startedAt, commit: gitCommit(root), quiet, http, bigConnect, smallConnect, bigQos2, smallQos2 };
    const md = renderMarkdown(results);
    console.info(`\n${md}`);
    const dir = join(root, 'bench/results');
    mkdirSync(dir, { recursive: true });
    const base = `${startedAt.slice(0, 10)}-${machine.hostname.replace(/[^A-Za-z0-9.-]/g, '_')}-hostile${label}`;
    writeFileSync(join(dir, `${base}.json`), `${JSON.stringify(results, null, 2)}\n`);
    writeFileSync(join(dir, `${base}.md`), md);
    console.info(`written: bench/results/${base}.{json,md}`);
  } finally {
    await gw.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

type Results = {
  machine: ReturnType<typeof machineInfo>;
  startedAt: string;
  commit: string;
  quiet: Awaited<ReturnType<typeof alarmDuring>>;
  http: Awaited<ReturnType<typeof idleHttp>>;
  bigConnect: Awaited<ReturnType<typeof halfOpenMqtt>>;
  smallConnect: Awaited<ReturnType<typeof halfOpenMqtt>>;
  bigQos2: Awaited<ReturnType<typeof qos2Hoard>>;
  smallQos2: Awaited<ReturnType<typeof qos2Hoard>>;
};

const alarmText = (a: Results['quiet']) =>
  a.connected ? `connected in ${a.connectMs} ms, SOS at the desk in ${a.sosToDeskMs ?? 'never (10 s)'} ms` : '**could not connect**';

const mb = (bytes: number) => Math.round(bytes / 10_485.76) / 100;

function renderMarkdown(r: Results): string {
  const m = r.machine;
  const { http, bigConnect: b, smallConnect: s, bigQos2: q, smallQos2: q1 } = r;
  return `# Hostile load (${r.startedAt.slice(0, 10)})

${m.cpuModel}, ${m.cores} cores, ${Math.round(m.ramBytes / 2 ** 30)} GB, ${m.os}, Node.js ${m.node}; commit ${r.commit};
load average at start ${m.loadAverageAtStart.toFixed(2)}. Gateway with its default settings, as its own process.

| attack | held by the gateway | refused / closed | call button during it |
|---|---|---|---|
| none | | | ${alarmText(r.quiet)} |
| ${http.attempted} idle and header-trickling HTTP connections, 100 per address, open-file limit ${http.openFileLimit} | ${http.acceptedAtPeak} connections, descriptors ${http.gatewayFds.before} → ${http.gatewayFds.peak} (after: ${http.gatewayFds.after}); /readyz ${http.readyzAtPeak.split(' ')[0]}, /healthz ${http.healthzAtPeak} | ${http.refused.descriptorReserve} at the descriptor reserve, ${http.refused.perAddress} per address; all closed by the gateway after ${http.allClosedAfterS ?? 'more than 25'} s | ${alarmText(http.alarm)} |
| ${b.connections} MQTT connections trickling a ${b.declaredBytes.toLocaleString('en')}-byte CONNECT (${b.sentBytes.toLocaleString('en')} sent), ${b.addresses} addresses | ${b.openAfter3s} open after 3 s; RSS ${b.rssMb.before} → ${b.rssMb.held} MB (after they closed: ${b.rssMb.afterClose} MB) | ${b.connections - b.openAfter3s} | ${alarmText(b.alarm)} |
| ${s.connections} MQTT connections holding a ${s.declaredBytes.toLocaleString('en')}-byte CONNECT (${s.sentBytes.toLocaleString('en')} sent), ${s.addresses} addresses | ${s.openAfter3s} open after 3 s; RSS ${s.rssMb.before} → ${s.rssMb.held} MB (after they closed: ${s.rssMb.afterClose} MB) | ${s.connections - s.openAfter3s} | ${alarmText(s.alarm)} |
| one device: ${q.messages} QoS 2 PUBLISHes of ${q.payloadBytes.toLocaleString('en')} bytes, no PUBREL, reconnecting | ${q.pubrecs} stored (PUBREC), ${mb(q.pubrecs * q.payloadBytes)} MB of payload awaiting PUBREL; RSS ${q.rssMb.before} → ${q.rssMb.after} MB | ${q.connectionsClosed} connections closed | ${alarmText(q.alarm)} |
| the same device: ${q1.messages} QoS 2 PUBLISHes of ${q1.payloadBytes.toLocaleString('en')} bytes | ${q1.pubrecs} stored, ${mb(q1.pubrecs * q1.payloadBytes)} MB; RSS ${q1.rssMb.before} → ${q1.rssMb.after} MB | ${q1.connectionsClosed} connections closed | ${alarmText(q1.alarm)} |
`;
}

await main();
