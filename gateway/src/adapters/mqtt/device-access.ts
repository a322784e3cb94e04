import type { Client, AuthenticateError, Subscription } from 'aedes';
import { deviceCommandsTopic, parseDeviceTopic, type ParsedDeviceTopic } from '../../../../schemas/index.js';
import type { DeviceRegistry } from '../../app/device-registry.js';
import type { Metrics } from '../../app/metrics.js';

// Who may connect, publish and subscribe (DESIGN.md, device protocol):
// client id = username = device id, password = the device's secret; a device publishes only under
// devices/{itsId}/{events|telemetry|status} and subscribes only to devices/{itsId}/commands.

/** CONNACK return code 4: bad user name or password [MQTT-3.2.2-3]; 5: not authorised. */
const BAD_CREDENTIALS = 4;
const NOT_AUTHORISED = 5;

function refusal(returnCode: number, message: string): AuthenticateError {
  return Object.assign(new Error(message), { returnCode }) as AuthenticateError;
}

export function authenticateDevice(registry: DeviceRegistry, metrics: Metrics) {
  return (client: Client, username: Readonly<string | undefined>, password: Readonly<Buffer | undefined>, done: (err: AuthenticateError | null, ok: boolean | null) => void): void => {
    if (!username || username !== client.id) {
      metrics.connectionsRefused.inc({ reason: 'client_id_mismatch' });
      return done(refusal(NOT_AUTHORISED, 'client id must equal username'), false);
    }
    if (!password || !registry.authenticate(username, password.toString('utf8'))) {
      metrics.connectionsRefused.inc({ reason: 'bad_credentials' });
      return done(refusal(BAD_CREDENTIALS, 'unknown device or wrong secret'), false);
    }
    done(null, true);
  };
}

/** The device's own topic, or null when the topic is not one it may publish to. */
export function ownDeviceTopic(client: Client | null, topic: string): ParsedDeviceTopic | null {
  const parsed = parseDeviceTopic(topic);
  return parsed && client && parsed.deviceId === client.id ? parsed : null;
}

export function authorizeDeviceSubscribe(metrics: Metrics) {
  return (client: Client, sub: Subscription, done: (err: Error | null, sub?: Subscription | null) => void): void => {
    if (sub.topic === deviceCommandsTopic(client.id)) return done(null, sub);
    metrics.accessDenied.inc({ operation: 'subscribe' });
    // A negated subscription: SUBACK carries 0x80 for it and the connection stays up [MQTT-3.9.3].
    done(null, null);
  };
}
