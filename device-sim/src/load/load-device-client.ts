import mqtt, { type MqttClient } from 'mqtt';

// One load device's MQTT connection, the same for a load worker's steady traffic and for the benchmark's SOS
// pressers: clean session, keepalive 60, no reconnect (a dropped device is counted, not revived), no resubscribe,
// no will (a load run needs none). Its client id is the device id, as a real device's.

const CONNECT_TIMEOUT_MS = 30_000;

export interface BrokerAddress {
  host: string;
  port: number;
}

/** `mqtt://host:port` → host and port (1883 when the URL names none). */
export function brokerAddress(mqttUrl: string): BrokerAddress {
  const url = new URL(mqttUrl);
  return { host: url.hostname, port: Number(url.port || 1883) };
}

export function connectLoadDevice(broker: BrokerAddress, device: { id: string; secret: string }): MqttClient {
  return mqtt.connect({
    protocol: 'mqtt',
    host: broker.host,
    port: broker.port,
    protocolVersion: 4,
    clientId: device.id,
    username: device.id,
    password: device.secret,
    clean: true,
    keepalive: 60,
    reconnectPeriod: 0,
    connectTimeout: CONNECT_TIMEOUT_MS,
    resubscribe: false,
  });
}
