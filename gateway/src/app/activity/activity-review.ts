import type { Logger } from 'pino';
import { localDay } from '../../core/local-time.js';
import { activityReviewed, shiftDay } from '../../core/rules/life-signs/activity-trend.rule.js';
import type { ActivityStore } from '../ports/store/activity.port.js';
import type { CareDirectory } from '../directories/care-directory.js';
import type { RuleRunner } from '../decisions/rule-runner.js';
import { startSerialTicker } from '../serial-ticker.js';

// The activity schedule: every `everyMs` (ACTIVITY_FLUSH_SECONDS) the tally's counts are stored; once per local day
// (the first tick after local midnight, and at start) every elder's stored days then go through the activity-trend
// rule, which may open a wellness check or end a drop. The flush comes first, so yesterday is complete. The rule's memory (the drop it already opened a check for) and the one
// open wellness check per elder make a second review of the same day (a restart, another instance) change nothing.

export function startActivitySchedule(deps: {
  store: ActivityStore;
  directory: CareDirectory;
  rules: RuleRunner;
  /** Stores what the tally counted before the review reads the days. */
  flushTally: () => Promise<void>;
  clock: () => number;
  utcOffsetMinutes: number;
  everyMs: number;
  logger: Logger;
}) {
  const { store, directory, rules, clock } = deps;
  const logger = deps.logger.child({ module: 'activity-review' });
  let reviewedDay: string | null = null;

  async function review(): Promise<void> {
    await deps.flushTally();
    const today = localDay(clock(), deps.utcOffsetMinutes);
    if (reviewedDay === today) return;
    const yesterday = shiftDay(today, -1);
    let reviewed = 0;
    for (const elderId of [...directory.ids()]) {
      const care = directory.get(elderId);
      if (!care) continue;
      const t = care.thresholds;
      const days = await store.listActivityDays({ elderId, fromDay: shiftDay(yesterday, -(t.activityBaselineDays + t.activityDropDays)), toDay: yesterday });
      // A home the gateway never heard (no devices yet) has nothing to judge; skip the rule run.
      if (days.length === 0) continue;
      await rules.run({ elderId, deviceId: null, evaluate: (state, now) => activityReviewed(days, state, now) });
      reviewed += 1;
    }
    reviewedDay = today;
    logger.info({ day: yesterday, reviewed }, 'daily activity reviewed');
  }

  const ticker = startSerialTicker(review, deps.everyMs, (err) => logger.error({ err }, 'daily activity not stored or reviewed; retried next time'));

  return {
    /** Flushes, and reviews if today was not reviewed yet. */
    runOnce: ticker.runOnce,
    /** The last counts are stored. */
    async stop(): Promise<void> {
      await ticker.stop();
      await deps.flushTally().catch((err: unknown) => logger.error({ err }, 'daily activity not stored at stop'));
    },
  };
}
