import type { Logger } from 'pino';
import type { Deadline, DeadlineKind } from '../../core/deadline.js';
import { evaluateDeadline } from '../../core/evaluate.js';
import type { DecisionMetrics } from '../ports/metrics.port.js';
import type { RuleRunner } from './rule-runner.js';
import type { DeadlineStore } from '../ports/store/deadlines.port.js';

// Hands stored deadlines back to their rules when they come due (docs/decisions/0005-deadlines-are-data.md). A fired deadline is claimed
// in the same transaction as its effects, so it fires once even across a crash; deadlines that fell due while the
// gateway was down fire at the first tick after start.

export interface SchedulerOptions {
  tickMs: number;
  /**
   * After a restart, devices need a moment to reconnect; presence deadlines (silent, offline) that came due during
   * the downtime wait this long so that a restart does not report every device offline.
   */
  presenceHoldAfterStartMs: number;
}

const PRESENCE_KINDS: ReadonlySet<DeadlineKind> = new Set(['device_silent', 'device_offline_confirm']);
const BATCH = 500;

export function startDeadlineScheduler(
  deps: {
    store: DeadlineStore;
    rules: RuleRunner;
    metrics: DecisionMetrics;
    clock: () => number;
    /** With several instances only the leader fires deadlines; the claim in the commit keeps it once regardless. */
    isLeader: () => Promise<boolean>;
    logger: Logger;
  },
  options: SchedulerOptions,
) {
  const { store, rules, metrics, clock } = deps;
  const logger = deps.logger.child({ module: 'scheduler' });
  const startedAt = clock();
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> = Promise.resolve();
  let stopped = false;

  async function fire(deadline: Deadline): Promise<void> {
    const outcome = await rules.run({
      elderId: deadline.elderId,
      deviceId: null,
      evaluate: (state, now) => evaluateDeadline(deadline, state, now),
      claim: deadline,
      // An expired dispatch offer goes to the next responder, so the rule needs to know who is near.
      withResponders: deadline.kind === 'dispatch_accept',
    });
    if (outcome === 'committed') {
      metrics.deadlinesFired.inc({ kind: deadline.kind });
      logger.debug({ key: deadline.key, kind: deadline.kind }, 'deadline fired');
    }
  }

  async function tick(): Promise<void> {
    if (!(await deps.isLeader())) return;
    const now = clock();
    const holdPresence = now < startedAt + options.presenceHoldAfterStartMs;
    const due = (await store.dueDeadlines(now, BATCH)).filter((d) => !(holdPresence && PRESENCE_KINDS.has(d.kind)));
    // Elders are independent; each one's deadlines run in its own queue, in due order.
    await Promise.all(
      due.map((d) => fire(d).catch((err: unknown) => logger.error({ err, key: d.key }, 'deadline not carried out; retried next tick'))),
    );
  }

  function schedule(): void {
    if (stopped) return;
    timer = setTimeout(() => {
      running = tick()
        .catch((err: unknown) => logger.error({ err }, 'deadline tick failed'))
        .finally(schedule);
    }, options.tickMs);
  }
  schedule();

  return {
    /** Runs one tick now (tests, and after a restart). */
    tickNow: (): Promise<void> => (running = running.then(tick)),
    async stop(): Promise<void> {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}

export type DeadlineScheduler = ReturnType<typeof startDeadlineScheduler>;
