import type { Logger } from 'pino';
import type { LiveEvents } from '../ports/live-events.port.js';
import { STORE_CALLS, StoreConflictError, type Store } from '../ports/store/store.port.js';

// When the store cannot write (the SQLite file locked or unwritable, PostgreSQL gone), alarms are refused at the
// PUBACK and the devices send them again: nothing is lost, but nothing new reaches the desk either. The desk must know
// that silence is not calm. Every call's outcome is watched here; the first failure tells the desks (a
// `store.status` event, and /readyz), and so does the first write that succeeds again. A read that fails counts (with
// PostgreSQL gone, deciding on an SOS fails at its first read, before any write); a read that works does not end
// the failure: it says nothing about whether an alarm can be stored (a locked SQLite file still reads).

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

/**
 * The same store, with every call's outcome reported to `health`: a plain object with one wrapper per method of the
 * contract, made once, each knowing from STORE_CALLS whether it writes. A conflict is the store working, not failing.
 * `close` is passed through: closing is not a sign of health.
 */
export function watchStore(store: Store, health: StoreHealth): Store {
  const watched: Record<string, unknown> = {};
  for (const [name, kind] of Object.entries(STORE_CALLS) as Array<[keyof Store, (typeof STORE_CALLS)[keyof Store]]>) {
    const method = (store[name] as (...args: unknown[]) => Promise<unknown>).bind(store);
    if (name === 'close') {
      watched[name] = method;
      continue;
    }
    const isWrite = kind === 'write';
    watched[name] = async (...args: unknown[]) => {
      try {
        const result = await method(...args);
        if (isWrite) health.wrote();
        return result;
      } catch (err) {
        if (err instanceof StoreConflictError) health.wrote();
        else health.failed(err);
        throw err;
      }
    };
  }
  return watched as unknown as Store;
}
