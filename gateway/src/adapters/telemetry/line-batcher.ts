// Cuts a stream of lines into batches: a batch is handed on when it holds `batchSize` lines, or `flushMs` after its
// first line, whichever comes first, or when cut() is called. Synchronous: adding a line never waits.

export interface LineBatcher {
  add(line: string): void;
  /** Hands on what is pending now (nothing when empty). */
  cut(): void;
}

export function createLineBatcher(options: { batchSize: number; flushMs: number; onBatch: (lines: string[]) => void }): LineBatcher {
  let pending: string[] = [];
  let timer: NodeJS.Timeout | undefined;

  function cut(): void {
    if (timer) clearTimeout(timer);
    timer = undefined;
    if (pending.length === 0) return;
    const lines = pending;
    pending = [];
    options.onBatch(lines);
  }

  return {
    add(line) {
      pending.push(line);
      // unref: a pending batch never keeps the process alive; close() cuts it.
      if (pending.length === 1) timer = setTimeout(cut, options.flushMs).unref();
      if (pending.length >= options.batchSize) cut();
    },
    cut,
  };
}
