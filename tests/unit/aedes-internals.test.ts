import { createServer, type AddressInfo } from 'node:net';
import { Aedes } from 'aedes';
import mqtt from 'mqtt';
import { afterEach, describe, expect, it } from 'vitest';
import { missingAedesInternals, replacePublish, sessionOf, type PublishWithClient } from '../../gateway/src/adapters/mqtt/aedes-internals.js';

// What the gateway relies on of aedes beyond its type definitions (adapters/mqtt/aedes-internals.ts), checked on the
// installed aedes with a real broker and a real MQTT.js client: an aedes upgrade that changes any of it fails here.

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!();
});

async function brokerOnPort(): Promise<{ broker: Aedes; url: string }> {
  const broker = await Aedes.createBroker();
  const server = createServer((socket) => broker.handle(socket));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(async () => {
    await new Promise<void>((resolve) => broker.close(() => resolve()));
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
  return { broker, url: `mqtt://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

describe('the aedes internals the gateway relies on', () => {
  it('when a broker is created, then it has its sessions, its three-argument publish and the incoming store of its persistence', async () => {
    const { broker } = await brokerOnPort();
    expect(missingAedesInternals(broker)).toEqual([]);
  });

  it('when a client connects, then its session is found by client id, and closing it ends the connection', async () => {
    const { broker, url } = await brokerOnPort();
    const client = await mqtt.connectAsync(url, { clientId: 'device-1', reconnectPeriod: 0 });
    const closed = new Promise<void>((resolve) => client.once('close', () => resolve()));
    expect(sessionOf(broker, 'device-1')).toBeDefined();
    expect(sessionOf(broker, 'nobody')).toBeUndefined();
    sessionOf(broker, 'device-1')!.close();
    await closed;
  });

  it('when a client publishes, then the replaced publish is called with the packet, the sending client and a callback', async () => {
    const { broker, url } = await brokerOnPort();
    const calls: Array<{ topic: string; clientId: unknown; hasDone: boolean }> = [];
    replacePublish(broker, (original): PublishWithClient => (packet, client, done) => {
      calls.push({ topic: packet.topic, clientId: (client as { id?: unknown } | null)?.id, hasDone: typeof done === 'function' });
      original(packet, client, done);
    });
    const client = await mqtt.connectAsync(url, { clientId: 'device-2', reconnectPeriod: 0 });
    cleanups.push(() => client.endAsync(true));
    await client.publishAsync('devices/device-2/events', '{}', { qos: 1 });
    expect(calls).toContainEqual({ topic: 'devices/device-2/events', clientId: 'device-2', hasDone: true });
  });
});
