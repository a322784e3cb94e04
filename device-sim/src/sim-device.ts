import { randomUUID } from 'node:crypto';
import mqtt, { type IClientOptions, type MqttClient } from 'mqtt';
import { deviceCommandsTopic, deviceTopic, type DeviceChannel, type DeviceKind } from '../../schemas/index.js';
import { CommandHandler, type DeviceIntervals, type HandledCommand } from './command-handler.js';
import type { ChannelOf, MessageFields } from './device-message-fields.js';
import { FIRMWARE, MODEL } from './device-habits.js';
import { FeedbackDisplay, type HeardFeedback } from './feedback-display.js';

// A simulated device of any kind: a real MQTT.js client speaking the device protocol (docs/device-protocol.md).
// Events and status go at QoS 1 and resolve only when the gateway's PUBACK arrives, as a real device waits for it;
// telemetry goes at QoS 0 unless asked otherwise. The kind classes (call-button.ts, devices/*.ts) add typed helpers.

export interface SimDeviceOptions {
  /** mqtt://host:port of the broker. */
  url: string;
  deviceId: string;
  secret: string;
  /** Seconds between keepalive pings. */
  keepalive?: number;
  /** Milliseconds before the client reconnects after a drop; 0 disables reconnect. */
  reconnectPeriod?: number;
  /** Told about client errors after the first connect (a refused reconnect, a broken socket); they never throw. */
  onError?: (err: Error) => void;
  /** Told what a button or watch says and lights on the gateway's feedback to its alarm (feedback-display.ts). */
  onFeedback?: (heard: HeardFeedback) => void;
  /** Told of each command the device carried out (command-handler.ts), e.g. `[btn-0001] 🔊 请开门`. */
  onCommand?: (handled: HandledCommand) => void;
  /** Where the device's home is, for `locate`; a point in the simulated town by default. */
  homePosition?: { lat: number; lon: number };
}

/** A point of the simulated town (home-locations.ts), for a device that was given no home position. */
const DEFAULT_POSITION = { lat: 30.6051, lon: 114.2932 };

export interface PublishOptions {
  /** The idempotency key; a fresh one by default. Send the same again to simulate a redelivery. */
  msgId?: string;
  /** Defaults: 1 on events and status, 0 on telemetry. */
  qos?: 0 | 1;
  /** The device's clock: epoch ms or ISO 8601; now by default. */
  ts?: number | string;
}

/** The QoS a device should use per channel (docs/device-protocol.md, section 3). */
export const DEFAULT_QOS: Record<DeviceChannel, 0 | 1> = { events: 1, status: 1, telemetry: 0 };

export class SimDevice<K extends DeviceKind = DeviceKind> {
  private client: MqttClient | null = null;
  private sequence = 0;
  /** What the device says and lights on its alarm's feedback; null for kinds without a speaker or light. */
  readonly feedback: FeedbackDisplay | null;
  /** Carries out the desk's commands and answers them (every kind takes some, COMMANDS_BY_KIND). */
  readonly commands: CommandHandler;

  constructor(
    readonly kind: K,
    protected readonly options: SimDeviceOptions,
  ) {
    // Call buttons and watches have a speaker and a light; sensors and cameras do not listen (section 2.1).
    this.feedback = kind === 'call_button' || kind === 'wearable' ? new FeedbackDisplay(options.deviceId, options.onFeedback) : null;
    this.commands = new CommandHandler({
      deviceId: options.deviceId,
      answer: (fields) => this.publishFields('status', fields),
      position: () => options.homePosition ?? DEFAULT_POSITION,
      reboot: () => this.restart(),
      ...(options.onCommand ? { onHandled: options.onCommand } : {}),
      ...(options.onError ? { onError: options.onError } : {}),
    });
  }

  /** The intervals the desk set (set_intervals); unset fields keep the simulator's defaults. */
  get intervals(): DeviceIntervals {
    return this.commands.intervals;
  }

  get deviceId(): string {
    return this.options.deviceId;
  }

  /** Whether the MQTT connection is up right now. */
  get connected(): boolean {
    return this.client?.connected ?? false;
  }

  /** Connects with client id = username = device id, a persistent session, and a last will that says offline. */
  async connect(): Promise<void> {
    const { url, deviceId, secret } = this.options;
    const connectOptions: IClientOptions = {
      clientId: deviceId,
      username: deviceId,
      password: secret,
      clean: false,
      keepalive: this.options.keepalive ?? 30,
      reconnectPeriod: this.options.reconnectPeriod ?? 1000,
      will: this.lastWill(),
    };
    const client = await mqtt.connectAsync(url, connectOptions);
    // The will's payload is fixed at CONNECT; a fresh msgId and ts for every reconnect, as the protocol asks.
    client.on('reconnect', () => {
      client.options.will = this.lastWill();
    });
    // An EventEmitter 'error' without a listener would throw out of the socket's callback and end the process.
    client.on('error', (err) => this.options.onError?.(err));
    this.client = client;
    // The subscription lives in the persistent session; subscribing on every connect is still harmless.
    const commandsTopic = deviceCommandsTopic(deviceId);
    client.on('message', (topic, payload) => {
      if (topic !== commandsTopic) return;
      this.feedback?.receive(payload);
      void this.commands.receive(payload);
    });
    await client.subscribeAsync(commandsTopic, { qos: 1 });
  }

  /** A reboot: the connection drops without DISCONNECT (the will goes out) and comes back about a second later. */
  restart(afterMs = 1_000): void {
    const client = this.client;
    if (!client) return;
    client.stream.destroy();
    // With automatic reconnects off (tests), come back by hand; otherwise MQTT.js reconnects after reconnectPeriod.
    if ((this.options.reconnectPeriod ?? 1000) === 0) setTimeout(() => client.reconnect(), afterMs).unref();
  }

  /**
   * Publishes one message of this kind and resolves with its msgId: after the PUBACK at QoS 1, once written at QoS 0.
   * A string third argument is the msgId (the call button's original signature).
   */
  publish<C extends ChannelOf<K>>(channel: C, fields: MessageFields<K, C>, options: PublishOptions | string = {}): Promise<string> {
    return this.publishFields(channel, fields as Record<string, unknown>, typeof options === 'string' ? { msgId: options } : options);
  }

  /**
   * Publishes bytes exactly as given, on any channel, for tests of what the gateway rejects (not JSON, unknown
   * fields, a channel the kind does not use). Resolves after the PUBACK at QoS 1.
   */
  async publishRaw(channel: DeviceChannel, payload: string | Buffer, qos: 0 | 1 = DEFAULT_QOS[channel]): Promise<void> {
    await this.requireClient().publishAsync(deviceTopic(this.deviceId, channel), payload, { qos });
  }

  /** A heartbeat with the firmware and model the device runs (shown on the desk's device list). */
  heartbeat(battery?: number, firmware: string = FIRMWARE[this.kind]): Promise<string> {
    return this.publishFields('status', {
      type: 'heartbeat',
      ...(battery === undefined ? {} : { battery }),
      firmware,
      model: MODEL[this.kind],
    });
  }

  testSignal(battery?: number): Promise<string> {
    return this.publishFields('status', { type: 'test', ...(battery === undefined ? {} : { battery }) });
  }

  reportBattery(level: number): Promise<string> {
    return this.publishFields('status', { type: 'battery', battery: level });
  }

  /** Drops the TCP connection without DISCONNECT, so the broker publishes the last will. */
  dropConnection(): void {
    this.client?.stream.destroy();
  }

  /**
   * Disconnects cleanly (DISCONNECT, after in-flight messages are acknowledged), or just lets go when the connection
   * is already gone. A broker that does not answer within `timeoutMs` gets the socket closed under it instead.
   */
  async close(timeoutMs = 5_000): Promise<void> {
    const client = this.client;
    this.client = null;
    if (!client) return;
    if (!client.connected) {
      await client.endAsync(true);
      return;
    }
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<true>((resolve) => {
      timer = setTimeout(() => resolve(true), timeoutMs);
    });
    try {
      if (await Promise.race([client.endAsync().then(() => false as const), timedOut])) client.stream.destroy();
    } finally {
      clearTimeout(timer);
    }
  }

  /** Adds the envelope and publishes; the one place every message of every kind goes through. */
  protected async publishFields(channel: DeviceChannel, fields: Record<string, unknown>, options: PublishOptions = {}): Promise<string> {
    const client = this.requireClient();
    const msgId = options.msgId ?? this.nextMsgId();
    const payload = JSON.stringify({ ...fields, msgId, ts: options.ts ?? Date.now() });
    await client.publishAsync(deviceTopic(this.deviceId, channel), payload, { qos: options.qos ?? DEFAULT_QOS[channel] });
    return msgId;
  }

  private lastWill(): NonNullable<IClientOptions['will']> {
    return {
      topic: deviceTopic(this.deviceId, 'status'),
      payload: Buffer.from(JSON.stringify({ msgId: `will-${randomUUID()}`, ts: Date.now(), type: 'offline' })),
      qos: 1,
      retain: false,
    };
  }

  private nextMsgId(): string {
    this.sequence += 1;
    // Unique per device (all the protocol asks) and within msgId's 64 characters even for a 64-character device id.
    return `${this.deviceId.slice(0, 40)}-${Date.now().toString(36)}-${this.sequence}`;
  }

  private requireClient(): MqttClient {
    if (!this.client) throw new Error(`${this.kind} ${this.deviceId} is not connected`);
    return this.client;
  }
}
