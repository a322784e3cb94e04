import { execFileSync } from 'node:child_process';

// Every connected device is one socket in the broker (and one in a load worker). Debian's default hard limit on open
// files (often 1,024 or 20,000) is below what a 20,000-device step needs, so the harness raises its own limit before it
// starts anything: children inherit it. Raising the hard limit needs root (CAP_SYS_RESOURCE); without it the limit
// stays, the harness says so, and the steps above it record their connect failures.

function currentLimit(): { soft: number; hard: number } {
  const out = execFileSync('prlimit', ['--pid', String(process.pid), '--nofile', '--raw', '--noheadings', '--output', 'SOFT,HARD'], {
    encoding: 'utf8',
  });
  const [soft, hard] = out.trim().split(/\s+/).map((v) => (v === 'unlimited' ? Infinity : Number(v)));
  return { soft: soft ?? 0, hard: hard ?? 0 };
}

export interface FdLimit {
  soft: number;
  hard: number;
  raised: boolean;
  /** Why it could not be raised, when it could not. */
  problem?: string;
}

/** Makes sure this process (and so its children) may open `needed` files. */
export function ensureFileLimit(needed: number): FdLimit {
  let before: { soft: number; hard: number };
  try {
    before = currentLimit();
  } catch (err) {
    return { soft: 0, hard: 0, raised: false, problem: `prlimit not usable (${(err as Error).message.split('\n')[0]})` };
  }
  if (before.soft >= needed) return { ...before, raised: false };
  try {
    const hard = before.hard === Infinity ? 'unlimited' : Math.max(needed, before.hard);
    execFileSync('prlimit', ['--pid', String(process.pid), `--nofile=${needed}:${hard}`], { stdio: 'pipe' });
    const after = currentLimit();
    return { ...after, raised: true, ...(after.soft < needed ? { problem: `raised only to ${after.soft}` } : {}) };
  } catch (err) {
    // Not root: Node already raised the soft limit to the hard one at startup, so this is as far as it goes.
    const after = currentLimit();
    const reason = (err as { stderr?: Buffer }).stderr?.toString().trim() || (err as Error).message;
    return {
      ...after,
      raised: false,
      problem: `cannot raise the open-file limit to ${needed} (${reason}): that needs CAP_SYS_RESOURCE (root outside a restricted container) or a higher limit in limits.conf`,
    };
  }
}
