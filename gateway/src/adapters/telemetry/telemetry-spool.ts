import { mkdir, open, readFile, readdir, rename, unlink } from 'node:fs/promises';
import { join } from 'node:path';

// The InfluxDB sink's disk spool: batches of line protocol waiting while InfluxDB is unreachable, one file per batch
// named by a zero-padded number (`000000000042.lp`), so a directory listing is the queue in order and a restart
// finds it again. Bounded by bytes: a batch that would overflow the bound pushes out the oldest batches, which the
// caller counts as shed. A file is written under a temporary name, synced and renamed, so a crash leaves either the
// whole batch or none of it (and a stray `.tmp`, removed on the next open).
//
// Sequence numbers are the caller's (the sink numbers its batches from 0 in every run). File numbers continue after
// the files an earlier run left: file = base + seq, where base is one past the highest file found on open. Batches
// of an earlier run therefore have negative sequence numbers, older than anything written in this run.

const FILE = /^(\d{12})\.lp$/;
const fileName = (fileNo: number) => `${String(fileNo).padStart(12, '0')}.lp`;

export interface SpooledBatch {
  seq: number;
  bytes: number;
  /** Line protocol lines, one per telemetry point. */
  lines: number;
}

export interface SpoolAppend {
  /** The oldest batches, deleted to make room. */
  evicted: SpooledBatch[];
  /** Set when the new batch is not on disk: bigger than the bound or older than all that could go, or a disk error. */
  refused?: { reason: 'spool_full' | 'spool_error'; error?: Error };
}

export interface TelemetrySpool {
  /** Resolves when the files of earlier runs are indexed. Never rejects; a spool that could not open fails appends. */
  readonly ready: Promise<void>;
  readonly bytes: number;
  readonly batches: number;
  /** The oldest batch (read() waits if its file is still being written). */
  head(): SpooledBatch | undefined;
  /** Keeps one batch (the one being sent) from being shed; `undefined` releases it. */
  pin(seq: number | undefined): void;
  /** Never rejects: what could not be kept is reported in the result. */
  append(seq: number, lines: readonly string[]): Promise<SpoolAppend>;
  /** The batch's lines; undefined when it is no longer spooled (its write failed, or it was shed meanwhile). */
  read(seq: number): Promise<string[] | undefined>;
  remove(seq: number): Promise<void>;
}

export function openTelemetrySpool(options: { dir: string; maxBytes: number }): TelemetrySpool {
  const { dir, maxBytes } = options;
  /**
   * Ordered by seq. A batch enters when its append starts (so the bound and the order see it at once) with `writing`
   * set until its file is renamed into place. Appends almost always go to the end; a batch that failed in memory
   * while newer ones were spooled goes before them.
   */
  const index: Entry[] = [];
  let bytes = 0;
  let base = 0;
  let pinned: number | undefined;
  let openError: Error | undefined;

  const pathOf = (seq: number) => join(dir, fileName(base + seq));

  async function indexExisting(): Promise<void> {
    await mkdir(dir, { recursive: true });
    const names = (await readdir(dir)).sort();
    let highest = -1;
    const found: Array<{ fileNo: number; bytes: number; lines: number }> = [];
    for (const name of names) {
      if (name.endsWith('.tmp')) {
        await unlink(join(dir, name)).catch(() => undefined);
        continue;
      }
      const match = FILE.exec(name);
      if (!match) continue;
      const fileNo = Number(match[1]);
      const content = await readFile(join(dir, name));
      found.push({ fileNo, bytes: content.length, lines: countLines(content) });
      highest = fileNo;
    }
    base = highest + 1;
    for (const f of found) insert({ seq: f.fileNo - base, bytes: f.bytes, lines: f.lines });
  }

  const ready = indexExisting().catch((err: unknown) => {
    openError = err instanceof Error ? err : new Error(String(err));
  });

  function insert(entry: Entry): void {
    let at = index.length;
    while (at > 0 && index[at - 1]!.seq > entry.seq) at--;
    index.splice(at, 0, entry);
    bytes += entry.bytes;
  }

  function take(seq: number): Entry | undefined {
    const at = index.findIndex((e) => e.seq === seq);
    if (at < 0) return undefined;
    const [entry] = index.splice(at, 1);
    bytes -= entry!.bytes;
    return entry;
  }

  async function deleteFile(seq: number): Promise<void> {
    await unlink(pathOf(seq)).catch((err: NodeJS.ErrnoException) => {
      if (err.code !== 'ENOENT') throw err;
    });
  }

  /** Takes the oldest batches out of the index until the new one fits; false when it cannot fit. Synchronous. */
  function makeRoom(incoming: Entry, evicted: Entry[]): boolean {
    while (bytes + incoming.bytes > maxBytes) {
      // Not the batch being sent, nor one still being written (its bytes are not on disk yet, and soon will be).
      const oldest = index.find((e) => e.seq !== pinned && !e.writing);
      if (!oldest || incoming.seq < oldest.seq) return false;
      take(oldest.seq);
      evicted.push(oldest);
    }
    return true;
  }

  async function writeBatch(seq: number, content: string): Promise<void> {
    const target = pathOf(seq);
    const temporary = `${target}.tmp`;
    try {
      const file = await open(temporary, 'w');
      try {
        await file.writeFile(content);
        // Synced before the rename: after a power cut the name never points at a file whose data did not reach disk.
        await file.datasync();
      } finally {
        await file.close();
      }
      await rename(temporary, target);
    } catch (err) {
      await unlink(temporary).catch(() => undefined);
      throw err;
    }
  }

  return {
    ready,
    get bytes() {
      return bytes;
    },
    get batches() {
      return index.length;
    },
    head: () => index[0],
    pin(seq) {
      pinned = seq;
    },

    async append(seq, lines) {
      await ready;
      const evicted: Entry[] = [];
      if (openError) return { evicted, refused: { reason: 'spool_error', error: openError } };
      const content = lines.join('\n') + '\n';
      const entry: Entry = { seq, bytes: Buffer.byteLength(content), lines: lines.length };
      // Room is made and the batch indexed before any await, so appends may write their files concurrently and the
      // bound still holds: each one sees the bytes the ones before it reserved.
      if (entry.bytes > maxBytes || !makeRoom(entry, evicted)) return { evicted: evicted.map(publicOf), refused: { reason: 'spool_full' } };
      entry.writing = writeBatch(seq, content);
      insert(entry);
      const removed = Promise.all(evicted.map((e) => deleteFile(e.seq).catch(() => undefined)));
      try {
        await entry.writing;
        entry.writing = undefined;
        return { evicted: evicted.map(publicOf) };
      } catch (err) {
        take(seq);
        return { evicted: evicted.map(publicOf), refused: { reason: 'spool_error', error: err instanceof Error ? err : new Error(String(err)) } };
      } finally {
        await removed;
      }
    },

    async read(seq) {
      const entry = index.find((e) => e.seq === seq);
      await entry?.writing?.catch(() => undefined);
      if (!entry || !index.includes(entry)) return undefined;
      const content = await readFile(pathOf(seq), 'utf8');
      return content.split('\n').filter((line) => line.length > 0);
    },

    async remove(seq) {
      // Out of the index at once (the gauges and the bound see it gone), then off the disk.
      take(seq);
      await deleteFile(seq);
    },
  };
}

interface Entry extends SpooledBatch {
  writing?: Promise<void>;
}

const publicOf = ({ seq, bytes, lines }: Entry): SpooledBatch => ({ seq, bytes, lines });

function countLines(content: Buffer): number {
  let lines = 0;
  for (let at = content.indexOf(10); at >= 0; at = content.indexOf(10, at + 1)) lines++;
  // A last line without its newline still counts (a file written by hand, or by an older version).
  if (content.length > 0 && content[content.length - 1] !== 10) lines++;
  return lines;
}
