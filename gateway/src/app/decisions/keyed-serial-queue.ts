// Runs tasks one after another per key, and concurrently across keys. The ingest path uses it per elder so that
// "read the open alert, decide, commit" is atomic within this process: two SOS presses that arrive together
// cannot both see "no open alert" (the duplicate-alarm complaint ThingsBoard users know).

export class KeyedSerialQueue {
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    // The task starts in a later microtask even when nothing is queued: a task that queues more work for its own key
    // before its first await must find its own tail already registered.
    const result = (this.tails.get(key) ?? Promise.resolve()).then(task, task);
    const settle = (): void => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    };
    const tail: Promise<void> = result.then(settle, settle);
    this.tails.set(key, tail);
    return result;
  }

  get activeKeys(): number {
    return this.tails.size;
  }
}
