import { beforeEach, describe, expect, it } from 'vitest';
import type { ActivityStore } from '../../../gateway/src/app/ports/store/activity.port.js';
import { seededStore, type OpenStore } from './setup.js';

// Daily activity (activity.port.ts): flushes add up per elder and day, steps keep the highest.

export function activityStoreContract(name: string, open: OpenStore): void {
  describe(`activity store contract: ${name}`, () => {
    const seeded = seededStore(open);
    let store: ActivityStore;
    beforeEach(() => {
      store = seeded.store;
    });

    it('when daily activity is added in several flushes, then counts and minutes add up per elder and day, steps keep the highest, and lists are by elder then day within the range', async () => {
      const delta = (elderId: string, day: string, motionEvents: number, steps: number) => ({ elderId, day, motionEvents, doorEvents: 1, bedMinutes: 30.5, steps });
      await store.addActivity([delta('elder-1', '2026-11-22', 10, 1500), delta('elder-1', '2026-11-23', 4, 200), delta('elder-2', '2026-11-23', 7, 0)]);
      await store.addActivity([delta('elder-1', '2026-11-23', 6, 900), delta('elder-1', '2026-11-23', 1, 100)]);
      await store.addActivity([]);
      expect(await store.listActivityDays({ elderId: 'elder-1', fromDay: '2026-11-01', toDay: '2026-11-30' })).toEqual([
        { elderId: 'elder-1', day: '2026-11-22', motionEvents: 10, doorEvents: 1, bedMinutes: 30.5, steps: 1500 },
        { elderId: 'elder-1', day: '2026-11-23', motionEvents: 11, doorEvents: 3, bedMinutes: 91.5, steps: 900 },
      ]);
      expect((await store.listActivityDays({ fromDay: '2026-11-23', toDay: '2026-11-23' })).map((d) => [d.elderId, d.day, d.motionEvents])).toEqual([
        ['elder-1', '2026-11-23', 11],
        ['elder-2', '2026-11-23', 7],
      ]);
      expect(await store.listActivityDays({ elderId: 'elder-1', fromDay: '2026-11-24', toDay: '2026-12-31' })).toEqual([]);
    });
  });
}
