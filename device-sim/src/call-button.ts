import { randomUUID } from 'node:crypto';
import mqtt, { type MqttClient } from 'mqtt';
import { deviceTopic } from '../../schemas/index.js';

// A simulated emergency call button: a real MQTT.js client speaking the device protocol.
// Events go at QoS 1 and resolve only when the gateway's PUBACK arrives, as a real button waits for it.

export interface CallButtonOptions {
  /** mqtt://host:port of the broker. */
  url: string;
  deviceId: string;
  secret: string;
  /** Seconds between keepalive pings. */
  keepalive?: number;
  /** Milliseconds before the client reconnects after a drop; 0 disables reconnect. */
  reconnectPeriod?: number;
}

export class CallButton {
  private client: MqttClient | null = null;
  private sequence = 0;

  constructor(private readonly options: CallButtonOptions) {}

  get deviceId(): string {
    return this.options.deviceId;
  }

  /** Connects with client id = username = device id, and a last will that says offline. */
  async connect(): Promise<void> {
    const { url, deviceId, secret } = this.options;
    this.client = await mqtt.connectAsync(url, {
      clientId: deviceId,
      username: deviceId,
      password: secret,
      clean: false,
      keepalive: this.options.keepalive ?? 30,
      reconnectPeriod: this.options.reconnectPeriod ?? 1000,
      will: {
        topic: deviceTopic(deviceId, 'status'),
        payload: Buffer.from(JSON.stringify({ msgId: `will-${randomUUID()}`, ts: Date.now(), type: 'offline' })),
        qos: 1,
        retain: false,
      },
    });
  }

  pressSos(): Promise<string> {
    return this.publish('events', { type: 'sos' });
  }

  cancel(): Promise<string> {
    return this.publish('events', { type: 'cancel' });
  }

  heartbeat(battery?: number): Promise<string> {
    return this.publish('status', { type: 'heartbeat', ...(battery === undefined ? {} : { battery }) });
  }

  testSignal(battery?: number): Promise<string> {
    return this.publish('status', { type: 'test', ...(battery === undefined ? {} : { battery }) });
  }

  /** Publishes one message and resolves with its msgId once the broker acknowledged it. */
  async publish(channel: 'events' | 'status', fields: Record<string, unknown>, msgId = this.nextMsgId()): Promise<string> {
    const client = this.requireClient();
    const payload = JSON.stringify({ msgId, ts: Date.now(), ...fields });
    await client.publishAsync(deviceTopic(this.options.deviceId, channel), payload, { qos: 1 });
    return msgId;
  }

  /** Drops the TCP connection without DISCONNECT, so the broker publishes the last will. */
  dropConnection(): void {
    this.client?.stream.destroy();
  }

  async close(): Promise<void> {
    const client = this.client;
    this.client = null;
    if (client) await client.endAsync();
  }

  private nextMsgId(): string {
    this.sequence += 1;
    return `${this.options.deviceId}-${Date.now().toString(36)}-${this.sequence}`;
  }

  private requireClient(): MqttClient {
    if (!this.client) throw new Error('call button is not connected');
    return this.client;
  }
}
