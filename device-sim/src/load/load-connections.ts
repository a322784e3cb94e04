import type { IClientPublishOptions, MqttClient, PacketCallback } from 'mqtt';
import { brokerAddress, connectLoadDevice, type BrokerAddress } from './load-device-client.js';
import { preciseNow, type WorkerStats } from './load-protocol.js';
import type { TrafficDevice } from './load-payloads.js';

// The worker's MQTT connections: one MQTT.js client per device, because "concurrent authenticated devices" means
// sockets, sessions and keepalives the broker must hold, not messages multiplexed over a few links.
// Per device: a client and one ack callback made once up front; nothing is allocated per message here but what
// MQTT.js itself needs. A refused connection, a dropped socket or a failed publish is counted, never thrown.

/** failed: never connected (refused, timed out, no socket); dropped: lost after connecting; ended: closed by us. */
type DeviceState = 'waiting' | 'connecting' | 'connected' | 'failed' | 'dropped' | 'ended';

export interface LiveDevice extends TrafficDevice {
  client: MqttClient | null;
  state: DeviceState;
  /** Publishes of this device still waiting for their ack. */
  outstanding: number;
  /** The device's one publish callback for steady traffic, made once. */
  onAck: PacketCallback;
}

const QOS_OPTIONS: Record<0 | 1, IClientPublishOptions> = { 0: { qos: 0 }, 1: { qos: 1 } };
const MAX_ERROR_SAMPLES = 5;

export function emptyWorkerStats(): WorkerStats {
  return {
    connected: 0,
    attempted: 0,
    connectFailures: 0,
    sent: 0,
    acked: 0,
    steadyAcked: 0,
    outstanding: 0,
    errors: 0,
    firstConnectAt: null,
    lastConnackAt: null,
    rssBytes: 0,
    errorSamples: [],
  };
}

export class LoadConnections {
  readonly stats: WorkerStats = emptyWorkerStats();
  readonly devices: LiveDevice[];
  /** Acks in [steadyStartAt, steadyEndAt) count as the steady phase's. */
  steadyStartAt = Infinity;
  steadyEndAt = Infinity;
  /** Told about every successful ack, so the closed loop of 'max' mode can send the next message. */
  onAck: ((device: LiveDevice) => void) | null = null;
  /** Called once every device has its CONNACK or has failed. */
  onSettled: (() => void) | null = null;
  /** Called whenever the last outstanding publish is acked (or lost with its connection). */
  onIdle: (() => void) | null = null;

  private readonly broker: BrokerAddress;
  /** Devices that got their CONNACK or failed. */
  private answered = 0;
  /** Set by closeAll: from then on, closes and flushed callbacks are ours, not errors. */
  private closing = false;

  constructor(devices: TrafficDevice[], mqttUrl: string) {
    this.broker = brokerAddress(mqttUrl);
    this.devices = devices.map((device) => {
      const live: LiveDevice = { ...device, client: null, state: 'waiting', outstanding: 0, onAck: () => undefined };
      live.onAck = (err) => {
        if (this.acked(live, err)) this.onAck?.(live);
      };
      return live;
    });
  }

  /** Opens the device's connection: clean session, keepalive 60, no reconnect, no will (a load run needs none). */
  connect(device: LiveDevice): void {
    if (device.state !== 'waiting' || this.closing) return;
    this.stats.firstConnectAt ??= preciseNow();
    this.stats.attempted += 1;
    device.state = 'connecting';
    const client = connectLoadDevice(this.broker, device);
    device.client = client;
    client.on('connect', () => {
      if (device.state !== 'connecting') return;
      device.state = 'connected';
      this.stats.connected += 1;
      this.stats.lastConnackAt = preciseNow();
      this.answeredOne();
    });
    // Without an 'error' listener an EventEmitter throws, and one refused device would end the worker.
    client.on('error', (err) => this.sampleError(err));
    client.on('close', () => this.closed(device));
  }

  /** Publishes steady traffic on the device's connection; false when it is not connected. */
  publish(device: LiveDevice, topic: string, payload: string, qos: 0 | 1): boolean {
    if (device.state !== 'connected' || !device.client || this.closing) return false;
    device.outstanding += 1;
    this.stats.outstanding += 1;
    this.stats.sent += 1;
    device.client.publish(topic, payload, QOS_OPTIONS[qos], device.onAck);
    return true;
  }

  /**
   * Publishes an SOS at QoS 1 and returns when it was handed to the socket (null when the device is not connected):
   * with MQTT.js's in-memory store the PUBLISH is written synchronously inside publish(). `onPuback` gets the time
   * the PUBACK arrived.
   */
  publishSos(device: LiveDevice, payload: string, onPuback: (ackedAt: number) => void): number | null {
    if (device.state !== 'connected' || !device.client || this.closing) return null;
    device.outstanding += 1;
    this.stats.outstanding += 1;
    this.stats.sent += 1;
    device.client.publish(device.eventsTopic, payload, QOS_OPTIONS[1], (err) => {
      const ackedAt = preciseNow();
      if (this.acked(device, err)) onPuback(ackedAt);
    });
    return preciseNow();
  }

  /**
   * Ends every connection: DISCONNECT when nothing is outstanding, else the socket is destroyed (its messages are
   * given up; sent − acked shows them). Resolves when all sockets are closed, or after `timeoutMs`.
   */
  async closeAll(timeoutMs = 5_000): Promise<void> {
    this.closing = true;
    const open: Array<Promise<void>> = [];
    for (const device of this.devices) {
      const client = device.client;
      if (!client) continue;
      open.push(new Promise((resolve) => client.once('close', () => resolve())));
      client.end(!(device.state === 'connected' && device.outstanding === 0));
    }
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([Promise.all(open), new Promise((resolve) => (timer = setTimeout(resolve, timeoutMs)))]);
    clearTimeout(timer);
  }

  /** Ids of the devices that tried and never connected. */
  failedDeviceIds(): string[] {
    return this.devices.filter((d) => d.state === 'failed').map((d) => d.id);
  }

  /** Accounts one ack; true when it was a success. */
  private acked(device: LiveDevice, err: Error | undefined): boolean {
    // After a drop, the connection's leftovers were accounted in closed(); during closeAll they are given up.
    if (device.state !== 'connected' || this.closing) return false;
    device.outstanding -= 1;
    this.stats.outstanding -= 1;
    if (err) {
      this.stats.errors += 1;
      this.sampleError(err);
    } else {
      this.stats.acked += 1;
      const now = preciseNow();
      if (now >= this.steadyStartAt && now < this.steadyEndAt) this.stats.steadyAcked += 1;
    }
    if (this.stats.outstanding === 0) this.onIdle?.();
    return !err;
  }

  private closed(device: LiveDevice): void {
    const before = device.state;
    device.client = null;
    if (before === 'connecting' && this.closing) {
      device.state = 'ended';
      return;
    }
    if (before === 'connecting') {
      device.state = 'failed';
      this.stats.connectFailures += 1;
      this.stats.errors += 1;
      this.answeredOne();
      return;
    }
    if (before !== 'connected') return;
    device.state = this.closing ? 'ended' : 'dropped';
    this.stats.connected -= 1;
    this.stats.outstanding -= device.outstanding;
    // A dropped connection is an error, and so is every message it was carrying (the device would resend them).
    if (!this.closing) this.stats.errors += 1 + device.outstanding;
    device.outstanding = 0;
    if (this.stats.outstanding === 0) this.onIdle?.();
  }

  private answeredOne(): void {
    this.answered += 1;
    if (this.answered === this.devices.length) this.onSettled?.();
  }

  private sampleError(err: Error): void {
    const samples = this.stats.errorSamples;
    if (samples.length < MAX_ERROR_SAMPLES && !samples.includes(err.message)) samples.push(err.message);
  }
}
