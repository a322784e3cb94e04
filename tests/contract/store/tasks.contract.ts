import { beforeEach, describe, expect, it } from 'vitest';
import type { AuditStore } from '../../../gateway/src/app/ports/store/audit.port.js';
import type { DecisionStore } from '../../../gateway/src/app/ports/store/decisions.port.js';
import type { TaskStore } from '../../../gateway/src/app/ports/store/tasks.port.js';
import type { UserStore } from '../../../gateway/src/app/ports/store/users.port.js';
import { StoreConflictError } from '../../../gateway/src/app/ports/store/store.port.js';
import { T0 } from '../../support/elder-state.js';
import { sampleTask } from '../../support/fixtures.js';
import { batch, seededStore, type OpenStore } from './setup.js';

// Tasks (tasks.port.ts): one open task per dedup key, updates only from the status they expect (with the audit lines
// of their batch), and a cause that clears by itself.

export function taskStoreContract(name: string, open: OpenStore): void {
  describe(`task store contract: ${name}`, () => {
    const seeded = seededStore(open);
    let store: TaskStore & DecisionStore & AuditStore & UserStore;
    beforeEach(() => {
      store = seeded.store;
    });

    it('when a task is open, then a second open task with the same dedup key conflicts; once done, a new one may open', async () => {
      await store.commit(batch({ tasks: [sampleTask('t-1')] }), 'alarm');
      await expect(store.commit(batch({ tasks: [sampleTask('t-2')] }), 'alarm')).rejects.toBeInstanceOf(StoreConflictError);
      const done = { ...sampleTask('t-1'), status: 'done' as const, completedAt: T0 + 10, completedBy: 'user:op', note: '换了电池' };
      expect(await store.updateTask(done, 'open')).toBe(true);
      expect(await store.updateTask(done, 'open')).toBe(false);
      await store.commit(batch({ tasks: [sampleTask('t-2')] }), 'alarm');
      expect((await store.listTasks({ statuses: ['open'], limit: 10 })).map((t) => t.id)).toEqual(['t-2']);
      expect(await store.getTask('t-1')).toMatchObject({ status: 'done', note: '换了电池', elder: { name: '王奶奶' } });
    });

    it('when a task update expects a status the task no longer has, then the batch fails and its audit lines are not written', async () => {
      await store.commit(batch({ tasks: [sampleTask('t-1')] }), 'alarm');
      const assigned = { ...sampleTask('t-1'), status: 'assigned' as const, assigneeId: 'u-1', assignedAt: T0 };
      const audit = { at: T0, actor: 'user:op', action: 'assigned', entityType: 'task' as const, entityId: 't-1', detail: {} };
      await store.commit(batch({ taskUpdates: [{ task: assigned, expectedStatus: 'open' }], audit: [audit] }), 'alarm');
      await expect(store.commit(batch({ taskUpdates: [{ task: assigned, expectedStatus: 'open' }], audit: [audit] }), 'alarm')).rejects.toBeInstanceOf(StoreConflictError);
      expect(await store.listAudit({ entityType: 'task', entityId: 't-1', limit: 10 })).toHaveLength(1);
      expect(await store.countOpenAssignments(['u-1', 'u-9'])).toEqual(new Map([['u-1', 1], ['u-9', 0]]));
    });

    it('when a task’s cause clears by itself, then when and why read back, and a plain task has neither', async () => {
      await store.commit(batch({ tasks: [sampleTask('t-1')] }), 'alarm');
      expect(await store.getTask('t-1')).toMatchObject({ causeClearedAt: null, causeClearedNote: null });
      const cleared = { ...sampleTask('t-1'), causeClearedAt: T0 + 60_000, causeClearedNote: 'battery at 90%' };
      await store.commit(batch({ taskUpdates: [{ task: cleared, expectedStatus: 'open' }] }), 'alarm');
      expect(await store.getTask('t-1')).toMatchObject({ status: 'open', causeClearedAt: T0 + 60_000, causeClearedNote: 'battery at 90%' });
      expect(await store.findOpenTasks('elder-1')).toEqual([cleared]);
    });
  });
}
