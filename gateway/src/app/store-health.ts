import type { Logger } from 'pino';
import type { LiveEvents } from './live-events.port.js';
import { StoreConflictError, type Store } from './store.port.js';

// When the store cannot write (the SQLite file locked or unwritable, PostgreSQL gone), alarms are refused at the
// PUBACK and the devices send them again: nothing is lost, but nothing new reaches the desk either. The desk must know
// that silence is not calm. Every call's outcome is watched here; the first failure tells the desks (a
// `store.status` event, and /readyz), and so does the first write that succeeds again. A read that fails counts (with
// PostgreSQL gone, deciding on an SOS fails at its first read, before any write); a read that works does not end
// the failure: it says nothing about whether an alarm can be stored (a locked SQLite file still reads).

const WRITE_METHOD = /^(commit|transition|update|create|set|record|append|reset|prune)/;

export class StoreHealth {
  private failingSince: number | null = null;

  constructor(
    private readonly deps: { live: LiveEvents; clock: () => number; logger: Logger },
  ) {}

  get failing(): boolean {
    return this.failingSince !== null;
  }

  /** The event a desk needs to hear now, or null while all is well (sent after every snapshot). */
  statusEvent() {
    if (this.failingSince === null) return null;
    return { type: 'store.status' as const, failing: true, since: new Date(this.failingSince).toISOString() };
  }

  wrote(): void {
    if (this.failingSince === null) return;
    const since = this.failingSince;
    this.failingSince = null;
    this.deps.logger.warn({ failedForMs: this.deps.clock() - since }, 'store writes work again');
    this.deps.live.publish({ type: 'store.status', failing: false, since: new Date(this.deps.clock()).toISOString() });
  }

  failed(err: unknown): void {
    if (this.failingSince !== null) return;
    this.failingSince = this.deps.clock();
    this.deps.logger.error({ err: err instanceof Error ? err.message : String(err) }, 'store fails: alarms are refused until it writes again (devices resend)');
    this.deps.live.publish({ type: 'store.status', failing: true, since: new Date(this.failingSince).toISOString() });
  }

}

/** The same store, with every call's outcome reported to `health`. A conflict is the store working, not failing. */
export function watchStore(store: Store, health: StoreHealth): Store {
  // One wrapper per method, made on first use: the ingest path calls the store several times per message.
  const wrappers = new Map<string, (...args: unknown[]) => Promise<unknown>>();
  return new Proxy(store, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== 'function' || typeof property !== 'string' || property === 'close') return value;
      const known = wrappers.get(property);
      if (known) return known;
      const isWrite = WRITE_METHOD.test(property);
      const wrapper = async (...args: unknown[]) => {
        try {
          const result: unknown = await (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
          if (isWrite) health.wrote();
          return result;
        } catch (err) {
          if (err instanceof StoreConflictError) health.wrote();
          else health.failed(err);
          throw err;
        }
      };
      wrappers.set(property, wrapper);
      return wrapper;
    },
  });
}
