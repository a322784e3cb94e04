import { beforeEach, describe, expect, it } from 'vitest';
import type { AccountStore } from '../../../gateway/src/app/ports/store/accounts.port.js';
import type { UserStore } from '../../../gateway/src/app/ports/store/users.port.js';
import { StoreConflictError } from '../../../gateway/src/app/ports/store/store.port.js';
import { T0 } from '../../support/elder-state.js';
import { anOperator, seededStore, type OpenStore } from './setup.js';

// Users (users.port.ts): unique usernames, how many there are, patches that change only what they name, and the role
// and region path a session of theirs reads back with.


export function userStoreContract(name: string, open: OpenStore): void {
  describe(`user store contract: ${name}`, () => {
    const seeded = seededStore(open);
    const { community } = seeded;
    let store: UserStore & AccountStore;
    beforeEach(() => {
      store = seeded.store;
    });

    it('when a user is created and is looked up by session, then role and region path read back; an expired session is gone', async () => {
      await store.createUser({
        id: 'u-1',
        username: 'zhang',
        displayName: '护理员张',
        passwordHash: 'x',
        role: 'responder',
        regionId: 'community-1',
        responderKind: 'care_worker',
        phone: null,
        onDuty: true,
        disabledAt: null,
        createdAt: T0,
      });
      await expect(store.createUser({ ...(await store.getUser('u-1'))!, id: 'u-2' })).rejects.toBeInstanceOf(StoreConflictError);
      await store.createSession({ id: 's-1', tokenHash: 'th', userId: 'u-1', createdAt: T0, expiresAt: T0 + 1000, address: '203.0.113.7' });
      expect(await store.findSession('th', T0)).toMatchObject({ sessionId: 's-1', role: 'responder', regionId: 'community-1', regionPath: community.path, displayName: '护理员张' });
      expect(await store.findSession('th', T0 + 1000)).toBeNull();
      expect((await store.listUsers({ regionPath: community.path, role: 'responder' })).map((u) => u.id)).toEqual(['u-1']);
    });

    it('when users are created, then the count is theirs alone, and a refused username adds none', async () => {
      expect(await store.countUsers()).toBe(0);
      await store.createUser(anOperator('u-1', 'li'));
      await store.createUser(anOperator('u-2', 'wang'));
      await expect(store.createUser(anOperator('u-3', 'li'))).rejects.toBeInstanceOf(StoreConflictError);
      expect(await store.countUsers()).toBe(2);
    });

    it('when a user is updated, then only the fields of the patch change', async () => {
      await store.createUser(anOperator('u-1', 'li'));
      await store.updateUser('u-1', { onDuty: false });
      expect(await store.getUser('u-1')).toEqual({ ...anOperator('u-1', 'li'), onDuty: false });
      await store.updateUser('u-1', { phone: '13900000009' });
      expect(await store.getUser('u-1')).toEqual({ ...anOperator('u-1', 'li'), onDuty: false, phone: '13900000009' });
      await store.updateUser('u-1', { onDuty: true, phone: '13900000010' });
      expect(await store.getUser('u-1')).toEqual({ ...anOperator('u-1', 'li'), phone: '13900000010' });
      await store.updateUser('u-1', {});
      expect(await store.findUserByUsername('li')).toEqual({ ...anOperator('u-1', 'li'), phone: '13900000010' });
    });
  });
}
