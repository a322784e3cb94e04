import { createServer, type AddressInfo, type Server } from 'node:net';
import type { Duplex } from 'node:stream';
import { Aedes } from 'aedes';
import type { Logger } from 'pino';
import type { DeviceRegistry } from '../../app/device-registry.js';
import type { Ingest } from '../../app/ingest-device-message.js';
import type { Metrics } from '../../app/metrics.js';
import type { ConnectionTracker } from '../../app/connection-tracker.js';
import { admitDevicePublish } from './admit-publish.js';
import { authenticateDevice, authorizeDeviceSubscribe } from './device-access.js';
import { guardPacketSize } from './packet-size-guard.js';
import type { TransportSecurity } from './tls-files.js';
import { createTlsListener } from './tls-listener.js';
import { endUplinkAtAdmission } from './uplink-fan-out.js';

// The in-process MQTT broker (DESIGN.md, decision 1): aedes on a TCP listener, and on a TLS listener beside it
// when the gateway has a certificate (docs/tls.md). Both feed the same broker.

export interface BrokerDeps {
  registry: DeviceRegistry;
  ingest: Ingest;
  connections: ConnectionTracker;
  metrics: Metrics;
  /** MQTT_MAX_PAYLOAD_BYTES: bounds how large a packet may declare itself (packet-size-guard.ts). */
  maxPayloadBytes: number;
  logger: Logger;
}

export interface RunningBroker {
  port: number;
  /** The TLS listener's port, when it runs. */
  tlsPort?: number;
  close(): Promise<void>;
}

export interface BrokerTls {
  port: number;
  security: TransportSecurity;
}

async function listen(server: Server, port: number, host: string): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return (server.address() as AddressInfo).port;
}

export async function startBroker(deps: BrokerDeps, host: string, port: number, tls?: BrokerTls): Promise<RunningBroker> {
  // A payload may be MQTT_MAX_PAYLOAD_BYTES (larger ones are refused and counted by the ingest); topics, properties
  // and a CONNECT's fields add at most a few hundred KB. Anything declaring more is not a device talking.
  const maxPacketBytes = deps.maxPayloadBytes * 4 + 256 * 1024;
  const { metrics } = deps;
  const logger = deps.logger.child({ module: 'broker' });
  const broker = await Aedes.createBroker({
    authenticate: authenticateDevice(deps.registry, metrics, tls?.security.deviceAuth),
    authorizePublish: admitDevicePublish(deps.ingest, metrics, deps.logger),
    authorizeSubscribe: authorizeDeviceSubscribe(metrics),
    // A dashboard or device that stops reading must not stall delivery to the others.
    drainTimeout: 10_000,
    // Device ids may be 64 characters (schemas/topics.ts); MQTT 3.1 clients would otherwise be held to 23.
    maxClientsIdLength: 64,
    heartbeatInterval: 60_000,
  });

  endUplinkAtAdmission(broker);

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
  // A replaced secret ends the session that logged in with the old one; the device must log in again.
  const stopListening = deps.registry.onSecretChanged((deviceId) => {
    const session = (broker as unknown as { clients: Record<string, { close(): void } | undefined> }).clients[deviceId];
    if (!session) return;
    logger.info({ deviceId }, 'session ended: the device has a new secret');
    session.close();
  });
  broker.on('clientError', (client, err) => {
    metrics.mqttProtocolErrors.inc({ stage: 'connected' });
    logger.warn({ deviceId: client.id, err: err.message }, 'client error');
  });
  broker.on('connectionError', (client, err) => {
    metrics.mqttProtocolErrors.inc({ stage: 'before_connect' });
    logger.warn({ deviceId: client.id ?? null, err: err.message }, 'connection error');
  });

  // Every connection, plain or TLS, goes through the packet size guard on its way to aedes.
  const handle = (conn: Duplex, req?: unknown) => {
    guardPacketSize(conn, maxPacketBytes, (declared) => {
      metrics.mqttProtocolErrors.inc({ stage: 'packet_too_large' });
      logger.warn({ declared, limit: maxPacketBytes }, 'connection closed: a packet declared more bytes than any device may send');
    });
    return broker.handle(conn as never, req as never);
  };
  const servers: Server[] = [createServer(handle)];
  const actualPort = await listen(servers[0]!, port, host);
  logger.info({ port: actualPort }, 'MQTT broker listening');
  let tlsPort: number | undefined;
  if (tls) {
    const tlsServer = createTlsListener(tls.security, handle, logger);
    servers.push(tlsServer);
    tlsPort = await listen(tlsServer, tls.port, host).catch(async (err: unknown) => {
      await new Promise<void>((resolve) => broker.close(() => resolve()));
      servers[0]!.close();
      throw err;
    });
    logger.info({ port: tlsPort, deviceAuth: tls.security.deviceAuth }, 'MQTT broker listening with TLS');
  }

  return {
    port: actualPort,
    ...(tlsPort === undefined ? {} : { tlsPort }),
    async close() {
      stopListening();
      deps.connections.stop();
      await new Promise<void>((resolve) => broker.close(() => resolve()));
      await Promise.all(servers.map((server) => new Promise<void>((resolve) => server.close(() => resolve()))));
    },
  };
}
