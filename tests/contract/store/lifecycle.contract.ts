import { beforeEach, describe, expect, it } from 'vitest';
import type { StoreLifecycle } from '../../../gateway/src/app/ports/store/store.port.js';
import { seededStore, type OpenStore } from './setup.js';

// The store's lifecycle (StoreLifecycle in store.port.ts): ping is what the health check (health.routes.ts) asks
// before it calls the store ready. Closing is every part's dispose (setup.ts).

export function lifecycleStoreContract(name: string, open: OpenStore): void {
  describe(`store lifecycle contract: ${name}`, () => {
    const seeded = seededStore(open);
    let store: StoreLifecycle;
    beforeEach(() => {
      store = seeded.store;
    });

    it('when the store is open, then a ping resolves, again and again', async () => {
      await expect(store.ping()).resolves.toBeUndefined();
      await expect(Promise.all([store.ping(), store.ping(), store.ping()])).resolves.toEqual([undefined, undefined, undefined]);
    });
  });
}
