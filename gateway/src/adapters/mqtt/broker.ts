import { createServer, type AddressInfo, type Server } from 'node:net';
import { Aedes } from 'aedes';
import type { Logger } from 'pino';
import type { DeviceRegistry } from '../../app/device-registry.js';
import type { Ingest } from '../../app/ingest-device-message.js';
import type { Metrics } from '../../app/metrics.js';
import type { ConnectionTracker } from '../../app/connection-tracker.js';
import { admitDevicePublish } from './admit-publish.js';
import { authenticateDevice, authorizeDeviceSubscribe } from './device-access.js';

// The in-process MQTT broker (DESIGN.md, decision 1): aedes on a TCP listener.

export interface BrokerDeps {
  registry: DeviceRegistry;
  ingest: Ingest;
  connections: ConnectionTracker;
  metrics: Metrics;
  logger: Logger;
}

export interface RunningBroker {
  port: number;
  close(): Promise<void>;
}

export async function startBroker(deps: BrokerDeps, host: string, port: number): Promise<RunningBroker> {
  const { metrics } = deps;
  const logger = deps.logger.child({ module: 'broker' });
  const broker = await Aedes.createBroker({
    authenticate: authenticateDevice(deps.registry, metrics),
    authorizePublish: admitDevicePublish(deps.ingest, metrics, deps.logger),
    authorizeSubscribe: authorizeDeviceSubscribe(metrics),
    // A dashboard or device that stops reading must not stall delivery to the others.
    drainTimeout: 10_000,
    // Device ids may be 64 characters (schemas/topics.ts); MQTT 3.1 clients would otherwise be held to 23.
    maxClientsIdLength: 64,
    heartbeatInterval: 60_000,
  });

  broker.on('client', (client) => {
    metrics.devicesConnected.inc();
    deps.connections.onConnection(client.id, true);
  });
  broker.on('clientDisconnect', (client) => {
    metrics.devicesConnected.dec();
    // A device that reconnected has a newer session under the same id: it is online, whatever the old one does.
    const current = (broker as unknown as { clients: Record<string, unknown> }).clients[client.id];
    if (!current || current === client) deps.connections.onConnection(client.id, false);
  });
  broker.on('clientError', (client, err) => logger.warn({ deviceId: client.id, err: err.message }, 'client error'));
  broker.on('connectionError', (client, err) => logger.warn({ deviceId: client.id ?? null, err: err.message }, 'connection error'));

  const server: Server = createServer(broker.handle);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const actualPort = (server.address() as AddressInfo).port;
  logger.info({ port: actualPort }, 'MQTT broker listening');

  return {
    port: actualPort,
    async close() {
      deps.connections.stop();
      await new Promise<void>((resolve) => broker.close(() => resolve()));
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
