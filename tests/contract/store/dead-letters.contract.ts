import { beforeEach, describe, expect, it } from 'vitest';
import type { DeadLetterStore } from '../../../gateway/src/app/ports/store/dead-letters.port.js';
import { T0 } from '../../support/elder-state.js';
import { seededStore, type OpenStore } from './setup.js';

// Dead letters (dead-letters.port.ts): newest first, with the elder and region of a registered device, and each filter.

export function deadLetterStoreContract(name: string, open: OpenStore): void {
  describe(`dead letter store contract: ${name}`, () => {
    const seeded = seededStore(open);
    const { community } = seeded;
    let store: DeadLetterStore;
    beforeEach(() => {
      store = seeded.store;
    });

    it('when dead letters are recorded, then they list newest first with their elder and region, and each filter narrows them', async () => {
      const letter = (n: number, deviceId: string, reason: string) => ({
        deviceId,
        topic: `devices/${deviceId}/events`,
        reason,
        detail: reason === 'salvaged' ? 'defects: ts_seconds; ts: ts is not a plausible time' : null,
        payloadExcerpt: Buffer.from(`{"n":${n}}`).toString('base64'),
        receivedAt: T0 + n,
      });
      await store.recordDeadLetter(letter(1, 'dev-1', 'payload_invalid'));
      await store.recordDeadLetter(letter(2, 'dev-1', 'salvaged'));
      await store.recordDeadLetter(letter(3, 'ghost', 'unknown_device'));
      const all = await store.listDeadLetters({ limit: 10 });
      expect(all.map((l) => [l.receivedAt - T0, l.reason, l.elderId, l.regionId])).toEqual([
        [3, 'unknown_device', null, null],
        [2, 'salvaged', 'elder-1', 'community-1'],
        [1, 'payload_invalid', 'elder-1', 'community-1'],
      ]);
      expect(all[1]).toMatchObject(letter(2, 'dev-1', 'salvaged'));
      expect(all[0]!.seq).toBeGreaterThan(all[1]!.seq);
      // A region's subtree holds its elders' devices; a letter of no registered device belongs to none.
      expect((await store.listDeadLetters({ regionPath: community.path, limit: 10 })).map((l) => l.receivedAt - T0)).toEqual([2, 1]);
      expect(await store.listDeadLetters({ regionPath: `${community.path}elsewhere/`, limit: 10 })).toEqual([]);
      expect((await store.listDeadLetters({ reason: 'salvaged', limit: 10 })).map((l) => l.receivedAt - T0)).toEqual([2]);
      expect((await store.listDeadLetters({ deviceId: 'ghost', limit: 10 })).map((l) => l.receivedAt - T0)).toEqual([3]);
      expect((await store.listDeadLetters({ receivedFrom: T0 + 2, receivedTo: T0 + 3, limit: 10 })).map((l) => l.receivedAt - T0)).toEqual([2]);
      expect((await store.listDeadLetters({ limit: 1 })).map((l) => l.receivedAt - T0)).toEqual([3]);
    });
  });
}
