import { setImmediate as yieldToEvents } from 'node:timers/promises';
import type { Logger } from 'pino';
import type { VisitPolicyRule } from '../../../../schemas/index.js';
import { careVisitDue } from '../../core/tasks/care-visits.js';
import { obligationAt } from '../../core/visits/obligation.js';
import type { RuleRunner } from '../decisions/rule-runner.js';
import type { ElderRecord, ElderStore } from '../ports/store/elders.port.js';
import { StoreConflictError } from '../ports/store/store.port.js';
import type { TaskStore } from '../ports/store/tasks.port.js';
import type { VisitPolicyStore } from '../ports/store/visit-policy.port.js';

// Care visits (探访) made from the visit policy: every elder the policy names gets attempt 1 of their current
// period. The tasks are the generator's memory: the store allows one (elder, period, attempt), so a restart catches
// up on a missed period boundary and never makes a second one, and two runs at once (the schedule and a
// registration) make one task, the other's write being refused and read as "already there".
//
// An elder who leaves every group keeps the open task of the current period: it was owed when it was made, and a
// worker may be on the way; the desk cancels it with a reason if it is no longer wanted. No future period is made.

const ALL = 1_000_000;
/**
 * Rule runs between two turns of the event loop. On SQLite every store call resolves at once, so a loop over a
 * county's elders (a new period, an import) would hold device messages and desk requests until its end: an SOS
 * must never wait behind the visit schedule.
 */
const RUNS_PER_TURN = 25;

export function createCareVisitGenerator(deps: {
  store: TaskStore & ElderStore & VisitPolicyStore;
  rules: RuleRunner;
  clock: () => number;
  utcOffsetMinutes: number;
  logger: Logger;
}) {
  const { store, rules, clock, utcOffsetMinutes } = deps;
  const logger = deps.logger.child({ module: 'care-visits' });

  /** The elders' care visit of the current period, where owed and missing; how many were made. */
  async function ensure(elders: readonly ElderRecord[], policy: readonly VisitPolicyRule[]): Promise<number> {
    const now = clock();
    const owed = elders.flatMap((e) => {
      const due = obligationAt(
        { groups: e.groups ?? [], riskCategory: e.riskCategory, birthDate: e.birthDate ?? null, assessmentLevel: e.assessment?.level ?? null },
        policy,
        now,
        utcOffsetMinutes,
      );
      return due ? [{ elderId: e.id, ...due }] : [];
    });
    // One read per period key in use (at most one per frequency), whatever the number of elders.
    const keys = [...new Set(owed.map((o) => o.period.key))];
    const single = elders.length === 1 ? elders[0]!.id : undefined;
    const existing = new Set<string>();
    for (const period of keys) {
      const tasks = await store.listTasks({ statuses: 'all', kind: 'care_visit', period, limit: ALL, ...(single ? { elderId: single } : {}) });
      for (const t of tasks) existing.add(`${t.elderId}|${t.period}`);
    }
    let made = 0;
    let runs = 0;
    for (const o of owed) {
      if (existing.has(`${o.elderId}|${o.period.key}`)) continue;
      if (++runs % RUNS_PER_TURN === 0) await yieldToEvents();
      try {
        const outcome = await rules.run({ elderId: o.elderId, deviceId: null, evaluate: (state, at) => careVisitDue(state, at, { period: o.period, modes: o.obligation.modes, attempt: 1 }) });
        if (outcome === 'committed') made += 1;
      } catch (err) {
        // made meanwhile by another run: what we wanted is there
        if (!(err instanceof StoreConflictError)) throw err;
      }
    }
    return made;
  }

  return {
    /** Every elder's current period (the schedule, every few minutes and at start). */
    async ensureAll(): Promise<void> {
      const [elders, policy] = await Promise.all([store.listElders(), store.getVisitPolicy()]);
      const made = await ensure(elders, policy.rules);
      if (made > 0) logger.info({ made }, 'care visits scheduled');
    },
    /**
     * These elders' current period, at once: after a registration, a change of groups, assessment or birth date, or
     * an import (the import helper calls this after its commit). Unknown ids are skipped.
     */
    async ensureElders(ids: readonly string[]): Promise<void> {
      if (ids.length === 0) return;
      const policy = await store.getVisitPolicy();
      // an import's thousands: one read of every elder rather than one read each
      const wanted = new Set(ids);
      const elders =
        ids.length > 50
          ? (await store.listElders()).filter((e) => wanted.has(e.id))
          : (await Promise.all(ids.map((id) => store.getElder(id)))).filter((e): e is ElderRecord => e !== null);
      await ensure(elders, policy.rules);
    },
  };
}

export type CareVisitGenerator = ReturnType<typeof createCareVisitGenerator>;
