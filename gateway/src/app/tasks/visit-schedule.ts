import type { Logger } from 'pino';
import { localMonth, monthlyVisitDue, VISIT_CATEGORIES } from '../../core/tasks/monthly-visits.js';
import type { CareDirectory } from '../directories/care-directory.js';
import type { RuleRunner } from '../decisions/rule-runner.js';
import { startSerialTicker } from '../serial-ticker.js';
import type { TaskStore } from '../ports/store/tasks.port.js';

// The monthly visit (探访) of every elder in a visiting-care category: at start and then every few minutes, each such
// elder without a visit task for the current local month gets one. The tasks are the schedule's memory: the store
// allows one per elder and month, so a restart catches up on a missed month boundary and never makes a second one.

export function startVisitSchedule(deps: {
  store: TaskStore;
  directory: CareDirectory;
  rules: RuleRunner;
  clock: () => number;
  utcOffsetMinutes: number;
  everyMs: number;
  logger: Logger;
}) {
  const { store, directory, rules, clock } = deps;
  const logger = deps.logger.child({ module: 'visit-schedule' });
  async function ensureMonth(): Promise<void> {
    const month = localMonth(clock(), deps.utcOffsetMinutes);
    const existing = await store.listTasks({ statuses: 'all', kind: 'monthly_visit', month, limit: 1_000_000 });
    const visited = new Set(existing.map((t) => t.elderId));
    let created = 0;
    for (const elderId of directory.ids()) {
      const care = directory.get(elderId);
      if (!care || visited.has(elderId) || !VISIT_CATEGORIES.has(care.riskCategory)) continue;
      await rules.run({ elderId, deviceId: null, evaluate: (state, now) => monthlyVisitDue(state, now, month) });
      created += 1;
    }
    if (created > 0) logger.info({ month, created }, 'monthly visits scheduled');
  }

  const ticker = startSerialTicker(ensureMonth, deps.everyMs, (err) => logger.error({ err }, 'monthly visits not scheduled; retried next time'));
  return {
    /** Schedules the current month now (tests; the desk after registering elders). */
    runOnce: ticker.runOnce,
    stop: ticker.stop,
  };
}
