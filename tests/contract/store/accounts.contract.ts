import { beforeEach, describe, expect, it } from 'vitest';
import type { AccountStore } from '../../../gateway/src/app/ports/store/accounts.port.js';
import type { UserStore } from '../../../gateway/src/app/ports/store/users.port.js';
import { T0 } from '../../support/elder-state.js';
import { anOperator, seededStore, type OpenStore } from './setup.js';

// Accounts (accounts.port.ts): sessions listed and revoked, disabled users, new passwords, and failed logins counted
// per name and address.

const session = (id: string, userId: string, createdAt: number) => ({ id, tokenHash: `hash-${id}`, userId, createdAt, expiresAt: T0 + 60_000, address: '198.51.100.1' });

export function accountStoreContract(name: string, open: OpenStore): void {
  describe(`account store contract: ${name}`, () => {
    const seeded = seededStore(open);
    let store: AccountStore & UserStore;
    beforeEach(() => {
      store = seeded.store;
    });

    it('when sessions are listed and revoked one and then all, then only live ones are listed and found, and each revocation names what it ended', async () => {
      await store.createUser(anOperator('u-1', 'li'));
      await store.createUser(anOperator('u-2', 'wang'));
      await store.createSession(session('s-1', 'u-1', T0));
      await store.createSession(session('s-2', 'u-1', T0 + 1));
      await store.createSession(session('s-3', 'u-1', T0 + 2));
      await store.createSession(session('s-other', 'u-2', T0));
      await store.createSession({ ...session('s-old', 'u-1', T0 - 10), expiresAt: T0 });
      expect((await store.listSessions('u-1', T0 + 5)).map((s) => s.id)).toEqual(['s-3', 's-2', 's-1']);
      expect((await store.listSessions('u-1', T0 + 5))[0]).toEqual({ id: 's-3', userId: 'u-1', createdAt: T0 + 2, expiresAt: T0 + 60_000, address: '198.51.100.1' });

      expect(await store.revokeSessions('u-1', T0 + 10, 's-2')).toEqual(['s-2']);
      expect(await store.revokeSessions('u-1', T0 + 11, 's-2')).toEqual([]);
      expect(await store.revokeSessions('u-2', T0 + 11, 's-1')).toEqual([]);
      expect(await store.findSession('hash-s-2', T0 + 12)).toBeNull();
      expect(await store.findSession('hash-s-1', T0 + 12)).toMatchObject({ sessionId: 's-1', userId: 'u-1' });

      expect((await store.revokeSessions('u-1', T0 + 20)).sort()).toEqual(['s-1', 's-3']);
      expect(await store.listSessions('u-1', T0 + 21)).toEqual([]);
      expect(await store.findSession('hash-s-1', T0 + 21)).toBeNull();
      expect(await store.findSession('hash-s-other', T0 + 21)).toMatchObject({ sessionId: 's-other' });
    });

    it('when a user is disabled, then none of their sessions is found until they are enabled; a new password reads back', async () => {
      await store.createUser(anOperator('u-1', 'li'));
      await store.createSession(session('s-1', 'u-1', T0));
      await store.setUserDisabled('u-1', T0 + 5);
      expect(await store.getUser('u-1')).toMatchObject({ disabledAt: T0 + 5 });
      expect(await store.findSession('hash-s-1', T0 + 6)).toBeNull();
      await store.setUserDisabled('u-1', null);
      expect(await store.findSession('hash-s-1', T0 + 7)).toMatchObject({ sessionId: 's-1' });
      await store.setUserPassword('u-1', 'scrypt$new');
      expect(await store.findUserByUsername('li')).toMatchObject({ passwordHash: 'scrypt$new', disabledAt: null });
    });

    it('when logins fail per name and address, then each pair counts alone, unknown names count too, and resets clear one address or all', async () => {
      expect(await store.loginFailures('li', '198.51.100.1')).toEqual({ failures: 0, lockedUntil: null });
      expect(await store.recordLoginFailure('li', '198.51.100.1', null)).toBe(1);
      expect(await store.recordLoginFailure('li', '198.51.100.1', T0 + 900_000)).toBe(2);
      expect(await store.recordLoginFailure('li', '203.0.113.9', null)).toBe(1);
      expect(await store.recordLoginFailure('nobody-has-this-name', '198.51.100.1', null)).toBe(1);
      expect(await store.loginFailures('li', '198.51.100.1')).toEqual({ failures: 2, lockedUntil: T0 + 900_000 });
      expect(await store.loginFailures('li', '203.0.113.9')).toEqual({ failures: 1, lockedUntil: null });

      await store.resetLoginFailures('li', '198.51.100.1');
      expect(await store.loginFailures('li', '198.51.100.1')).toEqual({ failures: 0, lockedUntil: null });
      expect(await store.loginFailures('li', '203.0.113.9')).toEqual({ failures: 1, lockedUntil: null });
      await store.resetLoginFailures('li');
      expect(await store.loginFailures('li', '203.0.113.9')).toEqual({ failures: 0, lockedUntil: null });
      expect(await store.loginFailures('nobody-has-this-name', '198.51.100.1')).toEqual({ failures: 1, lockedUntil: null });
    });
  });
}
