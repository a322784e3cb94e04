// A background job that runs at start and then every `everyMs`, one run at a time: a run that is still going when
// the next tick comes is waited for, not overlapped, and a failed run is logged and tried again at the next tick.
// The monthly visit schedule and the daily activity review are both such jobs.

export interface SerialTicker {
  /** Runs the job now, after any run still going; resolves when it is done (never rejects). */
  runOnce(): Promise<void>;
  /** No more ticks; resolves when the run still going has finished. */
  stop(): Promise<void>;
}

export function startSerialTicker(job: () => Promise<void>, everyMs: number, onError: (err: unknown) => void): SerialTicker {
  let running: Promise<void> = Promise.resolve();
  const runOnce = (): Promise<void> => (running = running.then(job).catch(onError));
  void runOnce();
  const timer = setInterval(() => void runOnce(), everyMs);
  timer.unref();
  return {
    runOnce,
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
