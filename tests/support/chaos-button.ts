import { randomUUID } from 'node:crypto';
import mqtt, { type IClientOptions, type IPublishPacket, type MqttClient } from 'mqtt';

// An emergency call button behaving as its firmware does when the gateway goes away under it: MQTT.js with automatic
// reconnect and a persistent session, SOS at QoS 1, and a press that got no PUBACK kept in the outgoing store and
// sent again, same packet and same msgId, after every reconnect until a PUBACK comes (MQTT 3.1.1, 4.4). A press made
// while the connection is down waits in the same store. The button counts every PUBLISH it writes, so a test can
// tell a press that went out once from one that had to be resent.

export interface Press {
  msgId: string;
  /** When the elder pressed (epoch ms). */
  pressedAt: number;
  /** When the PUBACK came; null until then. */
  ackedAt: number | null;
  /** Settles on the PUBACK; rejects only if the client gave up (it does not, while it reconnects). */
  acked: Promise<void>;
}

export class ChaosButton {
  private client: MqttClient | null = null;
  /** PUBLISH packets written per msgId: 1 for a press that went out once, more for each resend. */
  readonly writes = new Map<string, number>();
  /** When the last PUBLISH of each msgId was written (epoch ms). */
  readonly lastWriteAt = new Map<string, number>();
  /** Connection errors seen (refused reconnects while the gateway is down); never thrown. */
  errors = 0;

  constructor(
    readonly deviceId: string,
    private readonly secret: string,
    private readonly url: string,
    /** Milliseconds between reconnect attempts. */
    private readonly reconnectPeriod: number,
  ) {}

  async connect(): Promise<void> {
    const options: IClientOptions = {
      clientId: this.deviceId,
      username: this.deviceId,
      password: this.secret,
      clean: false,
      keepalive: 30,
      reconnectPeriod: this.reconnectPeriod,
      connectTimeout: 5_000,
      will: this.lastWill(),
    };
    const client = await mqtt.connectAsync(this.url, options);
    client.on('reconnect', () => {
      client.options.will = this.lastWill();
    });
    // Without a listener an 'error' event would throw out of the socket callback and end the test process.
    client.on('error', () => {
      this.errors += 1;
    });
    client.on('packetsend', (packet) => {
      if (packet.cmd !== 'publish') return;
      const msgId = msgIdOf(packet as IPublishPacket);
      if (!msgId) return;
      this.writes.set(msgId, (this.writes.get(msgId) ?? 0) + 1);
      this.lastWriteAt.set(msgId, Date.now());
    });
    this.client = client;
  }

  /** The red key: one SOS with a fresh msgId. Returns at once; `acked` settles on the PUBACK. */
  pressSos(): Press {
    const client = this.client;
    if (!client) throw new Error(`button ${this.deviceId} is not connected`);
    const msgId = `${this.deviceId.slice(0, 40)}-${randomUUID().slice(0, 8)}`;
    const pressedAt = Date.now();
    const press: Press = { msgId, pressedAt, ackedAt: null, acked: Promise.resolve() };
    press.acked = client
      .publishAsync(`devices/${this.deviceId}/events`, JSON.stringify({ msgId, ts: pressedAt, type: 'sos' }), { qos: 1 })
      .then(() => {
        press.ackedAt = Date.now();
      });
    return press;
  }

  /** A status heartbeat at QoS 1; settles on its PUBACK (after a reconnect, if the connection is down meanwhile). */
  async heartbeat(): Promise<void> {
    const client = this.client;
    if (!client) throw new Error(`button ${this.deviceId} is not connected`);
    const msgId = `hb-${randomUUID()}`;
    await client.publishAsync(`devices/${this.deviceId}/status`, JSON.stringify({ msgId, ts: Date.now(), type: 'heartbeat' }), { qos: 1 });
  }

  /** Ends the TCP connection without DISCONNECT, as a lost link does; the broker publishes the last will. */
  drop(): void {
    this.client?.stream.destroy();
  }

  /** Lets go without waiting: every press the test checks has its PUBACK by then. */
  async close(): Promise<void> {
    const client = this.client;
    this.client = null;
    await client?.endAsync(true);
  }

  private lastWill(): NonNullable<IClientOptions['will']> {
    return {
      topic: `devices/${this.deviceId}/status`,
      payload: Buffer.from(JSON.stringify({ msgId: `will-${randomUUID()}`, ts: Date.now(), type: 'offline' })),
      qos: 1,
      retain: false,
    };
  }
}

function msgIdOf(packet: IPublishPacket): string | null {
  try {
    const body = JSON.parse(packet.payload.toString()) as { msgId?: unknown };
    return typeof body.msgId === 'string' ? body.msgId : null;
  } catch {
    return null;
  }
}
