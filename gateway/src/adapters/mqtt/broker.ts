import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { Aedes } from 'aedes';
import { deviceCommandsTopic } from '../../../../schemas/index.js';
import type { DeviceCommandPublisher } from '../../app/ports/device-command-publisher.port.js';
import type { Logger } from 'pino';
import type { DeviceRegistry } from '../../app/directories/device-registry.js';
import type { Ingest } from '../../app/ingest/ingest-device-message.js';
import type { ConnectionMetrics, DeviceTrafficMetrics } from '../../app/ports/metrics.port.js';
import type { ConnectionTracker } from '../../app/ingest/connection-tracker.js';
import { admitDevicePublish, DeviceCutOffError } from './admit-publish.js';
import { beforeAedesHandles, checkAedesInternals, sessionOf } from './aedes-internals.js';
import { watchCommandDelivery, type CommandDeliveryEvents } from './command-delivery.js';
import { authenticateDevice, authorizeDeviceSubscribe, capSubscribeQos } from './device-access.js';
import { guardPacketSize } from './packet-size-guard.js';
import { trackPendingConnections, type PendingLimits } from './pending-connections.js';
import { boundOutstandingQos2, type Qos2Limits } from './qos2-outstanding.js';
import type { TransportSecurity } from './tls/tls-files.js';
import { createTlsListener } from './tls/tls-listener.js';
import { endUplinkAtAdmission } from './uplink-fan-out.js';

// The in-process MQTT broker (docs/decisions/0001-in-process-broker.md): aedes on a TCP listener, and on a TLS listener beside it
// when the gateway has a certificate (docs/tls.md). Both feed the same broker.

export interface BrokerDeps {
  registry: DeviceRegistry;
  ingest: Ingest;
  connections: ConnectionTracker;
  metrics: ConnectionMetrics & DeviceTrafficMetrics;
  /** MQTT_MAX_PAYLOAD_BYTES: bounds how large a packet may declare itself (packet-size-guard.ts). */
  maxPayloadBytes: number;
  /** What a connection may cost before and after login (docs/reliability.md, "Holding connections open"). */
  limits: BrokerLimits;
  logger: Logger;
  /** Commands to devices (app/device-commands): PUBACKs, subscriptions and disconnects, as command-delivery.ts tells them. */
  commands?: CommandDeliveryEvents;
}

export interface BrokerLimits {
  /** The CONNECT must arrive within this time (and a TLS handshake finish within it). */
  connectTimeoutMs: number;
  /** Largest packet before login: the CONNECT with its last will, and anything sent before the CONNACK. */
  maxConnectBytes: number;
  pending: PendingLimits;
  qos2: Qos2Limits;
}

/** MQTT_* settings as broker limits. */
export function brokerLimitsOf(config: {
  MQTT_CONNECT_TIMEOUT_SECONDS: number;
  MQTT_MAX_CONNECT_BYTES: number;
  MQTT_MAX_PENDING_PER_ADDRESS: number;
  MQTT_MAX_PENDING_CONNECTIONS: number;
  MQTT_MAX_QOS2_OUTSTANDING: number;
  MQTT_MAX_QOS2_OUTSTANDING_BYTES: number;
}): BrokerLimits {
  return {
    connectTimeoutMs: config.MQTT_CONNECT_TIMEOUT_SECONDS * 1000,
    maxConnectBytes: config.MQTT_MAX_CONNECT_BYTES,
    pending: { perAddress: config.MQTT_MAX_PENDING_PER_ADDRESS, total: config.MQTT_MAX_PENDING_CONNECTIONS },
    qos2: { count: config.MQTT_MAX_QOS2_OUTSTANDING, bytes: config.MQTT_MAX_QOS2_OUTSTANDING_BYTES },
  };
}

export interface RunningBroker extends DeviceCommandPublisher {
  port: number;
  /** The device is connected and subscribed to its commands topic now. */
  isReady(deviceId: string): boolean;
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
  const { metrics, limits } = deps;
  const logger = deps.logger.child({ module: 'broker' });
  const pending = trackPendingConnections(limits.pending, (reason) => {
    metrics.mqttPendingClosed.inc({ reason });
    metrics.mqttPendingConnections.set(pending.size());
  });
  const authenticate = authenticateDevice(deps.registry, metrics, tls?.security.deviceAuth);
  const broker = await Aedes.createBroker({
    // A logged-in connection leaves the pending ones and may send packets up to the full size.
    authenticate: (client, username, password, done) =>
      authenticate(client, username, password, (err, ok) => {
        if (ok) {
          pending.loggedIn(client.conn);
          metrics.mqttPendingConnections.set(pending.size());
        }
        done(err, ok);
      }),
    connectTimeout: limits.connectTimeoutMs,
    // aedes's own QoS 2 bound counts per connection; qos2-outstanding.ts counts per device, across connections, and
    // bytes too. One above ours, aedes's is only a backstop: ours closes first and counts why.
    maxInflightInbound: limits.qos2.count + 1,
    authorizePublish: admitDevicePublish(deps.ingest, metrics, deps.logger),
    authorizeSubscribe: authorizeDeviceSubscribe(metrics),
    // A dashboard or device that stops reading must not stall delivery to the others.
    drainTimeout: 10_000,
    // Device ids may be 64 characters (schemas/topics.ts); MQTT 3.1 clients would otherwise be held to 23.
    maxClientsIdLength: 64,
    heartbeatInterval: 60_000,
  });

  checkAedesInternals(broker);
  endUplinkAtAdmission(broker);
  boundOutstandingQos2(broker, limits.qos2, (deviceId) => {
    metrics.devicesDisconnected.inc({ reason: 'qos2_outstanding' });
    logger.warn({ deviceId, limits: limits.qos2 }, 'device disconnected: too many QoS 2 messages awaiting its PUBREL');
  });

  const delivery = deps.commands ? watchCommandDelivery(broker, deps.commands, logger) : null;
  broker.on('client', (client) => {
    metrics.devicesConnected.inc();
    deps.connections.onConnection(client.id, true);
  });
  broker.on('clientDisconnect', (client) => {
    metrics.devicesConnected.dec();
    // A device that reconnected has a newer session under the same id: it is online, whatever the old one does.
    const current = sessionOf(broker, client.id);
    if (!current || current === client) deps.connections.onConnection(client.id, false);
  });
  // A replaced secret ends the session that logged in with the old one; the device must log in again. A retired
  // device's session ends the same way, and its next CONNECT is refused like a wrong secret (device-access.ts).
  const stopListening = deps.registry.onSecretChanged((deviceId) => {
    const session = sessionOf(broker, deviceId);
    if (!session) return;
    logger.info({ deviceId, retired: deps.registry.get(deviceId) === undefined }, 'session ended: the device has a new secret or was retired');
    session.close();
  });
  broker.on('clientError', (client, err) => {
    metrics.mqttProtocolErrors.inc({ stage: 'connected' });
    if (err instanceof DeviceCutOffError) return;
    logger.warn({ deviceId: client.id, err: err.message }, 'client error');
  });
  broker.on('connectionError', (client, err) => {
    metrics.mqttProtocolErrors.inc({ stage: 'before_connect' });
    logger.warn({ deviceId: client.id ?? null, err: err.message }, 'connection error');
  });

  // Every connection, plain or TLS, is counted as pending until it logs in, and goes through the packet size guard
  // on its way to aedes: until login a packet may be no larger than a CONNECT needs.
  let warnedQosCap = false;
  let warnedDelivery = false;
  const handle = (conn: Duplex, req?: unknown) => {
    pending.add(conn, (conn as Socket).remoteAddress ?? 'unknown');
    metrics.mqttPendingConnections.set(pending.size());
    conn.once('close', () => metrics.mqttPendingConnections.set(pending.size()));
    const limitNow = () => (pending.isLoggedIn(conn) ? maxPacketBytes : limits.maxConnectBytes);
    guardPacketSize(conn, limitNow, (declared, limit) => {
      metrics.mqttProtocolErrors.inc({ stage: 'packet_too_large' });
      logger.warn({ declared, limit }, 'connection closed: a packet declared more bytes than any device may send');
    });
    const client = broker.handle(conn as never, req as never);
    if (delivery && !delivery.track(client) && !warnedDelivery) {
      warnedDelivery = true;
      logger.warn('this aedes hides its outgoing packets: commands are marked delivered only by the device\'s command_result (adapters/mqtt/aedes-internals.ts)');
    }
    if (!beforeAedesHandles(client, capSubscribeQos) && !warnedQosCap) {
      warnedQosCap = true;
      logger.warn('this aedes hides its packet parser: subscriptions are granted the QoS asked for (adapters/mqtt/aedes-internals.ts)');
    }
    return client;
  };
  const servers: Server[] = [createServer(handle)];
  const actualPort = await listen(servers[0]!, port, host);
  logger.info({ port: actualPort }, 'MQTT broker listening');
  let tlsPort: number | undefined;
  if (tls) {
    const tlsServer = createTlsListener(tls.security, handle, logger, limits.connectTimeoutMs);
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
    isReady: (deviceId) => delivery?.isReady(deviceId) ?? false,
    ...(tlsPort === undefined ? {} : { tlsPort }),
    // To the device's own commands topic, the one it may subscribe to (device-access.ts). aedes keeps a QoS 1 message
    // for a device that is away with a persistent session (clean: false) and delivers it when the device is back.
    publish(deviceId, payload) {
      return new Promise<void>((resolve, reject) => {
        const packet = { cmd: 'publish' as const, topic: deviceCommandsTopic(deviceId), payload: Buffer.from(payload), qos: 1 as const, retain: false, dup: false };
        broker.publish(packet, (err) => (err ? reject(err) : resolve()));
      });
    },
    async close() {
      stopListening();
      deps.connections.stop();
      await new Promise<void>((resolve) => broker.close(() => resolve()));
      await Promise.all(servers.map((server) => new Promise<void>((resolve) => server.close(() => resolve()))));
    },
  };
}
