import mqtt, { type IClientOptions, type MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { openStore } from '../../gateway/src/adapters/db/open-store.js';
import { renderMosquittoConfig } from '../../gateway/src/adapters/mqtt/mosquitto-config.js';
import { mosquittoPasswordHash } from '../../gateway/src/app/secrets.js';
import type { DeviceRecord } from '../../gateway/src/app/ports/store/devices.port.js';
import { loadConfig } from '../../gateway/src/config.js';
import { freePort } from '../support/free-port.js';
import { mosquittoMissing, renderForTest, startMosquitto, writeMosquittoFiles, type MosquittoRegistry, type RunningMosquitto } from '../support/mosquitto.js';
import { registerElder } from '../support/mqtt-device.js';
import { startTestGateway, type TestGateway } from '../support/test-gateway.js';

// External broker mode, broker side: devices registered on a real gateway, their hashes read from its store the way
// `npm run mosquitto:config` reads them, the rendered files run by a real Mosquitto (Debian's 2.0.11), and real
// MQTT.js clients as devices and as gateway consumers. What Mosquitto does is asserted as measured, including where it
// differs from what one would expect (SUBSCRIBE is never refused) and what the gateway's design must allow for
// (shared subscriptions and persistent sessions, client id takeover, persistence after a crash).

const GATEWAY = { username: 'gateway', password: 'gateway-password-for-tests-0123456789' };
const CONNACK_NOT_AUTHORISED_V311 = 5;
const NOT_AUTHORISED_V5 = 0x87;

describe('renderMosquittoConfig', () => {
  const gateway = { username: 'gateway', passwordHash: mosquittoPasswordHash('x'.repeat(20)) };
  const base = { gateway, port: 1883, dataDir: '/mosquitto/data' };

  it('when a device has no broker hash, then it is left out of the password file and reported', () => {
    const hash = mosquittoPasswordHash('secret');
    const files = renderMosquittoConfig({ ...base, devices: [{ id: 'btn-2', brokerPasswordHash: null }, { id: 'btn-1', brokerPasswordHash: hash }] });
    expect(files.devicesWithoutHash).toEqual(['btn-2']);
    expect(files.passwordFile).toBe(`gateway:${gateway.passwordHash}\nbtn-1:${hash}\n`);
  });

  it('when a device has the gateway username as its id, then rendering fails instead of giving it the gateway ACL', () => {
    expect(() => renderMosquittoConfig({ ...base, devices: [{ id: 'gateway', brokerPasswordHash: mosquittoPasswordHash('s') }] })).toThrow(/gateway's MQTT username/);
  });

  it('when the gateway hash is not a Mosquitto hash (a plain password), then rendering fails', () => {
    expect(() => renderMosquittoConfig({ ...base, gateway: { username: 'gateway', passwordHash: 'plain-password' }, devices: [] })).toThrow(/not a Mosquitto password hash/);
  });

  it('when rendered, then the conf points at the files in the config directory and persists into the data directory', () => {
    const { mosquittoConf, aclFile } = renderMosquittoConfig({ ...base, devices: [] });
    expect(mosquittoConf).toMatch(/^per_listener_settings false$/m);
    expect(mosquittoConf).toMatch(/^listener 1883$/m);
    expect(mosquittoConf).toMatch(/^allow_anonymous false$/m);
    expect(mosquittoConf).toMatch(/^password_file \/mosquitto\/config\/passwords$/m);
    expect(mosquittoConf).toMatch(/^acl_file \/mosquitto\/config\/acl$/m);
    expect(mosquittoConf).toMatch(/^persistence true$/m);
    expect(mosquittoConf).toMatch(/^persistence_location \/mosquitto\/data\/$/m);
    expect(aclFile.split('\n').filter((line) => /^(pattern|user|topic) /.test(line))).toEqual([
      'pattern write devices/%u/events',
      'pattern write devices/%u/telemetry',
      'pattern write devices/%u/status',
      'pattern read devices/%u/commands',
      'user gateway',
      'topic read devices/+/events',
      'topic read devices/+/telemetry',
      'topic read devices/+/status',
      'topic write devices/+/commands',
    ]);
  });
});

describe.skipIf(mosquittoMissing())('a real Mosquitto on the files rendered from the registry', () => {
  let gw: TestGateway;
  const devices: Array<{ id: string; secret: string }> = [];
  let broker: RunningMosquitto;

  /** Reads the registry the way scripts/mosquitto-config.ts does: through openStore, from the gateway's data. */
  async function registryDevices(): Promise<DeviceRecord[]> {
    const store = await openStore(loadConfig({ DATA_DIR: gw.dataDir }));
    try {
      return await store.listDevices();
    } finally {
      await store.close();
    }
  }

  async function registry(): Promise<MosquittoRegistry> {
    return { devices: await registryDevices(), gatewayUsername: GATEWAY.username, gatewayPassword: GATEWAY.password };
  }

  /** A broker of the test's own, for tests that restart it or leave sessions behind. */
  async function ownBroker(extraConf: string[] = []): Promise<RunningMosquitto> {
    const own = await startMosquitto(await registry(), { extraConf });
    onTestFinished(() => own.stop());
    return own;
  }

  async function register(): Promise<{ id: string; secret: string }> {
    const elderId = await registerElder(gw);
    const { id, secret } = await gw.api.createDevice({ elderId, kind: 'call_button' });
    return { id, secret };
  }

  beforeAll(async () => {
    gw = await startTestGateway();
    for (let i = 0; i < 3; i++) devices.push(await register());
    // Rendered by renderMosquittoConfig with paths relative to the broker's directory (tests/support/mosquitto.ts).
    broker = await startMosquitto(renderForTest(await registry(), await freePort()));
  });

  afterAll(async () => {
    await broker?.stop();
    await gw?.close();
  });

  const device = (n: number) => devices[n]!;

  function track(client: MqttClient): MqttClient {
    onTestFinished(async () => {
      await client.endAsync(true);
    });
    return client;
  }

  /** A device as the protocol says: client id = username = device id, MQTT 3.1.1 unless told. */
  async function connectDevice(on: RunningMosquitto, as: { id: string; secret: string }, options: IClientOptions = {}): Promise<MqttClient> {
    return track(await mqtt.connectAsync(on.url, { clientId: as.id, username: as.id, password: as.secret, protocolVersion: 4, reconnectPeriod: 0, ...options }));
  }

  /** A gateway consumer: MQTT 5, the gateway's login; persistent sessions when asked. */
  function gatewayOptions(clientId: string, session: { expirySeconds: number } | 'clean' = 'clean'): IClientOptions {
    return {
      clientId,
      username: GATEWAY.username,
      password: GATEWAY.password,
      protocolVersion: 5,
      reconnectPeriod: 0,
      ...(session === 'clean' ? { clean: true } : { clean: false, properties: { sessionExpiryInterval: session.expirySeconds } }),
    };
  }

  async function connectGateway(on: RunningMosquitto, clientId: string, session: { expirySeconds: number } | 'clean' = 'clean'): Promise<MqttClient> {
    return track(await mqtt.connectAsync(on.url, gatewayOptions(clientId, session)));
  }

  /** Connects with listeners in place before the first packet: a resumed session delivers right after CONNACK. */
  function reconnectGateway(on: RunningMosquitto, clientId: string, session: { expirySeconds: number }) {
    const received: Array<{ payload: string; dup: boolean }> = [];
    const client = track(mqtt.connect(on.url, gatewayOptions(clientId, session)));
    client.on('message', (_topic, payload, packet) => received.push({ payload: payload.toString(), dup: packet.dup }));
    const connack = new Promise<{ sessionPresent: boolean }>((resolve, reject) => {
      client.once('connect', (packet) => resolve({ sessionPresent: packet.sessionPresent }));
      client.once('error', reject);
    });
    return { client, received, connack };
  }

  async function refusalCode(on: RunningMosquitto, options: IClientOptions): Promise<number | undefined> {
    try {
      const client = await mqtt.connectAsync(on.url, { reconnectPeriod: 0, ...options });
      await client.endAsync(true);
      return undefined;
    } catch (err) {
      return (err as { code?: number }).code;
    }
  }

  function collect(client: MqttClient): Array<{ topic: string; payload: string }> {
    const received: Array<{ topic: string; payload: string }> = [];
    client.on('message', (topic, payload) => received.push({ topic, payload: payload.toString() }));
    return received;
  }

  async function until(condition: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!condition()) {
      if (Date.now() > deadline) throw new Error(`not within ${timeoutMs} ms: ${what}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  const settle = (ms = 300) => new Promise((r) => setTimeout(r, ms));

  async function publishEvents(client: MqttClient, deviceId: string, prefix: string, count: number): Promise<string[]> {
    const sent: string[] = [];
    for (let i = 1; i <= count; i++) {
      const payload = `${prefix}-${i}`;
      await client.publishAsync(`devices/${deviceId}/events`, payload, { qos: 1 });
      sent.push(payload);
    }
    return sent;
  }

  it('when devices are registered on the gateway, then the store keeps a Mosquitto hash for each and the password file has them all', async () => {
    const records = await registryDevices();
    expect(records.map((r) => r.brokerPasswordHash)).toEqual(records.map(() => expect.stringMatching(/^\$7\$101\$/)));
    const files = renderForTest(await registry(), broker.port);
    expect(files.devicesWithoutHash).toEqual([]);
    expect(files.passwordFile.trimEnd().split('\n').map((line) => line.split(':')[0])).toEqual(['gateway', ...devices.map((d) => d.id).sort()]);
  });

  describe('authentication', () => {
    it('when a device connects with its own secret, then it is accepted', async () => {
      const client = await connectDevice(broker, device(0));
      expect(client.connected).toBe(true);
    });

    it('when a device connects with a wrong secret, then CONNACK refuses it (5 with MQTT 3.1.1, 0x87 with MQTT 5)', async () => {
      const { id } = device(0);
      expect(await refusalCode(broker, { clientId: id, username: id, password: 'not-the-secret', protocolVersion: 4 })).toBe(CONNACK_NOT_AUTHORISED_V311);
      expect(await refusalCode(broker, { clientId: id, username: id, password: 'not-the-secret', protocolVersion: 5 })).toBe(NOT_AUTHORISED_V5);
    });

    it("when a device logs in as another device (the other's id, its own secret), then it is refused", async () => {
      const [me, other] = [device(0), device(1)];
      expect(await refusalCode(broker, { clientId: other.id, username: other.id, password: me.secret, protocolVersion: 4 })).toBe(CONNACK_NOT_AUTHORISED_V311);
    });

    it('when a client connects without a username, then it is refused', async () => {
      expect(await refusalCode(broker, { clientId: 'anonymous-1', protocolVersion: 4 })).toBe(CONNACK_NOT_AUTHORISED_V311);
    });

    it('when a device is registered after the files were made, then it is refused until they are made again and Mosquitto gets SIGHUP', async () => {
      const own = await ownBroker();
      const late = await register();
      const login = { clientId: late.id, username: late.id, password: late.secret, protocolVersion: 4 } as const;
      expect(await refusalCode(own, login)).toBe(CONNACK_NOT_AUTHORISED_V311);

      await writeMosquittoFiles(own, await registry());
      const connected = await connectDevice(own, device(0));
      own.reload();

      await until(() => own.log().includes('Reloading config'), 'Mosquitto logs the reload');
      const deadline = Date.now() + 5000;
      while ((await refusalCode(own, login)) !== undefined) {
        if (Date.now() > deadline) throw new Error(`still refused after SIGHUP:\n${own.log()}`);
        await settle(50);
      }
      expect(connected.connected).toBe(true);
    });
  });

  describe('topics', () => {
    it('when a device publishes to its own events topic, then a gateway consumer shared-subscribed as $share/gateway/devices/+/events receives it', async () => {
      const consumer = await connectGateway(broker, 'gateway-own-topic');
      const received = collect(consumer);
      const [granted] = await consumer.subscribeAsync('$share/gateway/devices/+/events', { qos: 1 });
      expect(granted?.qos).toBe(1);
      const { id } = device(0);
      const client = await connectDevice(broker, device(0));

      await client.publishAsync(`devices/${id}/events`, 'sos-1', { qos: 1 });

      await until(() => received.length === 1, 'the gateway receives the event');
      expect(received).toEqual([{ topic: `devices/${id}/events`, payload: 'sos-1' }]);
    });

    it("when a device publishes to another device's topic, then nothing is delivered, the PUBACK says 0x87 (MQTT 5) or nothing (3.1.1), and it stays connected", async () => {
      const consumer = await connectGateway(broker, 'gateway-foreign-topic');
      const received = collect(consumer);
      await consumer.subscribeAsync(['$share/foreign/devices/+/events', '$share/foreign/devices/+/status'], { qos: 1 });
      const [me, other] = [device(0), device(1)];
      const v5 = await connectDevice(broker, me, { protocolVersion: 5 });
      const pubacks: number[] = [];
      v5.on('packetreceive', (packet) => {
        if (packet.cmd === 'puback') pubacks.push(packet.reasonCode ?? 0);
      });

      await expect(v5.publishAsync(`devices/${other.id}/events`, 'forged-v5', { qos: 1 })).rejects.toMatchObject({ code: NOT_AUTHORISED_V5 });
      expect(pubacks).toEqual([NOT_AUTHORISED_V5]);
      await v5.endAsync();
      const v311 = await connectDevice(broker, me);
      await v311.publishAsync(`devices/${other.id}/events`, 'forged-v311', { qos: 1 }); // a plain PUBACK, as if accepted
      await v311.publishAsync(`devices/${other.id}/status`, 'forged-status', { qos: 1 });
      expect(v311.connected).toBe(true);
      // Mosquitto handles one client's packets in order: once this one is delivered, the forged ones would have been.
      await v311.publishAsync(`devices/${me.id}/events`, 'own', { qos: 1 });

      await until(() => received.length >= 1, 'the own event arrives');
      await settle(100);
      expect(received).toEqual([{ topic: `devices/${me.id}/events`, payload: 'own' }]);
    });

    it("when a device subscribes to another device's commands, then Mosquitto grants the SUBACK but delivers none of them, while the gateway's command to its own topic reaches it", async () => {
      const [me, other] = [device(0), device(1)];
      const client = await connectDevice(broker, me, { protocolVersion: 5 });
      const received = collect(client);
      // Mosquitto 2.0.11's ACL file never refuses a SUBSCRIBE (no 0x80 / 0x87 in the SUBACK): it checks read access
      // per message instead. So the foreign subscriptions are granted, and stay empty.
      const granted = await client.subscribeAsync([`devices/${other.id}/commands`, 'devices/+/commands', `devices/${me.id}/commands`], { qos: 1 });
      expect(granted.map((g) => g.qos)).toEqual([1, 1, 1]);
      const gateway = await connectGateway(broker, 'gateway-commands');

      await gateway.publishAsync(`devices/${other.id}/commands`, 'for-the-other', { qos: 1 });
      await gateway.publishAsync(`devices/${me.id}/commands`, 'for-me', { qos: 1 });

      // For me twice: through devices/+/commands and devices/{me}/commands.
      await until(() => received.filter((m) => m.payload === 'for-me').length === 2, 'my command arrives');
      await settle(100);
      expect(received.every((m) => m.topic === `devices/${me.id}/commands` && m.payload === 'for-me')).toBe(true);
    });

    it("when a device publishes on the gateway's behalf (a command to another device), then it is dropped", async () => {
      const [me, other] = [device(0), device(1)];
      const target = await connectDevice(broker, other);
      const received = collect(target);
      await target.subscribeAsync(`devices/${other.id}/commands`, { qos: 1 });
      const client = await connectDevice(broker, me);
      await client.publishAsync(`devices/${other.id}/commands`, 'forged-command', { qos: 1 });
      const gateway = await connectGateway(broker, 'gateway-forged-command');
      await gateway.publishAsync(`devices/${other.id}/commands`, 'real-command', { qos: 1 });

      await until(() => received.length >= 1, 'the real command arrives');
      await settle(100);
      expect(received.map((m) => m.payload)).toEqual(['real-command']);
    });
  });

  describe('shared subscriptions', () => {
    it('when two gateway consumers share a group, then each receives part of 100 messages and together all 100 exactly once', async () => {
      const [a, b] = [await connectGateway(broker, 'gateway-split-a'), await connectGateway(broker, 'gateway-split-b')];
      const [gotA, gotB] = [collect(a), collect(b)];
      await a.subscribeAsync('$share/split/devices/+/events', { qos: 1 });
      await b.subscribeAsync('$share/split/devices/+/events', { qos: 1 });
      const client = await connectDevice(broker, device(2));

      const sent = await publishEvents(client, device(2).id, 'split', 100);

      await until(() => gotA.length + gotB.length >= 100, 'all 100 are delivered');
      await settle(200);
      expect(gotA.length).toBeGreaterThan(0);
      expect(gotB.length).toBeGreaterThan(0);
      const all = [...gotA, ...gotB].map((m) => m.payload);
      expect(all).toHaveLength(100);
      expect(new Set(all)).toEqual(new Set(sent));
    });
  });

  // What Mosquitto 2.0.11 does with a share group whose members have persistent sessions (MQTT 5 clean start false,
  // a session expiry interval, fixed client ids), as the gateway's consumers do. A member stops acknowledging the way
  // the gateway's consumer does while it commits (MQTT.js `handleMessage` not calling back; MQTT.js then also stops
  // reading that connection), and is killed without DISCONNECT.
  describe('shared subscriptions with persistent sessions', () => {
    const FILTER = '$share/gateway/devices/+/events';

    /** Two members, `victim` never acknowledging; 10 events published; returns who got what. */
    async function splitWithDeadMember(on: RunningMosquitto, victimId: string, session: { expirySeconds: number } | 'clean') {
      const victim = await connectGateway(on, victimId, session);
      victim.handleMessage = () => {
        // Never calls back: no PUBACK, and MQTT.js reads nothing more from this connection.
      };
      await victim.subscribeAsync(FILTER, { qos: 1 });
      const live = await connectGateway(on, `${victimId}-live`, { expirySeconds: 3600 });
      const liveGot = collect(live);
      await live.subscribeAsync(FILTER, { qos: 1 });
      const client = await connectDevice(on, device(0));

      const before = await publishEvents(client, device(0).id, 'before', 10);
      // Mosquitto 2.0.11 deals round-robin: every second message goes to each member.
      await until(() => liveGot.length >= 5, 'the live member gets its half');
      await settle();
      expect(liveGot).toHaveLength(5);
      const unacknowledged = before.filter((p) => !liveGot.some((m) => m.payload === p));
      expect(unacknowledged).toHaveLength(5);

      victim.stream.destroy(); // killed: no DISCONNECT
      await until(() => on.log().includes(`Client ${victimId} closed its connection`), 'Mosquitto notices the dead member');
      liveGot.length = 0;
      return { client, live, liveGot, unacknowledged };
    }

    it('when a member with a persistent session dies holding unacknowledged messages, then they are not given to the other member, half of later messages still go to the dead session, and all of them arrive when it reconnects', async () => {
      const own = await ownBroker();
      const { client, liveGot, unacknowledged } = await splitWithDeadMember(own, 'gateway-a-1', { expirySeconds: 3600 });

      const after = await publishEvents(client, device(0).id, 'after', 10);
      await until(() => liveGot.length >= 5, 'the live member gets its half of the later messages');
      await settle(500);
      // Nothing of the dead member's unacknowledged messages, and only every second later message.
      expect(liveGot.map((m) => m.payload)).toEqual(after.filter((_, i) => i % 2 === 1));
      const queuedForDead = after.filter((_, i) => i % 2 === 0);

      const back = reconnectGateway(own, 'gateway-a-1', { expirySeconds: 3600 });
      expect((await back.connack).sessionPresent).toBe(true);
      await until(() => back.received.length >= 10, 'the reconnected member gets what its session kept');
      await settle();
      // Sent before its death and unacknowledged: sent again with DUP. Queued while it was away: sent for the first time.
      expect(back.received).toEqual([
        ...unacknowledged.map((payload) => ({ payload, dup: true })),
        ...queuedForDead.map((payload) => ({ payload, dup: false })),
      ]);
      expect(liveGot).toHaveLength(5);
    });

    it("when a dead member's session expires, then its unacknowledged and queued messages are dropped (not given to the other member) and later messages all go to the live member", async () => {
      const own = await ownBroker();
      const { client, liveGot } = await splitWithDeadMember(own, 'gateway-a-2', { expirySeconds: 1 });

      const whileAway = await publishEvents(client, device(0).id, 'away', 4);
      await until(() => own.log().includes('Expiring client gateway-a-2 due to timeout'), 'the session expires', 8000);
      const afterExpiry = await publishEvents(client, device(0).id, 'expired', 4);

      await until(() => liveGot.length >= 6, 'the live member gets its half before, all after the expiry');
      await settle(500);
      expect(liveGot.map((m) => m.payload)).toEqual([...whileAway.filter((_, i) => i % 2 === 1), ...afterExpiry]);
      const back = reconnectGateway(own, 'gateway-a-2', { expirySeconds: 1 });
      expect((await back.connack).sessionPresent).toBe(false);
      await settle();
      expect(back.received).toEqual([]);
    });

    it('when a member without a persistent session (clean start, expiry 0) dies holding unacknowledged messages, then they are lost and later messages all go to the live member', async () => {
      const own = await ownBroker();
      const { client, liveGot } = await splitWithDeadMember(own, 'gateway-a-3', 'clean');

      const after = await publishEvents(client, device(0).id, 'after', 6);
      await until(() => liveGot.length >= 6, 'the live member gets all later messages');
      await settle();
      expect(liveGot.map((m) => m.payload)).toEqual(after);
      const back = reconnectGateway(own, 'gateway-a-3', { expirySeconds: 3600 });
      expect((await back.connack).sessionPresent).toBe(false);
      await settle();
      expect(back.received).toEqual([]);
    });

    it('when a member unsubscribes while holding unacknowledged messages, then new messages all go to the other member and the held ones are still its to acknowledge', async () => {
      const own = await ownBroker(['log_type debug']);
      const leaving = await connectGateway(own, 'gateway-a-4', { expirySeconds: 3600 });
      const held: string[] = [];
      let draining = false;
      let release: (() => void) | undefined;
      leaving.handleMessage = (packet, callback) => {
        held.push(packet.payload.toString());
        if (draining) callback();
        else release = () => callback();
      };
      await leaving.subscribeAsync(FILTER, { qos: 1 });
      const live = await connectGateway(own, 'gateway-b-4', { expirySeconds: 3600 });
      const liveGot = collect(live);
      await live.subscribeAsync(FILTER, { qos: 1 });
      const client = await connectDevice(own, device(0));
      const before = await publishEvents(client, device(0).id, 'before', 6);
      await until(() => liveGot.length >= 3 && held.length >= 1, 'both members get messages');

      // MQTT.js reads the UNSUBACK only after the held message is acknowledged; Mosquitto acts on the UNSUBSCRIBE at once.
      const unsubscribed = leaving.unsubscribeAsync(FILTER);
      await until(() => own.log().includes('Received UNSUBSCRIBE from gateway-a-4'), 'Mosquitto has the UNSUBSCRIBE');
      const after = await publishEvents(client, device(0).id, 'after', 4);
      await until(() => liveGot.length >= 7, 'the other member gets every new message');

      draining = true;
      release?.();
      await unsubscribed;
      await settle();
      expect(liveGot.map((m) => m.payload)).toEqual([...before.filter((_, i) => i % 2 === 1), ...after]);
      expect(held).toEqual(before.filter((_, i) => i % 2 === 0));
    });

    it('when Mosquitto restarts gracefully, then messages queued for an away persistent session survive; after a crash (SIGKILL) they and the session are gone', async () => {
      const own = await ownBroker();
      for (const [how, consumerId] of [['graceful', 'gateway-r-1'], ['crash', 'gateway-r-2']] as const) {
        const consumer = await connectGateway(own, consumerId, { expirySeconds: 3600 });
        await consumer.subscribeAsync(`$share/${consumerId}/devices/+/events`, { qos: 1 });
        await consumer.endAsync(); // DISCONNECT; the session stays
        const client = await connectDevice(own, device(0));
        const queued = await publishEvents(client, device(0).id, how, 3);

        await own.restart(how);

        const back = reconnectGateway(own, consumerId, { expirySeconds: 3600 });
        const { sessionPresent } = await back.connack;
        if (how === 'graceful') {
          expect(sessionPresent).toBe(true);
          await until(() => back.received.length >= 3, 'queued messages after a graceful restart');
          expect(back.received.map((m) => m.payload)).toEqual(queued);
        } else {
          expect(sessionPresent).toBe(false);
          await settle();
          expect(back.received).toEqual([]);
        }
      }
    });
  });

  describe('client ids', () => {
    it("when a device connects with a gateway consumer's client id, then it takes over that session and the messages queued for the gateway are dropped", async () => {
      const own = await ownBroker();
      const consumer = await connectGateway(own, 'gateway-b-1', { expirySeconds: 3600 });
      await consumer.subscribeAsync('$share/gateway/devices/+/events', { qos: 1 });
      await consumer.endAsync();
      const client = await connectDevice(own, device(0));
      await publishEvents(client, device(0).id, 'queued', 3);

      // Mosquitto 2.0.11 does not tie the client id to the username: device 1's own login, the gateway's client id.
      const intruder = await connectDevice(own, device(1), { clientId: 'gateway-b-1', protocolVersion: 5, clean: false, properties: { sessionExpiryInterval: 3600 } });
      expect(intruder.connected).toBe(true);
      await settle();
      await intruder.endAsync(true);

      const back = reconnectGateway(own, 'gateway-b-1', { expirySeconds: 3600 });
      expect((await back.connack).sessionPresent).toBe(true);
      await settle(500);
      expect(back.received).toEqual([]);
    });

    it('when Mosquitto has use_username_as_clientid, then a device cannot take over a session that is not its own', async () => {
      const own = await ownBroker(['use_username_as_clientid true']);
      // The price: every client's id becomes its username, so all gateway consumers would be one client, "gateway".
      const consumer = await connectGateway(own, 'gateway-b-1', { expirySeconds: 3600 });
      await consumer.subscribeAsync('$share/gateway/devices/+/events', { qos: 1 });
      await consumer.endAsync();
      const client = await connectDevice(own, device(0));
      const queued = await publishEvents(client, device(0).id, 'queued', 3);

      const intruder = await connectDevice(own, device(1), { clientId: 'gateway-b-1', protocolVersion: 5, clean: false, properties: { sessionExpiryInterval: 3600 } });
      await intruder.endAsync(true);

      const back = reconnectGateway(own, 'gateway-b-1', { expirySeconds: 3600 });
      expect((await back.connack).sessionPresent).toBe(true);
      await until(() => back.received.length >= 3, 'the queued messages');
      expect(back.received.map((m) => m.payload)).toEqual(queued);
    });
  });
});
