import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mqtt, { type MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPgStore } from '../../gateway/src/adapters/db/pg/store.js';
import type { Store } from '../../gateway/src/app/ports/store/store.port.js';
import type { AlertView, WsEvent } from '../../schemas/index.js';
import { createApiClient, type ApiClient } from '../support/api-client.js';
import { freePort } from '../support/free-port.js';
import { startGatewayProcess, type GatewayProcess } from '../support/gateway-process.js';
import { connectLive, type LiveClient } from '../support/live-client.js';
import { eventually } from '../support/mqtt-device.js';
import { startPostgres, postgresMissing } from '../support/postgres.js';
import { TEST_ADMIN } from '../support/test-gateway.js';
import { mosquittoMissing, startMosquitto, writeMosquittoFiles, type RunningMosquitto } from '../support/mosquitto.js';

// Two gateway instances behind one Mosquitto and one PostgreSQL (docs/scale-out.md), as real processes, with real
// devices over MQTT: 1,000 SOS presses from 200 buttons in five rounds, the instance that leads killed with SIGKILL
// in the middle of a round, the round finished by the survivor alone (it serves the dead one's broker sessions),
// then the dead one started again. Every press must be exactly one alert, every desk must see every alert, and every
// escalation must fire once.

const DEVICES = 200;
const ROUNDS = 5;
const KILL_ROUND = 3;
const GATEWAY_PASSWORD = 'gateway-broker-password-2026';
const ESCALATE_AFTER_SECONDS = 2;

const skip = postgresMissing() || mosquittoMissing();

interface Instance {
  name: 'a' | 'b';
  dataDir: string;
  ports: { http: number; mqtt: number };
  process: GatewayProcess;
  desks: LiveClient[];
  api: ApiClient;
}

describe.skipIf(skip)('scale-out: two instances, one Mosquitto, one PostgreSQL', () => {
  let stopPostgres: () => Promise<void>;
  let databaseUrl: string;
  let store: Store;
  let broker: RunningMosquitto;
  const instances: Instance[] = [];
  const devices: Array<{ id: string; secret: string; elderId: string; client: MqttClient | null }> = [];

  const envOf = (name: string) => ({
    DATABASE_URL: databaseUrl,
    MQTT_URL: broker.url,
    MQTT_PASSWORD: GATEWAY_PASSWORD,
    GATEWAY_INSTANCE_ID: name,
    ESCALATION_P1_SECONDS: `${ESCALATE_AFTER_SECONDS},3600`,
    DEADLINE_TICK_MS: '100',
    // The test registers 400 records and makes 2,000 acknowledgements and resolutions from one address in seconds.
    RATE_LIMIT_WRITE_PER_MINUTE: '100000',
    LOG_LEVEL: 'info',
  });

  async function start(instance: Omit<Instance, 'process' | 'desks' | 'api'> & Partial<Instance>): Promise<Instance> {
    // A restarted instance first waits for the survivor to hand its broker sessions back: give it time on a busy CI.
    const process = await startGatewayProcess(instance.dataDir, instance.ports, envOf(instance.name), 60_000).catch((err: Error) => {
      const others = instances.filter((i) => i.name !== instance.name).map((i) => `--- instance ${i.name} (tail) ---\n${i.process.output().slice(-4000)}`);
      throw new Error(`${err.message}\n${others.join('\n')}`);
    });
    const api = createApiClient(process.httpUrl);
    const token = await api.login(TEST_ADMIN.username, TEST_ADMIN.password);
    const desk = await connectLive(process.httpUrl, token);
    return { ...instance, process, api, desks: [...(instance.desks ?? []), desk] };
  }

  async function leader(): Promise<Instance> {
    return eventually(
      async () => {
        for (const i of instances) {
          const text = await fetch(`${i.process.httpUrl}/metrics`).then((r) => r.text(), () => '');
          if (/^gateway_cluster_leader 1$/m.test(text)) return i;
        }
        return null;
      },
      (i) => i !== null,
      10_000,
    ) as Promise<Instance>;
  }

  beforeAll(async () => {
    const postgres = await startPostgres();
    stopPostgres = () => postgres.stop();
    databaseUrl = await postgres.newDatabase();
    store = await createPgStore(databaseUrl);
    broker = await startMosquitto({ devices: [], gatewayUsername: 'gateway', gatewayPassword: GATEWAY_PASSWORD });
    for (const name of ['a', 'b'] as const) {
      const ports = { http: await freePort(), mqtt: await freePort() };
      instances.push(await start({ name, dataDir: mkdtempSync(join(tmpdir(), `scale-out-${name}-`)), ports }));
    }
    // Registered half through each instance: each must learn of the other's devices and elders.
    for (let n = 0; n < DEVICES; n++) {
      const api = instances[n % 2]!.api;
      const elder = await api.createElder({ name: `测试老人${n}`, address: `城关镇幸福社区${n}号`, riskCategory: 'alone' });
      const device = await api.createDevice({ elderId: elder.id, kind: 'call_button' });
      devices.push({ id: device.id, secret: device.secret, elderId: elder.id, client: null });
    }
    // The broker learns the devices from the registry, as `npm run mosquitto:config` does.
    await writeMosquittoFiles(broker, { devices: await store.listDevices(), gatewayUsername: 'gateway', gatewayPassword: GATEWAY_PASSWORD });
    broker.reload();
    for (const d of devices) {
      d.client = await eventually(
        () => mqtt.connectAsync(broker.url, { clientId: d.id, username: d.id, password: d.secret, reconnectPeriod: 1000, keepalive: 30 }).catch(() => null),
        (c) => c !== null,
        10_000,
      );
    }
  }, 180_000);

  afterAll(async () => {
    await Promise.allSettled(devices.map((d) => d.client?.endAsync(true)));
    for (const i of instances) {
      i.desks.forEach((d) => d.close());
      await i.process.kill('SIGTERM');
      rmSync(i.dataDir, { recursive: true, force: true });
    }
    await broker?.stop();
    await store?.close();
    await stopPostgres?.();
  }, 60_000);

  const press = (d: (typeof devices)[number], round: number) =>
    d.client!.publishAsync(`devices/${d.id}/events`, JSON.stringify({ msgId: `${d.id}-sos-${round}`, ts: Date.now(), type: 'sos' }), { qos: 1 });

  const openAlerts = () => store.listAlerts({ statuses: ['raised', 'acknowledged', 'dispatched', 'on_site', 'on_hold'], limit: 10_000 });

  it('when 1,000 SOS presses go through two instances and the leader is killed mid-run, then each is one alert, seen by every desk, escalated once', async () => {
    const raisedIds: string[] = [];
    let killed: Instance | null = null;
    for (let round = 1; round <= ROUNDS; round++) {
      if (round === KILL_ROUND) {
        const half = devices.slice(0, DEVICES / 2);
        await Promise.all(half.map((d) => press(d, round)));
        killed = await leader();
        await killed.process.kill('SIGKILL');
        await Promise.all(devices.slice(DEVICES / 2).map((d) => press(d, round)));
        // The survivor serves the dead instance's broker sessions: nothing waits for it to come back.
        await eventually(openAlerts, (alerts) => alerts.length === DEVICES, 20_000);
        const survivor = instances.find((i) => i !== killed)!;
        expect(survivor.process.output()).toContain('instance lost; serving its broker sessions');
        // Started again as its supervisor would: same instance id, so it takes back its broker sessions.
        const index = instances.indexOf(killed);
        instances[index] = await start({ ...killed, desks: killed.desks });
        await eventually(async () => survivor.process.output(), (out) => out.includes('sessions handed back'), 10_000);
      } else {
        await Promise.all(devices.map((d) => press(d, round)));
      }
      const open = await eventually(openAlerts, (alerts) => alerts.length === DEVICES, 20_000);
      raisedIds.push(...open.map((a) => a.id));
      if (round === KILL_ROUND || round === ROUNDS) {
        // Left unacknowledged past the P1 escalation step, which must fire once whoever leads now.
        await eventually(
          async () => Promise.all(open.map(async (a) => (await store.getTimeline(a.id)).filter((e) => e.action === 'escalated').length)),
          (counts) => counts.every((c) => c >= 1),
          20_000,
        );
      }
      // Handled from both desks: acknowledged and resolved through either instance.
      await Promise.all(
        open.map(async (a, n) => {
          const api = instances[n % 2]!.api;
          expect((await api.ack(a.id)).status).toBe(200);
          expect((await api.resolve(a.id)).status).toBe(200);
        }),
      );
    }

    // Exactly one alert per press: 1,000 alerts, one per device and round, each pressed once.
    const all = await store.listAlerts({ statuses: 'all', limit: 10_000 });
    expect(all).toHaveLength(DEVICES * ROUNDS);
    expect(new Set(raisedIds).size).toBe(DEVICES * ROUNDS);
    const perDevice = new Map<string, number>();
    for (const a of all) perDevice.set(a.deviceId ?? '', (perDevice.get(a.deviceId ?? '') ?? 0) + 1);
    expect([...perDevice.values()].every((n) => n === ROUNDS)).toBe(true);

    // Escalations fired once, never twice, across the kill and the change of leader.
    for (const a of all) {
      const escalations = (await store.getTimeline(a.id)).filter((e) => e.action === 'escalated');
      expect(escalations.length, `alert ${a.id}`).toBeLessThanOrEqual(1);
    }

    // Every desk saw every alert: live, or (for the instance that was down) in the snapshot when it came back.
    const seenBy = (i: Instance) => {
      const ids = new Set<string>();
      for (const desk of i.desks) {
        for (const e of desk.events as WsEvent[]) {
          if (e.type === 'alert.raised') ids.add(e.alert.id);
          if (e.type === 'snapshot') e.alerts.forEach((a: AlertView) => ids.add(a.id));
        }
      }
      return ids;
    };
    for (const i of instances) {
      const seen = seenBy(i);
      const missing = raisedIds.filter((id) => !seen.has(id));
      expect(missing, `desk on instance ${i.name}${i === killed ? ' (killed and restarted)' : ''}`).toEqual([]);
    }
  }, 300_000);
});
