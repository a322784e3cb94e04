import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLiveHub, type LiveHub } from '../../gateway/src/adapters/ws/live-hub.js';
import type { AuthService } from '../../gateway/src/app/people/auth.service.js';
import { createMetrics } from '../../gateway/src/adapters/metrics/prom-metrics.js';
import type { PromMetrics } from '../../gateway/src/adapters/metrics/prom-metrics.js';
import { RegionDirectory } from '../../gateway/src/app/directories/region-directory.js';
import type { SessionRecord } from '../../gateway/src/app/ports/store/accounts.port.js';
import type { AlertView } from '../../schemas/index.js';
import { connectLive } from '../support/live-client.js';
import { SessionRevocations } from '../../gateway/src/app/directories/session-revocations.js';
import { eventually } from '../support/mqtt-device.js';

// A desk whose browser hangs (it stops reading its websocket) must not hold up the alarms of every other desk: the
// live hub drops it once WS_MAX_BUFFERED_BYTES pile up unsent, counts it, and the others go on. The hub here is the
// gateway's own, on a real HTTP server with real websocket clients; the stall is real (the client's TCP socket stops
// reading, so the kernel's buffers fill and then the hub's). Only what the hub reads around the events (the login,
// the snapshot) is given directly, because what is tested is the flow of many megabytes of events, more than device
// messages could raise in a test's time.

const MAX_BUFFERED = 256 * 1024;
/** Enough to fill loopback's kernel buffers (several MB each way) and the hub's limit many times over. */
const EVENTS = 30_000;

const session: SessionRecord = { sessionId: 's-1', tokenHash: 'h', userId: 'u-1', username: 'duty', displayName: '值班员', role: 'operator', regionId: 'county', regionPath: '/county/', expiresAt: Number.MAX_SAFE_INTEGER };

const alertView = (n: number): AlertView =>
  ({
    id: `alert-${n}`,
    type: 'sos',
    priority: 1,
    status: 'raised',
    count: n,
    deviceId: 'button-1',
    elder: { id: 'elder-1', name: '王奶奶', address: `城关镇幸福社区${'1'.repeat(400)}号`, regionId: 'county' },
  }) as unknown as AlertView;

let server: Server;
let hub: LiveHub;
let metrics: PromMetrics;
let url: string;

beforeAll(async () => {
  metrics = createMetrics();
  hub = createLiveHub({
    auth: { verify: async () => session } as unknown as AuthService,
    revocations: new SessionRevocations(),
    alerts: { openForSnapshot: async () => [] },
    tasks: { list: async () => ({ items: [], nextCursor: null }) },
    regions: RegionDirectory.load([{ id: 'county', name: '县', level: 'county', parentId: null, path: '/county/' }]),
    metrics,
    maxBufferedBytes: MAX_BUFFERED,
    logger: pino({ level: 'silent' }),
  });
  server = createServer();
  hub.attach(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await hub?.close();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

/**
 * A desk whose page hangs right after its websocket opened: the handshake by hand on a raw TCP socket that then
 * never reads again (a ws client would resume its socket on its own).
 */
async function stalledDesk(httpUrl: string): Promise<Socket> {
  const { hostname, port } = new URL(httpUrl);
  const socket = connect({ host: hostname, port: Number(port) });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('error', reject);
  });
  socket.on('error', () => undefined);
  socket.write(
    [`GET /ws?token=token HTTP/1.1`, `Host: ${hostname}:${port}`, 'Upgrade: websocket', 'Connection: Upgrade', `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}`, 'Sec-WebSocket-Version: 13', '', ''].join('\r\n'),
  );
  await new Promise<void>((resolve) => socket.once('data', () => resolve())); // the 101 answer (and maybe the snapshot)
  socket.pause();
  return socket;
}

const dropped = async () => (await metrics.wsClientsDropped.get()).values[0]?.value ?? 0;

describe('a stalled desk', () => {
  it('when one desk stops reading during a storm of events, then it is dropped and counted, and another desk gets every event in order', { timeout: 60_000 }, async () => {
    const healthy = await connectLive(url, 'token');
    const stalled = await stalledDesk(url);
    const droppedBefore = await dropped();

    const started = Date.now();
    let sentWhenDropped: number | null = null;
    for (let n = 0; n < EVENTS; n++) {
      hub.publish({ type: 'alert.updated', alert: alertView(n) });
      if (sentWhenDropped === null && (await dropped()) > droppedBefore) sentWhenDropped = n;
      // Let the sockets move between bursts, as the gateway's event loop would.
      if (n % 500 === 0) await new Promise((resolve) => setImmediate(resolve));
    }
    // The hub terminated it; the paused page would only notice when it read again.
    await eventually(dropped, (count) => count === droppedBefore + 1, 10_000);

    const last = await healthy.waitFor((e) => e.type === 'alert.updated' && e.alert.id === `alert-${EVENTS - 1}`, 30_000);
    expect(last.type).toBe('alert.updated');
    const counts = healthy.events.flatMap((e) => (e.type === 'alert.updated' ? [e.alert.count] : []));
    expect(counts).toHaveLength(EVENTS);
    expect(counts.every((c, i) => c === i)).toBe(true);
    console.info(`[stalled-desk] ${EVENTS} events of ~1 KB in ${Date.now() - started} ms; the stalled desk was dropped after ${sentWhenDropped ?? '?'} of them; the healthy desk got all ${counts.length} in order`);
    healthy.close();
    stalled.destroy();
  });
});
