// Processes the test support starts outside the harness's process tree (PostgreSQL is a daemon of pg_ctl) or
// without handing over their child (Mosquitto): killed when the harness exits before their own stop ran, e.g. after
// Ctrl+C (bench/child-cleanup.ts ends the harness then). Synchronous, as 'exit' handlers must be.

const registered = new Map<number, NodeJS.Signals>();

process.once('exit', () => {
  for (const [pid, signal] of registered) {
    try {
      process.kill(pid, signal);
    } catch {
      // already gone
    }
  }
});

/** Kills `pid` with `signal` if the harness exits first; the returned function forgets it (after a clean stop). */
export function killOnExit(pid: number, signal: NodeJS.Signals): () => void {
  registered.set(pid, signal);
  return () => registered.delete(pid);
}
