import { beforeEach, describe, expect, it } from 'vitest';
import type { AuditEntry, AuditStore } from '../../../gateway/src/app/ports/store/audit.port.js';
import { T0 } from '../../support/elder-state.js';
import { seededStore, type OpenStore } from './setup.js';

// The audit log (audit.port.ts): every state change with its actor and time, append-only, read back whole and
// narrowed by entity type and id. The port names no order, so these cases compare entries as sets.

const entry = (n: number, entityType: AuditEntry['entityType'], entityId: string, action: string): AuditEntry => ({
  at: T0 + n,
  actor: n % 2 === 0 ? 'user:op' : 'system',
  action,
  entityType,
  entityId,
  detail: { n },
});

const byTime = (entries: readonly AuditEntry[]) => [...entries].sort((a, b) => a.at - b.at);

export function auditStoreContract(name: string, open: OpenStore): void {
  describe(`audit store contract: ${name}`, () => {
    const seeded = seededStore(open);
    let store: AuditStore;
    beforeEach(() => {
      store = seeded.store;
    });

    it('when an entry is appended, then it reads back whole, its detail as it was written', async () => {
      const written: AuditEntry = {
        at: T0,
        actor: 'user:u-1',
        action: 'updated',
        entityType: 'elder',
        entityId: 'elder-1',
        detail: { changed: ['phone', 'contacts'], from: { phone: null }, to: { phone: '13900000002' }, count: 2, note: '搬家', flag: false },
      };
      await store.appendAudit(written);
      expect(await store.listAudit({ limit: 10 })).toEqual([written]);
    });

    it('when the same change is appended twice, then both entries are kept: the log is append-only, never merged', async () => {
      await store.appendAudit(entry(1, 'alert', 'a-1', 'acknowledged'));
      await store.appendAudit(entry(1, 'alert', 'a-1', 'acknowledged'));
      expect(await store.listAudit({ limit: 10 })).toEqual([entry(1, 'alert', 'a-1', 'acknowledged'), entry(1, 'alert', 'a-1', 'acknowledged')]);
    });

    it('when the log is listed by entity type, entity id or both, then each filter keeps exactly the matching entries, and the limit caps how many', async () => {
      const written = [
        entry(1, 'alert', 'x-1', 'acknowledged'),
        entry(2, 'task', 'x-1', 'assigned'),
        entry(3, 'task', 't-2', 'done'),
        entry(4, 'user', 'u-1', 'created'),
        entry(5, 'session', 's-1', 'revoked'),
      ];
      for (const e of written) await store.appendAudit(e);

      expect(byTime(await store.listAudit({ limit: 10 }))).toEqual(written);
      expect(byTime(await store.listAudit({ entityType: 'task', limit: 10 }))).toEqual([written[1], written[2]]);
      // An id alone matches it under every entity type; with a type, only that entity.
      expect(byTime(await store.listAudit({ entityId: 'x-1', limit: 10 }))).toEqual([written[0], written[1]]);
      expect(await store.listAudit({ entityType: 'task', entityId: 'x-1', limit: 10 })).toEqual([written[1]]);
      expect(await store.listAudit({ entityType: 'device', limit: 10 })).toEqual([]);
      expect(await store.listAudit({ entityType: 'user', entityId: 'x-1', limit: 10 })).toEqual([]);

      const capped = await store.listAudit({ limit: 2 });
      expect(capped).toHaveLength(2);
      for (const e of capped) expect(written).toContainEqual(e);
      expect(await store.listAudit({ entityType: 'task', limit: 1 })).toHaveLength(1);
    });
  });
}
