import { beforeEach, describe, expect, it } from 'vitest';
import type { DeadlineStore } from '../../../gateway/src/app/ports/store/deadlines.port.js';
import type { DecisionStore } from '../../../gateway/src/app/ports/store/decisions.port.js';
import { T0 } from '../../support/elder-state.js';
import { batch, deadline, seededStore, type OpenStore } from './setup.js';

// Deadlines as data (docs/decisions/0005-deadlines-are-data.md, deadlines.port.ts): armed and claimed by the decision
// commit, due once.

export function deadlineStoreContract(name: string, open: OpenStore): void {
  describe(`deadline store contract: ${name}`, () => {
    const seeded = seededStore(open);
    let store: DeadlineStore & DecisionStore;
    beforeEach(() => {
      store = seeded.store;
    });

    it('when a deadline is armed, moved and claimed, then it is due once, at its latest time, and a stale claim changes nothing', async () => {
      await store.commit(batch({ arm: [deadline('door_idle:elder-1', T0 + 1000)] }), 'routine');
      await store.commit(batch({ arm: [deadline('door_idle:elder-1', T0 + 5000)] }), 'routine');
      expect(await store.dueDeadlines(T0 + 1000, 10)).toEqual([]);
      expect(await store.dueDeadlines(T0 + 5000, 10)).toEqual([deadline('door_idle:elder-1', T0 + 5000)]);
      expect(await store.commit(batch({ claim: { key: 'door_idle:elder-1', dueAt: T0 + 1000 } }), 'alarm')).toBe('stale');
      expect(await store.commit(batch({ claim: { key: 'door_idle:elder-1', dueAt: T0 + 5000 } }), 'alarm')).toBe('committed');
      expect(await store.commit(batch({ claim: { key: 'door_idle:elder-1', dueAt: T0 + 5000 } }), 'alarm')).toBe('stale');
      expect(await store.listDeadlines('elder-1')).toEqual([]);
    });
  });
}
