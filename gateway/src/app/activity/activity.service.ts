import type { ActivityDay, ActivityReply } from '../../../../schemas/index.js';
import { localDay } from '../../core/local-time.js';
import { ACTIVITY_DROP, baselineOf, shiftDay, trendWindow } from '../../core/rules/life-signs/activity-trend.rule.js';
import { DESK_ROLES, requireInScope, requireRole, type Access } from '../access.js';
import type { ActivityStore } from '../ports/store/activity.port.js';
import type { ActivityTally } from './activity-tally.js';
import type { CareDirectory } from '../directories/care-directory.js';
import { AppError } from '../errors.js';
import type { RegionDirectory } from '../directories/region-directory.js';

// An elder's activity trend for the desk's chart on the home's panel: the stored days, today with what the tally
// counted since its last flush, the baseline the trend rule compares with, and whether a drop is open.

export function createActivityService(deps: {
  store: ActivityStore;
  tally: Pick<ActivityTally, 'unflushed'>;
  directory: CareDirectory;
  regions: RegionDirectory;
  clock: () => number;
  utcOffsetMinutes: number;
}) {
  const { store, tally, directory, regions, clock, utcOffsetMinutes } = deps;
  return {
    async trend(access: Access, elderId: string, days: number): Promise<ActivityReply> {
      // The desk's chart, like the readings: a responder sees the elders of their work, not their daily life.
      requireRole(access, DESK_ROLES);
      const care = directory.get(elderId);
      if (!care) throw new AppError('ELDER_NOT_FOUND');
      requireInScope(access, regions.pathOf(care.regionId) ?? '');
      const now = clock();
      const today = localDay(now, utcOffsetMinutes);
      const t = care.thresholds;
      const window = trendWindow(now, t, utcOffsetMinutes);
      const from = [shiftDay(today, 1 - days), window.baselineFrom].sort()[0] ?? window.baselineFrom;
      const stored = await store.listActivityDays({ elderId, fromDay: from, toDay: today });
      const byDay = new Map<string, ActivityDay>(stored.map((d) => [d.day, { day: d.day, motionEvents: d.motionEvents, doorEvents: d.doorEvents, bedMinutes: d.bedMinutes, steps: d.steps }]));
      const live = tally.unflushed(elderId);
      if (live) {
        const s = byDay.get(live.day);
        byDay.set(
          live.day,
          s
            ? { day: live.day, motionEvents: s.motionEvents + live.motionEvents, doorEvents: s.doorEvents + live.doorEvents, bedMinutes: s.bedMinutes + live.bedMinutes, steps: Math.max(s.steps, live.steps) }
            : live,
        );
      }
      const all = [...byDay.values()].sort((a, b) => (a.day < b.day ? -1 : 1));
      const base = baselineOf(all, window);
      const drop = care.ruleStates.get(ACTIVITY_DROP);
      const since = drop?.['since'];
      return {
        elderId,
        days: all.filter((d) => d.day >= shiftDay(today, 1 - days)).map((d) => ({ ...d, bedMinutes: Math.round(d.bedMinutes) })),
        baseline: base ? { events: Math.round(base.events * 10) / 10, steps: Math.round(base.steps), days: base.days } : null,
        dropSince: typeof since === 'string' ? since : null,
      };
    },
  };
}

export type ActivityService = ReturnType<typeof createActivityService>;
