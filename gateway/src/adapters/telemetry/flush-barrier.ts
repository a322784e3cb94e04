// What the InfluxDB sink's flush() waits for: batches are numbered in the order they are cut, and a batch is settled
// once it is written, shed or on disk. Batches settle out of order (one goes to disk while an older one is still
// being sent), so flush() waits for every batch up to the last one cut before the call, not just for the last one.

export interface FlushBarrier {
  /** A batch was cut and is in memory now. */
  open(seq: number): void;
  settle(seq: number): void;
  /** Resolves when every batch numbered up to `upTo` is settled. */
  until(upTo: number): Promise<void>;
}

export function createFlushBarrier(): FlushBarrier {
  /** Few at any time: the batches in memory and those on their way to disk. */
  const unsettled = new Set<number>();
  const waiters: Array<{ upTo: number; resolve: () => void }> = [];
  const oldest = () => (unsettled.size === 0 ? Infinity : Math.min(...unsettled));

  return {
    open(seq) {
      unsettled.add(seq);
    },
    settle(seq) {
      unsettled.delete(seq);
      const first = oldest();
      for (let i = waiters.length - 1; i >= 0; i--) {
        const waiter = waiters[i]!;
        if (waiter.upTo >= first) continue;
        waiters.splice(i, 1);
        waiter.resolve();
      }
    },
    until(upTo) {
      if (oldest() > upTo) return Promise.resolve();
      return new Promise((resolve) => waiters.push({ upTo, resolve }));
    },
  };
}
