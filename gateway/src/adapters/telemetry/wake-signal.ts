// A wake-up call between the InfluxDB sink's parts: the writer sleeps in next() when it has nothing to send (or
// during a backoff), close() sleeps in it while the queue drains, and notify() wakes every sleeper after any change.
// Sleepers look at the state again when woken; a wake-up carries no data.

export interface WakeSignal {
  notify(): void;
  /** Resolves at the next notify(), or after `timeoutMs` when given. Its timer never keeps the process alive. */
  next(timeoutMs?: number): Promise<void>;
}

export function createWakeSignal(): WakeSignal {
  let sleepers: Array<() => void> = [];
  return {
    notify() {
      const woken = sleepers;
      sleepers = [];
      for (const wake of woken) wake();
    },
    next(timeoutMs) {
      return new Promise((resolve) => {
        if (timeoutMs === undefined) return void sleepers.push(resolve);
        const timer = setTimeout(wake, Math.max(0, timeoutMs)).unref();
        function wake() {
          clearTimeout(timer);
          sleepers = sleepers.filter((s) => s !== wake);
          resolve();
        }
        sleepers.push(wake);
      });
    },
  };
}
