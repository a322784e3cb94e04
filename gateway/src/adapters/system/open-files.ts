import { readdirSync, readFileSync } from 'node:fs';

// The process's open files against its soft limit (RLIMIT_NOFILE), read from /proc: every socket is one, and when
// they run out nothing can connect, a call button included, while /healthz still answers from its open connection.
// The HTTP side refuses new connections below a reserve (http/connection-limits.ts) so that what is left stays for
// devices, and readiness fails a little before that (routes/health.routes.ts).
//
// Counting /proc/self/fd lists a directory of one entry per open file: 53 ms at 19,000 on the loaded 2-core build
// machine. So a count is taken at most every SAMPLE_EVERY_MS and never more often than COUNT_COST_SHARE of the time
// allows (with 19,000 open, about once a second), and in between the HTTP connections accepted since the last count
// are added to it; connections closed meanwhile are not subtracted, so the estimate errs toward refusing HTTP, never
// devices. Without /proc (not Linux) nothing is known, and nothing is refused.

const SAMPLE_EVERY_MS = 100;
/** At most this share of the time goes to counting descriptors. */
const COUNT_COST_SHARE = 0.05;

export interface OpenFiles {
  /** Free descriptors now (estimated between counts), or null when the platform does not say. */
  free(): number | null;
  /** The reserve in effect: FD_RESERVE, at most a quarter of the limit. */
  readonly reserve: number;
  /** Free descriptors are below the reserve: refuse what is not a device. */
  belowReserve(): boolean;
  /** Free descriptors are below twice the reserve: not ready. */
  runningShort(): boolean;
  /** A descriptor was opened since the last count (an accepted connection). */
  opened(): void;
}

/** The soft "Max open files" of /proc/<pid>/limits, or null. */
export function softOpenFileLimit(limitsText: string): number | null {
  const match = /^Max open files\s+(\S+)/m.exec(limitsText);
  if (!match) return null;
  return match[1] === 'unlimited' ? Number.POSITIVE_INFINITY : Number(match[1]);
}

export function watchOpenFiles(wantedReserve: number, proc = '/proc/self', clock: () => number = Date.now): OpenFiles {
  const read = (): { open: number; limit: number } | null => {
    try {
      const limit = softOpenFileLimit(readFileSync(`${proc}/limits`, 'utf8'));
      // The listing holds the descriptor of the directory being read as well.
      const open = readdirSync(`${proc}/fd`).length - 1;
      return limit === null ? null : { open, limit };
    } catch {
      return null;
    }
  };
  const reserveOf = (limit: number): number => (Number.isFinite(limit) ? Math.min(wantedReserve, Math.floor(limit / 4)) : wantedReserve);
  // The limit is read with every count: an operator may raise it on the running process (prlimit).
  let countMs = 0;
  const timedRead = () => {
    const started = performance.now();
    const result = read();
    countMs = performance.now() - started;
    return result;
  };
  let last = timedRead();
  let countedAt = clock();
  let openedSince = 0;

  function free(): number | null {
    if (clock() - countedAt >= Math.max(SAMPLE_EVERY_MS, countMs / COUNT_COST_SHARE)) {
      last = timedRead() ?? last;
      openedSince = 0;
      countedAt = clock();
    }
    return last === null ? null : last.limit - last.open - openedSince;
  }

  return {
    free,
    get reserve() {
      return reserveOf(last?.limit ?? Number.POSITIVE_INFINITY);
    },
    belowReserve() {
      const f = free();
      return f !== null && f < this.reserve;
    },
    runningShort() {
      const f = free();
      return f !== null && f < 2 * this.reserve;
    },
    opened() {
      openedSince += 1;
    },
  };
}
