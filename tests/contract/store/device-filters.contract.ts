import { beforeEach, describe, expect, it } from 'vitest';
import type { DeviceFilter, DeviceRecord, DeviceStore } from '../../../gateway/src/app/ports/store/devices.port.js';
import { T0 } from '../../support/elder-state.js';
import { seededStore, type OpenStore } from './setup.js';

// The device list's filters (devices.port.ts DeviceFilter, issue 22): the state (online, offline, never seen,
// retired; a filtered list leaves the retired out unless asked for them, the unfiltered one the registry loads does
// not), firmware, a low battery, not seen since, and a part of the id, its LIKE wildcards taken literally.

const HOUR = 3_600_000;

export function deviceFilterStoreContract(name: string, open: OpenStore): void {
  describe(`device list filters: ${name}`, () => {
    const seeded = seededStore(open);
    let store: DeviceStore;
    beforeEach(async () => {
      store = seeded.store;
      // dev-1 (seeded): never seen, no battery, no firmware.
      const base = (await store.getDevice('dev-1'))!;
      const add = (d: Partial<DeviceRecord> & { id: string }) => store.createDevice({ ...base, ...d });
      await add({ id: 'btn_on', online: true, lastSeenAt: T0, battery: 15, firmware: 'v1.0' });
      await add({ id: 'btnXoff', online: false, lastSeenAt: T0 - 2 * HOUR, battery: 80, firmware: 'v2.0' });
      await add({ id: 'old-1', online: false, lastSeenAt: T0 - 30 * HOUR, battery: 5, firmware: 'v1.0', retiredAt: T0 - HOUR });
    });
    const ids = async (filter: Omit<DeviceFilter, 'regionPath'>) =>
      (await store.listDevices({ regionPath: seeded.community.path, ...filter })).map((d) => d.id);

    it('when filtered by state, then online, offline, never seen and retired are apart, and no state leaves the retired out', async () => {
      expect(await ids({ state: 'online' })).toEqual(['btn_on']);
      expect(await ids({ state: 'offline' })).toEqual(['btnXoff']);
      expect(await ids({ state: 'never_seen' })).toEqual(['dev-1']);
      expect(await ids({ state: 'retired' })).toEqual(['old-1']);
      expect(await ids({})).toEqual(['btnXoff', 'btn_on', 'dev-1'].sort());
      expect((await store.listDevices({})).map((d) => d.id)).not.toContain('old-1');
    });

    it('when the list is read with no filter at all, then every device comes, the retired too', async () => {
      expect((await store.listDevices()).map((d) => d.id).sort()).toEqual(['btnXoff', 'btn_on', 'dev-1', 'old-1'].sort());
    });

    it('when filtered by firmware, battery or last seen, then only matching devices in service come', async () => {
      expect(await ids({ firmware: 'v1.0' })).toEqual(['btn_on']);
      expect(await ids({ firmware: 'v1.0', state: 'retired' })).toEqual(['old-1']);
      expect(await ids({ batteryBelow: 20 })).toEqual(['btn_on']);
      expect(await ids({ batteryBelow: 15 })).toEqual([]);
      expect(await ids({ lastSeenBefore: T0 - HOUR })).toEqual(['btnXoff', 'dev-1'].sort());
      expect(await ids({ lastSeenBefore: T0 + 1, state: 'online' })).toEqual(['btn_on']);
    });

    it('when searched by a part of the id, then its letters match in any case and _ and % are only themselves', async () => {
      expect(await ids({ idContains: 'btn' })).toEqual(['btnXoff', 'btn_on'].sort());
      expect(await ids({ idContains: 'BTN_' })).toEqual(['btn_on']);
      expect(await ids({ idContains: '_o' })).toEqual(['btn_on']);
      expect(await ids({ idContains: '%' })).toEqual([]);
      expect(await ids({ idContains: 'old' })).toEqual([]);
    });

    it('when filters combine with paging, then a page holds only matching devices after the cursor', async () => {
      expect(await ids({ idContains: 'btn', limit: 1 })).toEqual(['btnXoff']);
      expect(await ids({ idContains: 'btn', afterId: 'btnXoff', limit: 1 })).toEqual(['btn_on']);
    });
  });
}
