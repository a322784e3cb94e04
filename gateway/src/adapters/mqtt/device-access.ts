import type { Client, AuthenticateError, Subscription } from 'aedes';
import { deviceCommandsTopic, parseDeviceTopic, type ParsedDeviceTopic } from '../../../../schemas/index.js';
import type { DeviceRegistry } from '../../app/directories/device-registry.js';
import type { ConnectionMetrics } from '../../app/ports/metrics.port.js';
import type { IncomingPacket } from './aedes-internals.js';
import { certificateVerdict, NOT_AUTHORISED, type Refusal } from './tls/tls-device-auth.js';
import type { DeviceAuthMode } from './tls/tls-files.js';
import { devicePeer } from './tls/tls-peer.js';

// Who may connect, publish and subscribe (docs/device-protocol.md):
// client id = username = device id, password = the device's secret, or on the TLS listener a client certificate
// whose CN is the device id (tls-device-auth.ts); a device publishes only under
// devices/{itsId}/{events|telemetry|status} and subscribes only to devices/{itsId}/commands.

/** CONNACK return code 4: bad user name or password [MQTT-3.2.2-3]. */
const BAD_CREDENTIALS = 4;

/** Also a retired device's: it is not in the registry any more, and a device learns nothing from the difference. */
const BAD_SECRET: Refusal = { returnCode: BAD_CREDENTIALS, reason: 'bad_credentials', message: 'unknown device or wrong secret' };

export function authenticateDevice(registry: DeviceRegistry, metrics: ConnectionMetrics, deviceAuth: DeviceAuthMode = 'secret') {
  return (client: Client, username: Readonly<string | undefined>, password: Readonly<Buffer | undefined>, done: (err: AuthenticateError | null, ok: boolean | null) => void): void => {
    const refuse = (r: Refusal): void => {
      metrics.connectionsRefused.inc({ reason: r.reason });
      done(Object.assign(new Error(r.message), { returnCode: r.returnCode }) as AuthenticateError, false);
    };
    if (!username || username !== client.id) {
      return refuse({ returnCode: NOT_AUTHORISED, reason: 'client_id_mismatch', message: 'client id must equal username' });
    }
    const verdict = certificateVerdict(devicePeer(client.conn), deviceAuth, username);
    if (verdict.kind === 'refuse') return refuse(verdict.refusal);
    if (verdict.kind === 'certificate') return registry.get(username) ? done(null, true) : refuse(BAD_SECRET);
    if (!password || !registry.authenticate(username, password.toString('utf8'))) return refuse(verdict.otherwise ?? BAD_SECRET);
    done(null, true);
  };
}

/** The device's own topic, or null when the topic is not one it may publish to. */
export function ownDeviceTopic(client: Client | null, topic: string): ParsedDeviceTopic | null {
  const parsed = parseDeviceTopic(topic);
  return parsed && client && parsed.deviceId === client.id ? parsed : null;
}

/** The highest QoS a subscription is granted (docs/device-protocol.md): commands are at least once. */
const MAX_SUBSCRIBE_QOS = 1;

/**
 * Lowers every QoS 2 request of a SUBSCRIBE to 1 before aedes reads it (aedes-internals.ts, beforeAedesHandles), so
 * the SUBACK, the stored session and the delivery all say 1: a server may grant less than asked [MQTT-3.9.3-1], and a
 * device is not held to QoS 2's four-packet exchange for its commands.
 */
export function capSubscribeQos(packet: IncomingPacket): void {
  if (packet.cmd !== 'subscribe' || !packet.subscriptions) return;
  for (const sub of packet.subscriptions) if (sub.qos > MAX_SUBSCRIBE_QOS) sub.qos = MAX_SUBSCRIBE_QOS;
}

export function authorizeDeviceSubscribe(metrics: ConnectionMetrics) {
  return (client: Client, sub: Subscription, done: (err: Error | null, sub?: Subscription | null) => void): void => {
    if (sub.topic === deviceCommandsTopic(client.id)) return done(null, sub);
    metrics.accessDenied.inc({ operation: 'subscribe' });
    // A negated subscription: SUBACK carries 0x80 for it and the connection stays up [MQTT-3.9.3].
    done(null, null);
  };
}
