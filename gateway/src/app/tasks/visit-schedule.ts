import type { Logger } from 'pino';
import { startSerialTicker } from '../serial-ticker.js';
import type { CareVisitGenerator } from './care-visit-generator.js';

// The care visits (探访) of every elder the visit policy names: at start and then every few minutes, each such elder
// without a task for their current period gets one (care-visit-generator.ts).

export function startVisitSchedule(deps: { careVisits: CareVisitGenerator; everyMs: number; logger: Logger }) {
  const logger = deps.logger.child({ module: 'visit-schedule' });
  const ticker = startSerialTicker(deps.careVisits.ensureAll, deps.everyMs, (err) => logger.error({ err }, 'care visits not scheduled; retried next time'));
  return {
    /** Schedules the current periods now (tests). */
    runOnce: ticker.runOnce,
    stop: ticker.stop,
  };
}
