import { randomUUID } from 'node:crypto';
import mqtt, { type MqttClient } from 'mqtt';
import type { Browser, Page } from 'playwright-core';
import WebSocket from 'ws';
import type { WsEvent } from '../../schemas/index.js';
import { sleep } from '../net.js';
import { DESK, openWall } from './first-render.js';
import type { SeededWall } from './wall-homes.js';

// (b) 1,000 device updates through the whole path: 1,000 seeded devices, connected over real MQTT, all say they are
// offline (or, the next time, send a heartbeat and are back), the gateway turns each into a `device.status` event,
// the desk applies them and its offline count shows the total. Timed from the first publish to the moment the
// page's count reached it (a MutationObserver in the page, stamped with the page's Date.now(), the same clock).
// A websocket client of the harness hears the same events: when it has all of them is the gateway's share, the
// rest is how far the desk lags behind the live hub.

export interface UpdateRound {
  direction: 'offline' | 'online';
  /** First publish → the desk's count shows all updates. */
  totalMs: number;
  /** First publish → the harness's own live client heard all the events. */
  gatewayMs: number;
  /** The desk after the harness's live client: receiving, applying and drawing. */
  deskLagMs: number;
}

/** A reload the desk starts after its first snapshot (wall-book.ts) must be over before anything is timed. */
const SETTLE_MS = 7000;
const CONNECT_BATCH = 100;

declare global {
  interface Window {
    /** Set by the harness: resolves with Date.now() when the wall's offline count reads `target`. */
    wallOfflineCountReached?: Promise<number>;
  }
}

/** The harness's own desk-role live client (the snapshot and heartbeats it also gets are ignored). */
async function openLiveSocket(httpUrl: string, token: string): Promise<WebSocket> {
  const socket = new WebSocket(`${httpUrl.replace(/^http/, 'ws')}/ws?token=${encodeURIComponent(token)}`);
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  return socket;
}

async function connectDevices(url: string, seeded: SeededWall, ids: string[]): Promise<MqttClient[]> {
  const clients: MqttClient[] = [];
  for (let i = 0; i < ids.length; i += CONNECT_BATCH) {
    const batch = ids.slice(i, i + CONNECT_BATCH);
    clients.push(...(await Promise.all(batch.map((id) => mqtt.connectAsync(url, { clientId: id, username: id, password: seeded.secretOf(id), reconnectPeriod: 0 })))));
  }
  return clients;
}

const offlineCount = async (page: Page) => Number(await page.getByTestId('wall-count-offline').getAttribute('data-count'));

/** Installs the page's watcher before anything is published, so that no change can slip past it. */
async function watchOfflineCount(page: Page, target: number): Promise<void> {
  // no named functions in here: tsx would wrap them in a helper the page does not have
  await page.evaluate((want) => {
    const button = document.querySelector('[data-testid="wall-count-offline"]')!;
    window.wallOfflineCountReached = new Promise<number>((resolve) => {
      if (Number(button.getAttribute('data-count')) === want) return resolve(Date.now());
      const observer = new MutationObserver(() => {
        if (Number(button.getAttribute('data-count')) !== want) return;
        observer.disconnect();
        resolve(Date.now());
      });
      observer.observe(button, { attributes: true, attributeFilter: ['data-count'] });
    });
  }, target);
}

export async function timeDeviceUpdates(options: {
  browser: Browser;
  httpUrl: string;
  mqttUrl: string;
  token: string;
  seeded: SeededWall;
  updates: number;
  rounds: number;
  print: (line: string) => void;
}): Promise<UpdateRound[]> {
  const { browser, httpUrl, mqttUrl, token, seeded, updates, rounds, print } = options;
  const ids = seeded.homes.filter((home) => home.state === 'online').slice(0, updates).map((home) => home.deviceIds[0]!);
  if (ids.length < updates) throw new Error(`only ${ids.length} online homes to update, ${updates} wanted`);
  const watched = new Set(ids);
  const clients = await connectDevices(mqttUrl, seeded, ids);
  const live = await openLiveSocket(httpUrl, token);
  const context = await browser.newContext({ viewport: DESK });
  try {
    const page = await openWall(context, httpUrl, token);
    await sleep(SETTLE_MS);
    const results: UpdateRound[] = [];
    for (let round = 0; round < rounds; round += 1) {
      for (const direction of ['offline', 'online'] as const) {
        const before = await offlineCount(page);
        const target = direction === 'offline' ? before + updates : before - updates;
        await watchOfflineCount(page, target);
        const seen = new Set<string>();
        const gatewayDone = new Promise<number>((resolve) => {
          const onMessage = (data: WebSocket.RawData) => {
            const event = JSON.parse(String(data)) as WsEvent;
            if (event.type !== 'device.status' || !watched.has(event.device.deviceId) || event.device.online !== (direction === 'online')) return;
            seen.add(event.device.deviceId);
            if (seen.size === updates) {
              live.off('message', onMessage);
              resolve(Date.now());
            }
          };
          live.on('message', onMessage);
        });
        const started = Date.now();
        await Promise.all(
          clients.map((client, i) =>
            client.publishAsync(
              `devices/${ids[i]}/status`,
              JSON.stringify(direction === 'offline' ? { msgId: randomUUID(), ts: Date.now(), type: 'offline' } : { msgId: randomUUID(), ts: Date.now(), type: 'heartbeat', battery: 85 }),
              { qos: 1 },
            ),
          ),
        );
        const [gatewayAt, deskAt] = await Promise.all([gatewayDone, page.evaluate(() => window.wallOfflineCountReached!)]);
        const sample = { direction, totalMs: deskAt - started, gatewayMs: gatewayAt - started, deskLagMs: deskAt - gatewayAt };
        print(`  ${updates} → ${direction}: desk ${sample.totalMs} ms (gateway ${sample.gatewayMs} ms, desk lag ${sample.deskLagMs} ms)`);
        results.push(sample);
        await sleep(500);
      }
    }
    return results;
  } finally {
    await context.close();
    live.close();
    await Promise.all(clients.map((client) => client.endAsync(true)));
  }
}
