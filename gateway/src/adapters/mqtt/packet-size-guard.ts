import type { Duplex } from 'node:stream';

// aedes's MQTT parser buffers a packet until all the bytes its header declares have come, with no upper bound: a
// client that declares 200 MB and trickles them in holds that much of the gateway's memory (measured: +73 MB for a
// 64 MB declaration before CONNECT). This guard reads along: it follows each packet's fixed header (type byte, then
// the variable-length "remaining length") and ends the connection as soon as one declares more than the limit,
// before the bytes arrive. It wraps the connection's `read`, which is how aedes takes bytes off it, so the socket
// itself stays the one aedes sees (TLS peer certificates are read from it).

type Phase = { kind: 'type' } | { kind: 'length'; value: number; multiplier: number; bytes: number } | { kind: 'body'; left: number };

/** MQTT's remaining length takes at most four bytes. */
const MAX_LENGTH_BYTES = 4;

export function createPacketSizeScanner(maxRemainingLength: number) {
  let phase: Phase = { kind: 'type' };
  /** Feeds the next bytes of the stream; returns the declared length that broke the limit, or null. */
  return function scan(chunk: Buffer): number | null {
    let i = 0;
    while (i < chunk.length) {
      if (phase.kind === 'type') {
        phase = { kind: 'length', value: 0, multiplier: 1, bytes: 0 };
        i += 1;
      } else if (phase.kind === 'length') {
        const byte = chunk[i]!;
        i += 1;
        phase.value += (byte & 0x7f) * phase.multiplier;
        phase.multiplier *= 128;
        phase.bytes += 1;
        if (phase.value > maxRemainingLength) return phase.value;
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

export function guardPacketSize(conn: Duplex, maxRemainingLength: number, onTooLarge: (declared: number) => void): void {
  const scan = createPacketSizeScanner(maxRemainingLength);
  const read = conn.read.bind(conn);
  conn.read = (size?: number): unknown => {
    const chunk: unknown = read(size);
    if (Buffer.isBuffer(chunk)) {
      const declared = scan(chunk);
      if (declared !== null) {
        onTooLarge(declared);
        conn.destroy();
        return null;
      }
    }
    return chunk;
  };
}
