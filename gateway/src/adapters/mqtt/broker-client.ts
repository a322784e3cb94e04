import mqtt, { type IPublishPacket, type ISubscriptionMap, type MqttClient } from 'mqtt';
import type { Logger } from 'pino';
import { DEVICE_CHANNELS, deviceCommandsTopic, parseDeviceTopic } from '../../../../schemas/index.js';
import type { Ingest } from '../../app/ingest/ingest-device-message.js';
import type { ConnectionMetrics, DeviceTrafficMetrics } from '../../app/ports/metrics.port.js';

// External broker mode (docs/decisions/0001-in-process-broker.md; docs/external-broker.md): Mosquitto or EMQX authenticates the
// devices and enforces their topics; the gateway is a client that consumes device topics through MQTT 5 shared
// subscriptions, so several instances split the traffic.
// Acknowledge after commit (docs/decisions/0002-acknowledge-after-commit.md): MQTT.js sends our PUBACK only when `handleMessage` calls back, and we call
// back after the ingest committed. It also reads the next packet of that connection only then, so an instance opens
// several consumer connections to work on several messages at once. Each has a fixed client id and a persistent
// session: messages the broker queued or sent unacknowledged wait for it across a crash or restart.

export interface BrokerClientOptions {
  url: string;
  username: string;
  password: string | undefined;
  instanceId: string;
  shareGroup: string;
  consumers: number;
  /** How long the broker keeps a consumer's session (and the messages queued for it) while it is away. */
  sessionExpirySeconds: number;
}

export interface ConsumerSet {
  /** All consumers connected and subscribed. */
  isConnected(): boolean;
  /**
   * Disconnects: the sessions, and what the broker queues for them, stay for whoever connects next. `now`: without
   * waiting for anything under way (a stand-in handing back); what it had not acknowledged goes to the owner.
   */
  close(options?: { now?: boolean }): Promise<void>;
  /** Publishes on the device's commands topic at QoS 1 through a connected consumer; resolves at the broker's PUBACK. */
  publish(deviceId: string, payload: string): Promise<void>;
}

const QOS = 1;
/** MQTT 5 DISCONNECT reason: another connection with the same client id took the session over. */
const SESSION_TAKEN_OVER = 0x8e;

/**
 * Connects the consumer sessions of `options.instanceId` (this instance's, or a lost instance's that this one serves
 * meanwhile, consumer-stand-in.ts). When another connection takes a session over, that consumer stops reconnecting
 * (two owners would take it back and forth) and `onTakenOver` is called once.
 */
export async function openConsumerSet(
  deps: { ingest: Ingest; metrics: ConnectionMetrics & DeviceTrafficMetrics; logger: Logger },
  options: BrokerClientOptions,
  onTakenOver: () => void = () => undefined,
): Promise<ConsumerSet> {
  const logger = deps.logger.child({ module: 'broker-client', sessionsOf: options.instanceId });
  let takenOver = false;
  const filters = DEVICE_CHANNELS.map((channel) => `$share/${options.shareGroup}/devices/+/${channel}`);

  async function handle(packet: IPublishPacket): Promise<void> {
    const own = parseDeviceTopic(packet.topic);
    if (!own) {
      // The broker's ACL should have stopped it; count it like any other refused publish.
      deps.metrics.accessDenied.inc({ operation: 'publish' });
      logger.warn({ topic: packet.topic.slice(0, 200) }, 'message on a topic outside the device protocol ignored');
      return;
    }
    const payload = Buffer.isBuffer(packet.payload) ? packet.payload : Buffer.from(packet.payload);
    await deps.ingest.admit({ deviceId: own.deviceId, channel: own.channel, topic: packet.topic, payload });
  }

  function consumer(n: number): Promise<MqttClient> {
    const clientId = `${options.shareGroup}-${options.instanceId}-${n}`;
    const client = mqtt.connect(options.url, {
      clientId,
      username: options.username,
      ...(options.password === undefined ? {} : { password: options.password }),
      protocolVersion: 5,
      clean: false,
      properties: { sessionExpiryInterval: options.sessionExpirySeconds },
      reconnectPeriod: 1000,
      connectTimeout: 10_000,
      // Subscriptions live in the persistent session; subscribing again on every reconnect is still harmless.
      resubscribe: true,
    });
    client.handleMessage = (packet, callback) => {
      if (packet.qos === 0) {
        // Nothing to acknowledge: take the next message at once.
        callback();
        handle(packet).catch((err: unknown) => logger.error({ err, topic: packet.topic }, 'QoS 0 message not committed'));
        return;
      }
      handle(packet).then(
        () => callback(),
        (err: unknown) => {
          // No PUBACK: drop the connection, and the broker sends the message again when we are back.
          deps.metrics.ingestFailures.inc();
          logger.error({ err, topic: packet.topic, clientId }, 'message not committed; not acknowledged, the broker will resend');
          client.stream.destroy();
        },
      );
    };
    client.on('disconnect', (packet) => {
      if (packet.reasonCode !== SESSION_TAKEN_OVER) return;
      client.end(true);
      logger.warn({ clientId }, 'broker session taken over by another connection; not reconnecting');
      if (!takenOver) {
        takenOver = true;
        onTakenOver();
      }
    });
    // Measured with Mosquitto 2.0.11: after a broker restart the session comes back from its persistence file
    // (session present) without its shared subscriptions, and MQTT.js does not subscribe again for a session that is
    // present (nor for a filter it remembers: `resubscribe: true` makes it send the SUBSCRIBE anyway). So every
    // reconnect subscribes again; subscribing twice to the same filter changes nothing at the broker.
    let connections = 0;
    client.on('connect', () => {
      connections += 1;
      if (connections === 1) return;
      // The flag is how MQTT.js's own reconnect asks for this (lib/client.js _resubscribe); its types omit it.
      const again = { ...Object.fromEntries(filters.map((f) => [f, { qos: QOS }] as const)), resubscribe: true };
      client.subscribe(again as unknown as ISubscriptionMap, (err) => {
        if (err) logger.error({ clientId, err: err.message }, 'subscribing again after a reconnect failed');
        else logger.info({ clientId }, 'reconnected and subscribed again');
      });
    });
    client.on('error', (err) => logger.warn({ clientId, err: err.message }, 'broker connection error'));
    client.on('offline', () => logger.warn({ clientId }, 'broker connection lost; reconnecting'));
    return new Promise((resolve, reject) => {
      // Only the first connection may fail the start (a wrong password, no broker); once consuming, MQTT.js
      // reconnects by itself after any error (a broker restart, a keepalive timeout), so this listener must go.
      const failStart = (err: Error) => {
        client.end(true);
        reject(err);
      };
      client.once('error', failStart);
      client.once('connect', () => {
        client.off('error', failStart);
        client.subscribe(filters, { qos: QOS }, (err, granted) => {
          const refused = (granted ?? []).filter((g) => g.qos > 2);
          if (err || refused.length > 0) {
            client.end(true);
            reject(new Error(`broker refused the subscriptions ${refused.map((g) => g.topic).join(', ')}: ${err?.message ?? 'not authorised'}`));
            return;
          }
          logger.info({ clientId, filters }, 'consuming device topics');
          resolve(client);
        });
      });
    });
  }

  const connecting = Array.from({ length: options.consumers }, (_, n) => consumer(n));
  const settled = await Promise.allSettled(connecting);
  const clients = settled.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
  const failed = settled.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  const close = async (closeOptions: { now?: boolean } = {}) => {
    await Promise.all(clients.map((c) => c.endAsync(closeOptions.now ?? false)));
  };
  if (failed) {
    await close({ now: true });
    throw failed.reason;
  }
  let next = 0;
  const publish = async (deviceId: string, payload: string): Promise<void> => {
    // Any connected consumer will do; taking turns spreads the PUBACK waits over the connections.
    const connected = clients.filter((c) => c.connected);
    const client = connected[next++ % Math.max(connected.length, 1)];
    if (!client) throw new Error('no consumer connected to the broker');
    await client.publishAsync(deviceCommandsTopic(deviceId), payload, { qos: QOS });
  };
  return { isConnected: () => clients.every((c) => c.connected), close, publish };
}
