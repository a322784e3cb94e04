import type { Duplex } from 'node:stream';

// aedes's MQTT parser buffers a packet until all the bytes its header declares have come, with no upper bound: a
// client that declares 200 MB and trickles them in holds that much of the gateway's memory (measured: +73 MB for a
// 64 MB declaration before CONNECT). This guard reads along: it follows each packet's fixed header (type byte, then
// the variable-length "remaining length") and ends the connection as soon as one declares more than the limit,
// before the bytes arrive. It wraps the connection's `read`, which is how aedes takes bytes off it, so the socket
// itself stays the one aedes sees (TLS peer certificates are read from it).
// The limit is asked again at each packet's header: before the device has logged in it is the small CONNECT limit
// (a half-open connection trickling a 300 KB CONNECT held 285 KB of the gateway's memory), after it the packet limit.

type Phase = { kind: 'type' } | { kind: 'length'; value: number; multiplier: number; bytes: number } | { kind: 'body'; left: number };

/** MQTT's remaining length takes at most four bytes. */
const MAX_LENGTH_BYTES = 4;

/** A fixed limit, or one read at each packet's header (it may change once the device has logged in). */
export type PacketLimit = number | (() => number);

export function createPacketSizeScanner(maxRemainingLength: PacketLimit) {
  const limitNow = typeof maxRemainingLength === 'number' ? () => maxRemainingLength : maxRemainingLength;
  let phase: Phase = { kind: 'type' };
  let limit = limitNow();
  /** Feeds the next bytes of the stream; returns the declared length that broke the limit, or null. */
  return function scan(chunk: Buffer): number | null {
    let i = 0;
    while (i < chunk.length) {
      if (phase.kind === 'type') {
        limit = limitNow();
        phase = { kind: 'length', value: 0, multiplier: 1, bytes: 0 };
        i += 1;
      } else if (phase.kind === 'length') {
        const byte = chunk[i]!;
        i += 1;
        phase.value += (byte & 0x7f) * phase.multiplier;
        phase.multiplier *= 128;
        phase.bytes += 1;
        if (phase.value > limit) return phase.value;
        if ((byte & 0x80) === 0) phase = phase.value === 0 ? { kind: 'type' } : { kind: 'body', left: phase.value };
        else if (phase.bytes >= MAX_LENGTH_BYTES) return Number.POSITIVE_INFINITY; // malformed; the parser would refuse it too
      } else {
        const take = Math.min(phase.left, chunk.length - i);
        i += take;
        phase.left -= take;
        if (phase.left === 0) phase = { kind: 'type' };
      }
    }
    return null;
  };
}

export function guardPacketSize(conn: Duplex, maxRemainingLength: PacketLimit, onTooLarge: (declared: number, limit: number) => void): void {
  const scan = createPacketSizeScanner(maxRemainingLength);
  const limitNow = typeof maxRemainingLength === 'number' ? () => maxRemainingLength : maxRemainingLength;
  const read = conn.read.bind(conn);
  conn.read = (size?: number): unknown => {
    const chunk: unknown = read(size);
    if (Buffer.isBuffer(chunk)) {
      const declared = scan(chunk);
      if (declared !== null) {
        onTooLarge(declared, limitNow());
        conn.destroy();
        return null;
      }
    }
    return chunk;
  };
}
