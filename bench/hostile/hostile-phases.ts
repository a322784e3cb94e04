import { execFileSync } from 'node:child_process';
import mqtt from 'mqtt';
import type { LiveClient } from '../../tests/support/live-client.js';
import { connackCode, connectPacket, field, packet, remainingLength } from '../../tests/support/raw-mqtt.js';
import { sleep } from '../net.js';
import { sampleProcess } from '../process-sampler.js';
import { clientAddress, getOver, holdMany, holdSocket, metricValue, openFilesOf, trickleEach, waitUntil, type HeldSocket } from './hostile-sockets.js';

// The three attacks of issue 17 (items 7–9) against a gateway process, each while a call button connects and presses
// SOS: what the hostile clients hold (descriptors, memory), what the gateway refuses, and how long the alarm takes.

export interface Target {
  pid: number;
  httpPort: number;
  mqttPort: number;
  mqttUrl: string;
  desk: LiveClient;
  /** A connection to the HTTP port opened before the attack, for /readyz and /metrics while new ones are refused. */
  kept: HeldSocket;
}

export interface Device {
  id: string;
  secret: string;
}

export interface AlarmFigure {
  connected: boolean;
  connectMs: number | null;
  sosToDeskMs: number | null;
}

const MB = 1024 * 1024;
const rssMb = (pid: number) => Math.round((sampleProcess(pid).rssBytes / MB) * 10) / 10;

/** A call button connects and presses SOS; how long each took, or that it could not. */
export async function alarmDuring(target: Target, device: Device): Promise<AlarmFigure> {
  const started = performance.now();
  let client: mqtt.MqttClient;
  try {
    client = await mqtt.connectAsync(target.mqttUrl, { clientId: device.id, username: device.id, password: device.secret, reconnectPeriod: 0, connectTimeout: 10_000 });
  } catch {
    return { connected: false, connectMs: null, sosToDeskMs: null };
  }
  const connectMs = performance.now() - started;
  const pressed = performance.now();
  await client.publishAsync(`devices/${device.id}/events`, JSON.stringify({ msgId: `bench-sos-${Date.now()}`, ts: Date.now(), type: 'sos' }), { qos: 1 });
  const seen = await target.desk.waitFor((e) => e.type === 'alert.raised' && e.alert.deviceId === device.id, 10_000).then(
    () => performance.now() - pressed,
    () => null,
  );
  await client.endAsync(true);
  return { connected: true, connectMs: Math.round(connectMs * 10) / 10, sosToDeskMs: seen === null ? null : Math.round(seen * 10) / 10 };
}

/** Sets the soft open-file limit of a running process (lowering needs no privilege); returns the one it had. */
function softLimit(pid: number, soft: number | string): string {
  const [was, hard] = execFileSync('prlimit', ['--pid', String(pid), '--nofile', '--raw', '--noheadings', '--output', 'SOFT,HARD'], { encoding: 'utf8' }).trim().split(/\s+/);
  execFileSync('prlimit', ['--pid', String(pid), `--nofile=${soft}:${hard}`]);
  return was!;
}

export interface HttpFigures {
  openFileLimit: number;
  attempted: number;
  acceptedAtPeak: number;
  refused: { descriptorReserve: number; perAddress: number };
  gatewayFds: { before: number; peak: number; after: number };
  readyzAtPeak: string;
  healthzAtPeak: number;
  alarm: AlarmFigure;
  /** Seconds until the gateway had closed every hostile connection, or null if some were still open at the end. */
  allClosedAfterS: number | null;
}

/** Item 7: idle and header-trickling HTTP connections from many addresses, with the gateway's open files limited. */
export async function idleHttp(target: Target, device: Device, opts: { limit: number; connections: number; waitS: number }): Promise<HttpFigures> {
  const previousLimit = softLimit(target.pid, opts.limit);
  // A request now: the kept connection is then an idle keep-alive one (30 s), not one that never sent its headers (10 s).
  await getOver(target.kept, '/healthz');
  await sleep(200);
  const before = openFilesOf(target.pid);
  const started = Date.now();
  // Half send nothing, half send headers a byte a second; 100 per client address.
  const held = await holdMany(opts.connections, 50, (n) => holdSocket(target.httpPort, clientAddress(n, 100), n % 2 ? 'GET / HTTP/1.1\r\nX-Slow: ' : undefined));
  const stopTrickle = trickleEach(held.filter((_, n) => n % 2 === 1), 'abcdefgh');
  await sleep(500);
  const peak = openFilesOf(target.pid);
  const acceptedAtPeak = held.filter((h) => !h.closed()).length;
  const ready = await getOver(target.kept, '/readyz');
  const health = await getOver(target.kept, '/healthz');
  const alarm = await alarmDuring(target, device);
  const metrics = await getOver(target.kept, '/metrics');
  const allClosed = await waitUntil(() => held.every((h) => h.closed()), opts.waitS * 1000);
  const allClosedAfterS = allClosed ? Math.round((Date.now() - started) / 100) / 10 : null;
  stopTrickle();
  for (const h of held) h.socket.destroy();
  await sleep(300);
  softLimit(target.pid, previousLimit);
  return {
    openFileLimit: opts.limit,
    attempted: opts.connections,
    acceptedAtPeak,
    refused: {
      descriptorReserve: metricValue(metrics.body, 'gateway_http_connections_refused_total', 'reason="descriptor_reserve"'),
      perAddress: metricValue(metrics.body, 'gateway_http_connections_refused_total', 'reason="per_address_limit"'),
    },
    gatewayFds: { before, peak, after: openFilesOf(target.pid) },
    readyzAtPeak: `${ready.status} ${ready.body.slice(0, 80)}`,
    healthzAtPeak: health.status,
    alarm,
    allClosedAfterS,
  };
}

export interface MqttFigures {
  connections: number;
  declaredBytes: number;
  sentBytes: number;
  addresses: number;
  openAfter3s: number;
  rssMb: { before: number; held: number; afterClose: number };
  alarm: AlarmFigure;
}

/** Item 8: connections that start a CONNECT and never finish it. */
export async function halfOpenMqtt(
  target: Target,
  device: Device,
  opts: { connections: number; declaredBytes: number; sentBytes: number; perAddress: number },
): Promise<MqttFigures> {
  const before = rssMb(target.pid);
  const partial = Buffer.concat([Buffer.from([0x10]), remainingLength(opts.declaredBytes), Buffer.alloc(opts.sentBytes, 0x41)]);
  const held = await holdMany(opts.connections, 50, (n) => holdSocket(target.mqttPort, clientAddress(n, opts.perAddress), partial));
  await sleep(3000);
  const heldRss = rssMb(target.pid);
  const openAfter3s = held.filter((h) => !h.closed()).length;
  const alarm = await alarmDuring(target, device);
  for (const h of held) h.socket.destroy();
  await sleep(5000);
  return {
    connections: opts.connections,
    declaredBytes: opts.declaredBytes,
    sentBytes: opts.sentBytes,
    addresses: Math.ceil(opts.connections / opts.perAddress),
    openAfter3s,
    rssMb: { before, held: heldRss, afterClose: rssMb(target.pid) },
    alarm,
  };
}

export interface Qos2Figures {
  messages: number;
  payloadBytes: number;
  pubrecs: number;
  connectionsClosed: number;
  rssMb: { before: number; after: number };
  alarm: AlarmFigure;
}

/** Item 9: a device sends QoS 2 PUBLISHes and never PUBREL, reconnecting (persistent session) whenever it is cut. */
export async function qos2Hoard(
  target: Target,
  hoarder: Device,
  device: Device,
  /** perConnection: the device reconnects after this many messages even if it was not cut (as after a network change). */
  opts: { messages: number; payloadBytes: number; perConnection: number },
): Promise<Qos2Figures> {
  const before = rssMb(target.pid);
  const payload = Buffer.alloc(opts.payloadBytes, 0x78);
  const topic = `devices/${hoarder.id}/telemetry`;
  let pubrecs = 0;
  let connectionsClosed = 0;
  let next = 1;
  while (next <= opts.messages) {
    const session = await holdSocket(target.mqttPort, '127.0.0.1', connectPacket({ clientId: hoarder.id, username: hoarder.id, password: hoarder.secret, cleanSession: false }));
    await waitUntil(() => session.received().length >= 4 || session.closed(), 5000);
    if (connackCode(Buffer.from(session.received(), 'latin1')) !== 0) throw new Error('the hoarding device could not log in');
    for (let sent = 0; sent < opts.perConnection && next <= opts.messages && !session.closed(); sent += 1, next += 1) {
      const id = Buffer.alloc(2);
      id.writeUInt16BE(next);
      await new Promise<void>((resolve) => session.socket.write(packet(0x34, Buffer.concat([field(topic), id, payload])), () => resolve()));
      // Wait for its PUBREC or the end of the connection.
      const acks = () => (Buffer.from(session.received(), 'latin1').length - 4) / 4;
      const before = acks();
      await waitUntil(() => acks() > before || session.closed(), 2000);
      if (acks() > before) pubrecs += 1;
    }
    if (session.closed()) connectionsClosed += 1;
    session.socket.destroy();
  }
  await sleep(1000);
  const alarm = await alarmDuring(target, device);
  return { messages: opts.messages, payloadBytes: opts.payloadBytes, pubrecs, connectionsClosed, rssMb: { before, after: rssMb(target.pid) }, alarm };
}
