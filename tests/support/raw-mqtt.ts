import { connect, type Socket } from 'node:net';

// MQTT spoken byte by byte over a plain TCP socket, for hostile-input tests: packets that MQTT.js would never send
// (truncated, wrong lengths, PUBLISH before CONNECT, 64 KiB client ids), and a probe that says what the broker did.
// Packet layouts from MQTT 3.1.1, section 2 (fixed header, remaining length) and 3.1 / 3.3 (CONNECT, PUBLISH).

/** Remaining length as MQTT's variable byte integer: 7 bits a byte, high bit = more follows [MQTT-2.2.3]. */
export function remainingLength(n: number): Buffer {
  const bytes: number[] = [];
  do {
    let byte = n % 128;
    n = Math.floor(n / 128);
    if (n > 0) byte |= 0x80;
    bytes.push(byte);
  } while (n > 0);
  return Buffer.from(bytes);
}

/** A length-prefixed string or byte field [MQTT-1.5.3]; `length` lets a test lie about it. */
export function field(value: string | Buffer, length?: number): Buffer {
  const bytes = typeof value === 'string' ? Buffer.from(value, 'utf8') : value;
  const prefix = Buffer.alloc(2);
  prefix.writeUInt16BE(length ?? bytes.length);
  return Buffer.concat([prefix, bytes]);
}

/** A packet from its first byte and body; `declaredLength` lets a test lie about the remaining length. */
export function packet(firstByte: number, body: Buffer, declaredLength = body.length): Buffer {
  return Buffer.concat([Buffer.from([firstByte]), remainingLength(declaredLength), body]);
}

export interface ConnectFields {
  clientId: string | Buffer;
  username?: string | Buffer;
  password?: string | Buffer;
  protocolName?: string;
  protocolLevel?: number;
  keepalive?: number;
  cleanSession?: boolean;
}

export function connectPacket(f: ConnectFields): Buffer {
  let flags = f.cleanSession === false ? 0 : 0x02;
  if (f.username !== undefined) flags |= 0x80;
  if (f.password !== undefined) flags |= 0x40;
  const keepalive = Buffer.alloc(2);
  keepalive.writeUInt16BE(f.keepalive ?? 60);
  const body = Buffer.concat([
    field(f.protocolName ?? 'MQTT'),
    Buffer.from([f.protocolLevel ?? 4, flags]),
    keepalive,
    field(f.clientId),
    ...(f.username !== undefined ? [field(f.username)] : []),
    ...(f.password !== undefined ? [field(f.password)] : []),
  ]);
  return packet(0x10, body);
}

export function publishPacket(topic: string | Buffer, payload: string | Buffer, qos: 0 | 1 = 1, messageId = 1): Buffer {
  const id = Buffer.alloc(2);
  id.writeUInt16BE(messageId);
  const body = Buffer.concat([field(topic), ...(qos > 0 ? [id] : []), typeof payload === 'string' ? Buffer.from(payload) : payload]);
  return packet(0x30 | (qos << 1), body);
}

export function subscribePacket(filter: string, messageId = 1): Buffer {
  const id = Buffer.alloc(2);
  id.writeUInt16BE(messageId);
  return packet(0x82, Buffer.concat([id, field(filter), Buffer.from([1])]));
}

export const DISCONNECT = Buffer.from([0xe0, 0x00]);

/** CONNACK return codes [MQTT-3.2.2.3]: 0 accepted, 1 bad protocol level, 2 identifier rejected, 4 bad credentials, 5 not authorised. */
export function connackCode(reply: Buffer): number | null {
  return reply.length >= 4 && reply[0] === 0x20 && reply[1] === 0x02 ? reply[3]! : null;
}

export interface ProbeResult {
  /** Everything the broker sent back. */
  reply: Buffer;
  /** The broker closed the connection (rather than this side, after `waitMs`). */
  closedByBroker: boolean;
}

export interface RawConnection {
  socket: Socket;
  write(bytes: Buffer): Promise<void>;
  /** Everything received so far. */
  received(): Buffer;
  /** Waits until the broker closes the connection or `ms` pass; true when it closed. */
  closedWithin(ms: number): Promise<boolean>;
  /** Waits until at least `bytes` bytes arrived or `ms` pass. */
  receivedWithin(bytes: number, ms: number): Promise<Buffer>;
  close(): void;
}

export async function openRaw(mqttUrl: string): Promise<RawConnection> {
  const url = new URL(mqttUrl);
  const socket = connect({ host: url.hostname, port: Number(url.port) });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('error', reject);
  });
  // The broker may reset a connection it refuses; that is an answer here, not a test failure.
  socket.on('error', () => undefined);
  const chunks: Buffer[] = [];
  let closed = false;
  const waiters = new Set<() => void>();
  const wake = () => {
    for (const w of waiters) w();
  };
  socket.on('data', (chunk: Buffer) => {
    chunks.push(chunk);
    wake();
  });
  socket.on('close', () => {
    closed = true;
    wake();
  });
  const until = (done: () => boolean, ms: number) =>
    new Promise<void>((resolve) => {
      const check = () => {
        if (!done()) return;
        clearTimeout(timer);
        waiters.delete(check);
        resolve();
      };
      const timer = setTimeout(() => {
        waiters.delete(check);
        resolve();
      }, ms);
      waiters.add(check);
      check();
    });
  const received = () => Buffer.concat(chunks);
  return {
    socket,
    write: (bytes) =>
      new Promise<void>((resolve) => {
        if (closed || socket.destroyed) return resolve();
        // A broker that closes mid-write gives EPIPE: the write is over either way.
        socket.write(bytes, () => resolve());
      }),
    received,
    async closedWithin(ms) {
      await until(() => closed, ms);
      return closed;
    },
    async receivedWithin(bytes, ms) {
      await until(() => closed || received().length >= bytes, ms);
      return received();
    },
    close: () => socket.destroy(),
  };
}

/** Opens a connection, sends `bytes`, and reports what the broker did within `waitMs`; always closes. */
export async function probe(mqttUrl: string, bytes: Buffer, waitMs = 300): Promise<ProbeResult> {
  const raw = await openRaw(mqttUrl);
  try {
    await raw.write(bytes);
    const closedByBroker = await raw.closedWithin(waitMs);
    return { reply: raw.received(), closedByBroker };
  } finally {
    raw.close();
  }
}
