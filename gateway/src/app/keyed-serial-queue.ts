// Runs tasks one after another per key, and concurrently across keys. The ingest path uses it per elder so that
// "read the open alert, decide, commit" is atomic within this process: two SOS presses that arrive together
// cannot both see "no open alert" (the duplicate-alarm complaint ThingsBoard users know).

export class KeyedSerialQueue {
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const result = previous.then(task, task);
    const tail = result.catch(() => undefined);
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }

  get activeKeys(): number {
    return this.tails.size;
  }
}
