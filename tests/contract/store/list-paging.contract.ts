import { beforeEach, describe, expect, it } from 'vitest';
import type { AlertFilter, AlertStore, ListKey } from '../../../gateway/src/app/ports/store/alerts.port.js';
import type { DecisionStore } from '../../../gateway/src/app/ports/store/decisions.port.js';
import type { DeviceStore } from '../../../gateway/src/app/ports/store/devices.port.js';
import type { ElderStore } from '../../../gateway/src/app/ports/store/elders.port.js';
import type { RegionStore } from '../../../gateway/src/app/ports/store/regions.port.js';
import type { TaskFilter, TaskStore } from '../../../gateway/src/app/ports/store/tasks.port.js';
import { T0 } from '../../support/elder-state.js';
import { sampleAlert, sampleTask } from '../../support/fixtures.js';
import { batch, raisedEntry, seededStore, type OpenStore } from './setup.js';

// Keyset paging and the filters of the lists (alerts, tasks, elders, devices): pages walked to the end neither repeat
// nor skip a row, even when many rows share a time; each filter keeps only its rows, in both engines alike.

type Stores = AlertStore & DecisionStore & TaskStore & ElderStore & DeviceStore & RegionStore;

/** Walks a newest-first list page by page, each page starting before the last row of the previous one. */
async function walk<R extends { id: string }>(page: (before: ListKey | undefined) => Promise<R[]>, keyOf: (r: R) => ListKey, size: number): Promise<string[]> {
  const seen: string[] = [];
  let before: ListKey | undefined;
  for (;;) {
    const rows = await page(before);
    seen.push(...rows.map((r) => r.id));
    const last = rows.at(-1);
    if (rows.length < size || last === undefined) return seen;
    before = keyOf(last);
  }
}

async function walkById<R extends { id: string }>(page: (afterId: string | undefined) => Promise<R[]>, size: number): Promise<string[]> {
  const seen: string[] = [];
  let afterId: string | undefined;
  for (;;) {
    const rows = await page(afterId);
    seen.push(...rows.map((r) => r.id));
    const last = rows.at(-1);
    if (rows.length < size || last === undefined) return seen;
    afterId = last.id;
  }
}

export function listPagingStoreContract(name: string, open: OpenStore): void {
  describe(`list paging store contract: ${name}`, () => {
    const seeded = seededStore(open);
    let store: Stores;
    beforeEach(async () => {
      store = seeded.store;
      // A second community of the same town, with its own elder and device, for the region filters.
      const root = await store.rootRegion();
      await store.createRegion({ id: 'community-2', name: '和平社区', level: 'community', parentId: 'town-1', path: `${root.path}town-1/community-2/` });
      const elder = (await store.getElder('elder-1'))!;
      await store.createElder({ ...elder, id: 'elder-2', name: '李爷爷', regionId: 'community-2' });
      await store.createDevice({ id: 'dev-2', elderId: 'elder-2', kind: 'smoke_detector', room: null, secretHash: 'h', brokerPasswordHash: null, testModeUntil: null, online: true, battery: 80, lastSeenAt: T0, createdAt: T0, firmware: null, model: null, retiredAt: null, replacedBy: null });
    });

    const insertAlert = (id: string, overrides: Parameters<typeof sampleAlert>[1]) =>
      store.commit(batch({ alerts: [{ kind: 'insert', alert: sampleAlert(id, { dedupKey: id, ...overrides }), entry: raisedEntry(id), expectedStatus: null }] }), 'alarm');

    it('when a capped list of open alerts asks for the most urgent first, then an old P1 is kept and the newest P3s are left out', async () => {
      await insertAlert('old-p1', { raisedAt: T0, priority: 1 });
      for (const i of [1, 2, 3]) await insertAlert(`new-p3-${i}`, { raisedAt: T0 + i * 60_000, priority: 3 });
      const newest = await store.listAlerts({ statuses: 'all', limit: 2 });
      expect(newest.map((a) => a.id)).toEqual(['new-p3-3', 'new-p3-2']);
      const urgent = await store.listAlerts({ statuses: 'all', limit: 2, urgentFirst: true });
      expect(urgent.map((a) => a.id)).toEqual(['old-p1', 'new-p3-3']);
    });

    it('when seven alerts share a raised time, then paging by three reads each once, newest first and then by id', async () => {
      for (const i of [3, 1, 6, 2, 7, 5, 4]) await insertAlert(`a-${i}`, { raisedAt: T0 });
      await insertAlert('a-9', { raisedAt: T0 + 1000 });
      const page = (before: ListKey | undefined) => store.listAlerts({ statuses: 'all', limit: 3, ...(before ? { before } : {}) });
      const ids = await walk(page, (a) => ({ at: a.raisedAt, id: a.id }), 3);
      expect(ids).toEqual(['a-9', 'a-7', 'a-6', 'a-5', 'a-4', 'a-3', 'a-2', 'a-1']);
    });

    it('when alerts are filtered by elder, type, status, region and time, then each filter keeps only its alerts', async () => {
      await insertAlert('a-sos', { raisedAt: T0 });
      await insertAlert('a-fall', { type: 'fall', raisedAt: T0 + 1000, status: 'acknowledged', acknowledgedAt: T0 + 2000, acknowledgedBy: 'user:op' });
      await insertAlert('a-smoke', { type: 'smoke', elderId: 'elder-2', deviceId: 'dev-2', raisedAt: T0 + 2000 });
      const community2Path = `${(await store.rootRegion()).path}town-1/community-2/`;
      const ids = async (f: Partial<AlertFilter>) => (await store.listAlerts({ statuses: 'all', limit: 10, ...f })).map((a) => a.id);
      expect(await ids({ elderId: 'elder-2' })).toEqual(['a-smoke']);
      expect(await ids({ type: 'fall' })).toEqual(['a-fall']);
      expect(await ids({ statuses: ['raised'] })).toEqual(['a-smoke', 'a-sos']);
      expect(await ids({ regionPath: community2Path })).toEqual(['a-smoke']);
      expect(await ids({ raisedFrom: T0 + 1000, raisedTo: T0 + 2000 })).toEqual(['a-fall']);
    });

    it('when six tasks share a creation time, then paging by four reads each once, and a region filter may add the tasks of one assignee', async () => {
      for (const i of [2, 5, 1, 6, 3, 4]) await store.commit(batch({ tasks: [sampleTask(`t-${i}`, { dedupKey: `k-${i}` })] }), 'alarm');
      await store.commit(batch({ tasks: [sampleTask('t-away', { dedupKey: 'k-away', elderId: 'elder-2', deviceId: 'dev-2', assigneeId: 'u-1', status: 'assigned' })] }), 'alarm');
      const community1 = seeded.community;
      const f: TaskFilter = { statuses: 'all', limit: 4, regionPath: community1.path };
      const ids = await walk((before) => store.listTasks({ ...f, ...(before ? { before } : {}) }), (t) => ({ at: t.createdAt, id: t.id }), 4);
      expect(ids).toEqual(['t-6', 't-5', 't-4', 't-3', 't-2', 't-1']);
      const withOwn = await store.listTasks({ ...f, limit: 10, orAssigneeId: 'u-1' });
      expect(withOwn.map((t) => t.id)).toEqual(['t-away', 't-6', 't-5', 't-4', 't-3', 't-2', 't-1']);
      const ofElder = await store.listTasks({ statuses: 'all', limit: 10, elderId: 'elder-2' });
      expect(ofElder.map((t) => t.id)).toEqual(['t-away']);
    });

    it('when elders and devices are paged by id in a region, then each is read once and the other community stays out', async () => {
      const elder = (await store.getElder('elder-1'))!;
      for (const i of [5, 3, 4]) await store.createElder({ ...elder, id: `elder-1${i}`, name: `老人${i}` });
      const community1 = seeded.community;
      const elders = await walkById((afterId) => store.listElders({ regionPath: community1.path, limit: 2, ...(afterId ? { afterId } : {}) }), 2);
      expect(elders).toEqual(['elder-1', 'elder-13', 'elder-14', 'elder-15']);
      expect((await store.listElders()).map((e) => e.id)).toEqual(['elder-1', 'elder-13', 'elder-14', 'elder-15', 'elder-2']);

      for (const i of [3, 2]) await store.createDevice({ id: `dev-1${i}`, elderId: 'elder-13', kind: 'door_sensor', room: null, secretHash: 'h', brokerPasswordHash: null, testModeUntil: null, online: true, battery: null, lastSeenAt: T0, createdAt: T0, firmware: null, model: null, retiredAt: null, replacedBy: null });
      const devices = await walkById((afterId) => store.listDevices({ regionPath: community1.path, limit: 2, ...(afterId ? { afterId } : {}) }), 2);
      expect(devices).toEqual(['dev-1', 'dev-12', 'dev-13']);
    });

    it('when devices are filtered by elder, kind and presence, then each filter keeps only its devices', async () => {
      const ids = async (f: Parameters<DeviceStore['listDevices']>[0]) => (await store.listDevices(f)).map((d) => d.id);
      expect(await ids({ elderId: 'elder-2' })).toEqual(['dev-2']);
      expect(await ids({ kind: 'call_button' })).toEqual(['dev-1']);
      expect(await ids({ online: true })).toEqual(['dev-2']);
      expect(await ids({ online: false })).toEqual(['dev-1']);
      expect(await ids({ online: true, kind: 'call_button' })).toEqual([]);
    });
  });
}
