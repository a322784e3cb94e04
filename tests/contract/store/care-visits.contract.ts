import { beforeEach, describe, expect, it } from 'vitest';
import type { AuditStore } from '../../../gateway/src/app/ports/store/audit.port.js';
import type { DecisionStore } from '../../../gateway/src/app/ports/store/decisions.port.js';
import { StoreConflictError } from '../../../gateway/src/app/ports/store/store.port.js';
import type { TaskStore } from '../../../gateway/src/app/ports/store/tasks.port.js';
import type { VisitPolicyStore } from '../../../gateway/src/app/ports/store/visit-policy.port.js';
import { DEFAULT_VISIT_POLICY } from '../../../gateway/src/core/visits/obligation.js';
import type { Task } from '../../../gateway/src/core/tasks/task.js';
import { T0 } from '../../support/elder-state.js';
import { sampleTask } from '../../support/fixtures.js';
import { batch, seededStore, type OpenStore } from './setup.js';

// Care visits (issue 21): the visit policy table (visit-policy.port.ts), seeded with the shipped default and replaced
// whole with its audit entry; and care_visit tasks, one per elder, period and attempt, with their modes read back.

const careVisit = (id: string, period: string, attempt: number, overrides: Partial<Task> = {}): Task =>
  sampleTask(id, {
    kind: 'care_visit',
    reason: 'care_visit',
    deviceId: null,
    dedupKey: `care_visit:${period}`,
    period,
    periodEndsAt: T0 + 7 * 86_400_000,
    attempt,
    visitModes: ['door', 'video'],
    dueAt: T0 + 7 * 86_400_000 - 1,
    ...overrides,
  });

export function careVisitStoreContract(name: string, open: OpenStore): void {
  describe(`care visit store contract: ${name}`, () => {
    const seeded = seededStore(open);
    let store: VisitPolicyStore & AuditStore & TaskStore & DecisionStore;
    beforeEach(() => {
      store = seeded.store;
    });

    it('when a store is new, then the visit policy is the shipped default, never edited', async () => {
      expect(await store.getVisitPolicy()).toEqual({ rules: DEFAULT_VISIT_POLICY, updatedAt: null, updatedBy: null });
    });

    it('when the policy is replaced, then the new table reads back whole, with who and when, and the audit entry is written with it', async () => {
      const rules = [{ group: 'living_alone' as const, assessmentLevel: 'severe' as const, frequency: 'weekly' as const, modes: ['door' as const] }];
      const audit = { at: T0, actor: 'user:admin', action: 'replaced', entityType: 'visit_policy' as const, entityId: 'visit_policy', detail: { rules } };
      await store.replaceVisitPolicy({ rules, at: T0, by: 'user:admin' }, audit);
      expect(await store.getVisitPolicy()).toEqual({ rules, updatedAt: T0, updatedBy: 'user:admin' });
      expect(await store.listAudit({ entityType: 'visit_policy', limit: 10 })).toEqual([audit]);
    });

    it('when a care visit is stored, then its period, period end, attempt, modes and the mode it was done by read back', async () => {
      await store.commit(batch({ tasks: [careVisit('v-1', '2026-W49', 1)] }), 'alarm');
      const done = { ...careVisit('v-1', '2026-W49', 1), status: 'done' as const, outcome: 'visited' as const, visitMode: 'video' as const, completedAt: T0 + 5, completedBy: 'user:op' };
      expect(await store.updateTask(done, 'open')).toBe(true);
      expect(await store.getTask('v-1')).toMatchObject({ period: '2026-W49', periodEndsAt: T0 + 7 * 86_400_000, attempt: 1, visitModes: ['door', 'video'], visitMode: 'video' });
      expect((await store.listTasks({ statuses: 'all', kind: 'care_visit', period: '2026-W49', limit: 10 })).map((t) => t.id)).toEqual(['v-1']);
      expect(await store.listTasks({ statuses: 'all', kind: 'care_visit', period: '2026-W50', limit: 10 })).toEqual([]);
    });

    it('when a second task for the same elder, period and attempt is stored, then it conflicts, even with the first done; the next attempt does not', async () => {
      await store.commit(batch({ tasks: [careVisit('v-1', '2026-12', 1)] }), 'alarm');
      const done = { ...careVisit('v-1', '2026-12', 1), status: 'done' as const, outcome: 'not_home' as const, visitMode: 'door' as const };
      await store.updateTask(done, 'open');
      await expect(store.commit(batch({ tasks: [careVisit('v-2', '2026-12', 1)] }), 'alarm')).rejects.toBeInstanceOf(StoreConflictError);
      await store.commit(batch({ tasks: [careVisit('v-3', '2026-12', 2)] }), 'alarm');
      expect((await store.listTasks({ statuses: 'all', kind: 'care_visit', period: '2026-12', limit: 10 })).map((t) => [t.id, t.attempt]).sort()).toEqual([
        ['v-1', 1],
        ['v-3', 2],
      ]);
    });
  });
}
