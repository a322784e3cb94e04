import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { trackPendingConnections, type PendingEviction } from '../../gateway/src/adapters/mqtt/pending-connections.js';
import { createPacketSizeScanner } from '../../gateway/src/adapters/mqtt/packet-size-guard.js';
import { softOpenFileLimit, watchOpenFiles } from '../../gateway/src/adapters/system/open-files.js';

// The bookkeeping behind the connection bounds, on its own: which pending connection goes when a cap is reached,
// how free descriptors are read and estimated, and the packet limit that changes at login.

describe('pending MQTT connections', () => {
  function setup(perAddress: number, total: number) {
    const evicted: PendingEviction[] = [];
    const pending = trackPendingConnections({ perAddress, total }, (reason) => evicted.push(reason));
    const conns = Array.from({ length: 10 }, () => new PassThrough());
    return { pending, evicted, conns };
  }

  it('when an address is at its cap, then its oldest pending connection is closed, not the new one and not another address\'s', () => {
    const { pending, evicted, conns } = setup(2, 10);
    pending.add(conns[0]!, 'a');
    pending.add(conns[1]!, 'b');
    pending.add(conns[2]!, 'a');
    pending.add(conns[3]!, 'a');
    expect(conns.slice(0, 4).map((c) => c.destroyed)).toEqual([true, false, false, false]);
    expect(evicted).toEqual(['per_address_limit']);
    expect(pending.size()).toBe(3);
  });

  it('when all addresses together are at the cap, then the oldest of all is closed', () => {
    const { pending, evicted, conns } = setup(10, 3);
    ['a', 'b', 'c', 'd'].forEach((address, i) => pending.add(conns[i]!, address));
    expect(conns.slice(0, 4).map((c) => c.destroyed)).toEqual([true, false, false, false]);
    expect(evicted).toEqual(['pending_limit']);
  });

  it('when a connection logs in or closes, then it no longer counts, and a logged-in one is never closed to make room', async () => {
    const { pending, evicted, conns } = setup(2, 10);
    pending.add(conns[0]!, 'a');
    pending.add(conns[1]!, 'a');
    pending.loggedIn(conns[0]!);
    conns[1]!.destroy();
    await new Promise((r) => setImmediate(r));
    pending.add(conns[2]!, 'a');
    pending.add(conns[3]!, 'a');
    expect(evicted).toEqual([]);
    expect(conns[0]!.destroyed).toBe(false);
    expect(pending.isLoggedIn(conns[0]!)).toBe(true);
    expect(pending.size()).toBe(2);
  });
});

describe('the packet limit before and after login', () => {
  it('when the limit is a function, then it is read at each packet header: the same size is refused before login and passes after', () => {
    let loggedIn = false;
    const scan = createPacketSizeScanner(() => (loggedIn ? 10_000 : 100));
    const header = Buffer.from([0x30, 0xe8, 0x07]); // PUBLISH declaring 1,000 bytes
    // Stopped as soon as the length read so far passes the limit (here at its first byte, 104).
    expect(scan(header)).toBeGreaterThan(100);
    const after = createPacketSizeScanner(() => (loggedIn ? 10_000 : 100));
    expect(after(Buffer.from([0x10, 0x10, ...Buffer.alloc(16)]))).toBeNull(); // a 16-byte CONNECT
    loggedIn = true;
    expect(after(Buffer.concat([header, Buffer.alloc(1000)]))).toBeNull();
  });
});

describe('open files', () => {
  let dir = '';
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  /** A stand-in for /proc/self: a limits file and `open` entries in fd/ (plus the one the listing itself holds). */
  function fakeProc(soft: number | 'unlimited', open: number): string {
    dir = mkdtempSync(join(tmpdir(), 'open-files-'));
    writeFileSync(join(dir, 'limits'), `Limit                     Soft Limit           Hard Limit           Units\nMax open files            ${soft}                20000                files\n`);
    mkdirSync(join(dir, 'fd'));
    for (let i = 0; i <= open; i += 1) writeFileSync(join(dir, 'fd', String(i)), '');
    return dir;
  }

  it('when /proc/self/limits is read, then the soft open-file limit is taken, and "unlimited" is infinite', () => {
    expect(softOpenFileLimit('Max open files            1024                 4096                 files\n')).toBe(1024);
    expect(softOpenFileLimit('Max open files            unlimited            unlimited            files\n')).toBe(Number.POSITIVE_INFINITY);
    expect(softOpenFileLimit('Max processes 10 10 processes\n')).toBeNull();
  });

  it('when connections are accepted between counts, then they are added to the last count, and the reserve is at most a quarter of the limit', () => {
    let now = 0;
    const files = watchOpenFiles(1024, fakeProc(1000, 700), () => now);
    expect(files.reserve).toBe(250);
    expect(files.free()).toBe(300);
    expect(files.runningShort()).toBe(true);
    expect(files.belowReserve()).toBe(false);
    for (let i = 0; i < 60; i += 1) files.opened();
    expect(files.free()).toBe(240);
    expect(files.belowReserve()).toBe(true);
    now += 1000; // counted again: the connections have closed meanwhile
    expect(files.free()).toBe(300);
  });

  it('when the platform has no /proc, then nothing is known and nothing is refused', () => {
    const files = watchOpenFiles(100, join(tmpdir(), 'no-such-proc-dir'));
    expect(files.free()).toBeNull();
    expect(files.belowReserve()).toBe(false);
    expect(files.runningShort()).toBe(false);
  });
});
