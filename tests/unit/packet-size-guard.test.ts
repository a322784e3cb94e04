import { describe, expect, it } from 'vitest';
import { createPacketSizeScanner } from '../../gateway/src/adapters/mqtt/packet-size-guard.js';
import { connectPacket, publishPacket } from '../support/raw-mqtt.js';

// The guard follows MQTT's fixed headers through a byte stream cut anywhere, and stops a packet that declares too much.

const LIMIT = 1000;

function feedInPieces(bytes: Buffer, pieceSize: number): number | null {
  const scan = createPacketSizeScanner(LIMIT);
  for (let i = 0; i < bytes.length; i += pieceSize) {
    const verdict = scan(bytes.subarray(i, i + pieceSize));
    if (verdict !== null) return verdict;
  }
  return null;
}

describe('packet size guard', () => {
  const stream = Buffer.concat([
    connectPacket({ clientId: 'dev-1', username: 'dev-1', password: 's' }),
    publishPacket('devices/dev-1/events', 'x'.repeat(900)),
    Buffer.from([0xc0, 0x00]), // PINGREQ: remaining length 0
    publishPacket('devices/dev-1/status', '{}'),
  ]);

  it('when packets within the limit come cut at every possible size, then none is stopped', () => {
    for (const size of [1, 2, 3, 5, 7, 64, stream.length]) expect(feedInPieces(stream, size)).toBeNull();
  });

  it('when a packet declares more than the limit, then it is stopped at its header, whatever came before', () => {
    const tooLarge = Buffer.concat([stream, Buffer.from([0x30, 0xe9, 0x07])]); // PUBLISH declaring 1,001 bytes
    for (const size of [1, 3, 64]) expect(feedInPieces(tooLarge, size)).toBe(1001);
  });

  it('when a length runs over four bytes, then it is stopped as malformed', () => {
    expect(feedInPieces(Buffer.from([0x30, 0x80, 0x80, 0x80, 0x80, 0x01]), 1)).not.toBeNull();
  });
});
