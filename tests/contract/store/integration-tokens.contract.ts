import { beforeEach, describe, expect, it } from 'vitest';
import type { IntegrationTokenRecord, IntegrationTokenStore } from '../../../gateway/src/app/ports/store/phone/integration-tokens.port.js';
import { StoreConflictError } from '../../../gateway/src/app/ports/store/store.port.js';
import { T0 } from '../../support/elder-state.js';
import { seededStore, type OpenStore } from './setup.js';

// Integration tokens (integration-tokens.port.ts): found by hash only while not revoked, listed newest first with
// the revoked ones, revoked once.

const token = (id: string, o: Partial<IntegrationTokenRecord> = {}): IntegrationTokenRecord => ({
  id,
  name: '城关镇呼叫中心 PBX',
  tokenHash: `hash-${id}`,
  regionId: 'town-1',
  createdAt: T0,
  createdBy: 'user:admin',
  revokedAt: null,
  ...o,
});

export function integrationTokenStoreContract(name: string, open: OpenStore): void {
  describe(`integration token store contract: ${name}`, () => {
    const seeded = seededStore(open);
    let store: IntegrationTokenStore;
    beforeEach(() => {
      store = seeded.store;
    });

    it('when a token is made, then it is found by its hash, listed newest first, and neither its id nor its hash can be taken twice', async () => {
      await store.createIntegrationToken(token('it-1'));
      await store.createIntegrationToken(token('it-2', { name: '软电话', regionId: 'community-1', createdAt: T0 + 1 }));
      expect(await store.findIntegrationToken('hash-it-1')).toEqual(token('it-1'));
      expect(await store.findIntegrationToken('hash-unknown')).toBeNull();
      expect(await store.listIntegrationTokens()).toEqual([token('it-2', { name: '软电话', regionId: 'community-1', createdAt: T0 + 1 }), token('it-1')]);
      await expect(store.createIntegrationToken(token('it-1', { tokenHash: 'hash-other' }))).rejects.toBeInstanceOf(StoreConflictError);
      await expect(store.createIntegrationToken(token('it-3', { tokenHash: 'hash-it-1' }))).rejects.toBeInstanceOf(StoreConflictError);
      expect(await store.listIntegrationTokens()).toHaveLength(2);
    });

    it('when a token is revoked, then it is no longer found, stays listed with when, and a second revocation or an unknown id says false', async () => {
      await store.createIntegrationToken(token('it-1'));
      expect(await store.revokeIntegrationToken('it-1', T0 + 60_000)).toBe(true);
      expect(await store.findIntegrationToken('hash-it-1')).toBeNull();
      expect(await store.revokeIntegrationToken('it-1', T0 + 120_000)).toBe(false);
      expect(await store.listIntegrationTokens()).toEqual([token('it-1', { revokedAt: T0 + 60_000 })]);
      expect(await store.revokeIntegrationToken('it-404', T0)).toBe(false);
    });
  });
}
