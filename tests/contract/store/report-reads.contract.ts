import { beforeEach, describe, expect, it } from 'vitest';
import type { AlertStore } from '../../../gateway/src/app/ports/store/alerts.port.js';
import type { DecisionStore } from '../../../gateway/src/app/ports/store/decisions.port.js';
import type { ElderStore } from '../../../gateway/src/app/ports/store/elders.port.js';
import type { RegionStore } from '../../../gateway/src/app/ports/store/regions.port.js';
import type { ReportReadStore } from '../../../gateway/src/app/ports/store/report-reads.port.js';
import type { TimelineEntry } from '../../../gateway/src/core/alerts/alert.js';
import { T0 } from '../../support/elder-state.js';
import { sampleAlert, sampleTask } from '../../support/fixtures.js';
import { batch, raisedEntry, seededStore, seedOtherTown, type OpenStore } from './setup.js';

// The reports' reads (report-reads.port.ts): a period's timelines, the tasks its alerts caused and the tasks due in
// it, each for one region's subtree and in one query; alerts raised outside the period or elsewhere are left out.

const HOUR = 3_600_000;

export function reportReadStoreContract(name: string, open: OpenStore): void {
  describe(`report read store contract: ${name}`, () => {
    const seeded = seededStore(open);
    let store: ReportReadStore & AlertStore & DecisionStore & RegionStore & ElderStore;
    let townPath = '';
    beforeEach(async () => {
      store = seeded.store;
      ({ townPath } = await seedOtherTown(store));
      const raise = (id: string, overrides: Parameters<typeof sampleAlert>[1]) => {
        const alert = sampleAlert(id, overrides);
        return { kind: 'insert' as const, alert, entry: { ...raisedEntry(id), at: alert.raisedAt }, expectedStatus: null };
      };
      await store.commit(
        batch({
          alerts: [
            raise('in-period', { dedupKey: 'sos' }),
            raise('too-late', { dedupKey: 'sos-2', raisedAt: T0 + 2 * HOUR, lastSeenAt: T0 + 2 * HOUR }),
            raise('other-town', { elderId: 'elder-2', deviceId: null, raisedBy: [] }),
          ],
        }),
        'alarm',
      );
    });
    const period = () => ({ regionPath: townPath, from: T0, to: T0 + HOUR });

    it('when a period’s alert was dispatched and accepted, then its timeline reads back in order, only the actions asked for', async () => {
      const dispatched: TimelineEntry = { alertId: 'in-period', at: T0 + 10, action: 'dispatched', actor: 'user:desk', note: '张三' };
      const accepted: TimelineEntry = { alertId: 'in-period', at: T0 + 20, action: 'accepted', actor: 'user:zhang', note: null };
      const base = sampleAlert('in-period');
      expect(await store.transitionAlert({ ...base, status: 'dispatched', assigneeId: null, assignedAt: T0 + 10 }, dispatched, 'raised')).toBe(true);
      expect(await store.transitionAlert({ ...base, status: 'dispatched', acceptedAt: T0 + 20 }, accepted, 'dispatched')).toBe(true);
      const other: TimelineEntry = { alertId: 'too-late', at: T0 + 2 * HOUR + 5, action: 'acknowledged', actor: 'user:desk', note: null };
      expect(await store.transitionAlert(sampleAlert('too-late', { dedupKey: 'sos-2', status: 'acknowledged', raisedAt: T0 + 2 * HOUR }), other, 'raised')).toBe(true);

      expect(await store.listPeriodTimelines({ ...period(), actions: ['dispatched', 'accepted', 'acknowledged'] })).toEqual([dispatched, accepted]);
      expect(await store.listPeriodTimelines(period())).toEqual([raisedEntry('in-period'), dispatched, accepted]);
      expect(await store.listPeriodTimelines({ ...period(), actions: [] })).toEqual([]);
    });

    it('when alerts caused tasks, then only the tasks of the kind asked for, of the period’s alerts in the region, read back', async () => {
      const followUp = (id: string, alertId: string, elderId = 'elder-1') =>
        sampleTask(id, { kind: 'follow_up', reason: 'alert_follow_up', alertId, elderId, deviceId: null, dedupKey: `follow_up:${alertId}`, dueAt: T0 + 24 * HOUR });
      const visit = sampleTask('visit-1', { kind: 'visit', reason: 'alert_on_site', alertId: 'in-period', deviceId: null, dedupKey: 'visit:in-period' });
      await store.commit(batch({ tasks: [followUp('f-1', 'in-period'), followUp('f-2', 'too-late'), followUp('f-3', 'other-town', 'elder-2'), visit] }), 'alarm');
      expect((await store.listTasksOfPeriodAlerts({ ...period(), kind: 'follow_up' })).map((t) => t.id)).toEqual(['f-1']);
      expect(await store.listTasksOfPeriodAlerts({ ...period(), kind: 'visit' })).toEqual([visit]);
    });

    it('when care visits fall due, then those of the region due within [from, to) read back, by due time, with their period, attempt and modes', async () => {
      const monthly = (id: string, month: string, dueAt: number, elderId = 'elder-1') =>
        sampleTask(id, {
          kind: 'care_visit',
          reason: 'care_visit',
          period: month,
          periodEndsAt: dueAt + 1,
          attempt: 1,
          visitModes: ['door', 'phone'],
          dueAt,
          elderId,
          deviceId: null,
          dedupKey: `care_visit:${month}`,
        });
      const due = [monthly('m-2', '2026-11', T0 + HOUR - 1), monthly('m-1', '2026-10', T0)];
      await store.commit(batch({ tasks: [...due, monthly('m-3', '2026-12', T0 + HOUR), monthly('m-4', '2026-11', T0 + 5, 'elder-2')] }), 'alarm');
      expect(await store.listTasksDue({ ...period(), kind: 'care_visit' })).toEqual([due[1], due[0]]);
      expect(await store.listTasksDue({ ...period(), kind: 'wellness_check' })).toEqual([]);
    });
  });
}
