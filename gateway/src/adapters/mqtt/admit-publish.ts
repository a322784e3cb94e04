import type { Client, PublishPacket } from 'aedes';
import type { Logger } from 'pino';
import type { Ingest } from '../../app/ingest/ingest-device-message.js';
import type { ConnectionMetrics, DeviceTrafficMetrics } from '../../app/ports/metrics.port.js';
import { ownDeviceTopic } from './device-access.js';

// The broker's authorizePublish hook, which is where device messages enter the gateway.
// Why here and not in `published`: aedes 1.x writes the QoS 1 PUBACK *before* it calls `published`
// (lib/handlers/publish.js, enqueuePublish), but only *after* authorizePublish calls back. Admitting the message
// here therefore gives "acknowledge after commit" (docs/decisions/0002-acknowledge-after-commit.md): the callback waits for the store, and a
// store failure closes the connection without a PUBACK, so the device sends again.
// Messages are consumed in-process; nothing subscribes to device topics inside the gateway (docs/decisions/0001-in-process-broker.md).
// A device the ingest finds flooding (over its message rate again and again, app/ingest/device-rate-limit.ts) is
// disconnected here, where the connection is: its refused messages are cheap, but its connection is not.

/**
 * The refusal of a PUBLISH from a device this adapter has just cut off for flooding. aedes reports each one as a
 * client error; the cut-off itself is logged once here, so the broker counts these without a log line each (a flood
 * read in one socket read would otherwise write hundreds of lines).
 */
export class DeviceCutOffError extends Error {}

export function admitDevicePublish(ingest: Ingest, metrics: ConnectionMetrics & DeviceTrafficMetrics, logger: Logger) {
  const log = logger.child({ module: 'mqtt-admit' });
  return (client: Client | null, packet: PublishPacket, done: (err?: Error | null) => void): void => {
    const own = ownDeviceTopic(client, packet.topic);
    if (!own) {
      metrics.accessDenied.inc({ operation: 'publish' });
      log.warn({ deviceId: client?.id ?? null, topic: packet.topic.slice(0, 200) }, 'publish outside own topics refused');
      // An error closes the connection; MQTT 3.1.1 has no way to refuse a single PUBLISH [MQTT-3.3.5-2].
      done(new Error('topic not allowed'));
      return;
    }
    // Devices speak to the gateway, not to each other: nothing they send is kept as retained.
    packet.retain = false;
    const payload = Buffer.isBuffer(packet.payload) ? packet.payload : Buffer.from(packet.payload);
    // aedes hands the last will to this same hook after the connection ended (client.closed), or with no client when
    // another broker's will is published: only a PUBLISH of a live client is `fromLiveClient` (`offline` is will-only).
    const fromLiveClient = client !== null && !client.closed;
    ingest.admit({ deviceId: own.deviceId, channel: own.channel, topic: packet.topic, payload, fromLiveClient }).then(
      (outcome) => {
        // Over-rate refusals, and over-rate life-safety repeats merged into their open alert, both say when it floods.
        const flooding = (outcome.result === 'rejected' && outcome.reason === 'rate_limited') || outcome.result === 'merged' ? outcome.flooding : false;
        if (!flooding) return done(null);
        // The packets of one socket read are admitted together, so several may come back flooding: count and log the
        // connection once. The error makes aedes drop this PUBLISH without a PUBACK and close the connection.
        if (client && !client.closed) {
          metrics.devicesDisconnected.inc({ reason: 'flooding' });
          log.warn({ deviceId: own.deviceId }, 'device disconnected: it kept sending over its message rate');
          client.close();
        }
        done(new DeviceCutOffError('disconnected: message rate exceeded'));
      },
      (err: unknown) => {
        metrics.ingestFailures.inc();
        log.error({ err, deviceId: own.deviceId }, 'message not committed; not acknowledged, the device will resend');
        done(err instanceof Error ? err : new Error(String(err)));
      },
    );
  };
}
