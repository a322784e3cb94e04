import { beforeEach, describe, expect, it } from 'vitest';
import type { CallFilter, CallRecord, CallStore } from '../../../gateway/src/app/ports/store/phone/calls.port.js';
import type { ElderStore } from '../../../gateway/src/app/ports/store/elders.port.js';
import type { RegionStore } from '../../../gateway/src/app/ports/store/regions.port.js';
import { StoreConflictError } from '../../../gateway/src/app/ports/store/store.port.js';
import type { UserStore } from '../../../gateway/src/app/ports/store/users.port.js';
import { HOUR, MINUTE } from '../../../gateway/src/core/time-units.js';
import { T0 } from '../../support/elder-state.js';
import { anOperator, seededStore, seedOtherTown, type OpenStore } from './setup.js';

// Calls (calls.port.ts): one record per call, read back with the elder's and the operator's names; listed newest
// first by (startedAt, id) with keyset paging, searched by text and number digits, scoped by the call's region; links
// set once; counted per local day, line and category and per region.

const call = (id: string, o: Partial<CallRecord> = {}): CallRecord => ({
  id,
  direction: 'inbound',
  line: '12349',
  callerNumber: '+8613800000001',
  elderId: 'elder-1',
  callerName: null,
  address: null,
  category: 'question',
  note: null,
  outcome: null,
  regionId: 'community-1',
  operatorId: 'op-1',
  startedAt: T0,
  endedAt: null,
  alertId: null,
  taskId: null,
  complaintId: null,
  party: null,
  externalId: null,
  createdAt: T0,
  ...o,
});

export function callStoreContract(name: string, open: OpenStore): void {
  describe(`call store contract: ${name}`, () => {
    const seeded = seededStore(open);
    let store: CallStore & UserStore & RegionStore & ElderStore;
    let all: string;
    const ids = async (f: Partial<CallFilter> = {}) => (await store.listCalls({ regionPath: all, limit: 50, ...f })).map((c) => c.id);
    beforeEach(async () => {
      store = seeded.store;
      all = (await store.rootRegion()).path;
      await store.createUser(anOperator('op-1', '话务员小李'));
    });

    it('when a call is recorded, then it reads back whole with the elder’s and operator’s names, and its id cannot be taken twice', async () => {
      const full = call('c-1', { direction: 'outbound', endedAt: T0 + 90_000, outcome: 'answered', party: 'contact:0', externalId: 'pbx-77', note: '已接通' });
      await store.createCall(full);
      expect(await store.getCall('c-1')).toEqual({ ...full, elderName: '王奶奶', operatorName: '话务员小李' });
      await expect(store.createCall(call('c-1'))).rejects.toBeInstanceOf(StoreConflictError);
      // A caller nobody knows yet, taken by something that is not a user: its id stands for its name.
      const stranger = call('c-2', { elderId: null, callerName: '邻居张先生', address: '河东路8号', regionId: 'town-1', operatorId: 'integration:pbx', callerNumber: null });
      await store.createCall(stranger);
      expect(await store.getCall('c-2')).toEqual({ ...stranger, elderName: null, operatorName: 'integration:pbx' });
      expect(await store.getCall('c-404')).toBeNull();
    });

    it('when calls fill several pages, then they list newest first by (startedAt, id) and `before` continues without a call twice or missed', async () => {
      const times: Array<[string, number]> = [['c-1', T0], ['c-2', T0 + 1000], ['c-3', T0 + 1000], ['c-4', T0 + 2000], ['c-5', T0 + 2000]];
      for (const [id, startedAt] of times) await store.createCall(call(id, { startedAt }));
      const newestFirst = ['c-5', 'c-4', 'c-3', 'c-2', 'c-1'];
      expect(await ids()).toEqual(newestFirst);
      for (const limit of [1, 2, 3]) {
        const seen: string[] = [];
        let before: CallFilter['before'];
        for (;;) {
          const page = await store.listCalls({ regionPath: all, limit, ...(before ? { before } : {}) });
          if (page.length === 0) break;
          expect(page.length).toBeLessThanOrEqual(limit);
          seen.push(...page.map((c) => c.id));
          const last = page.at(-1)!;
          before = { startedAt: last.startedAt, id: last.id };
        }
        expect(seen).toEqual(newestFirst);
      }
    });

    it('when calls are filtered by direction, line, category, elder, alert, link or time, then only the matching ones are listed', async () => {
      await store.createCall(call('c-1'));
      await store.createCall(call('c-2', { direction: 'outbound', line: 'direct', category: 'wellbeing', alertId: 'a-1', outcome: 'answered', startedAt: T0 + HOUR }));
      await store.createCall(call('c-3', { line: 'supervision', category: 'complaint', elderId: null, callerName: '张先生', startedAt: T0 + 2 * HOUR }));
      expect(await ids({ direction: 'outbound' })).toEqual(['c-2']);
      expect(await ids({ line: 'supervision' })).toEqual(['c-3']);
      expect(await ids({ category: 'question' })).toEqual(['c-1']);
      expect(await ids({ elderId: 'elder-1' })).toEqual(['c-2', 'c-1']);
      expect(await ids({ alertId: 'a-1' })).toEqual(['c-2']);
      expect(await ids({ unlinked: true })).toEqual(['c-3']);
      expect(await ids({ unlinked: false })).toEqual(['c-2', 'c-1']);
      expect(await ids({ from: T0 + HOUR, to: T0 + 2 * HOUR })).toEqual(['c-2']);
      expect(await ids({ direction: 'inbound', elderId: 'elder-1' })).toEqual(['c-1']);
    });

    it('when text or number digits are searched, then names, addresses and notes match case-insensitively and digits match inside the number', async () => {
      await store.createCall(call('c-1', { note: 'Asked about MEALS' }));
      await store.createCall(call('c-2', { elderId: null, callerName: 'Li Ming', address: '河东路8号', callerNumber: '057112345678', startedAt: T0 + 1 }));
      await store.createCall(call('c-3', { elderId: null, callerName: '张先生', callerNumber: null, note: '问送餐', startedAt: T0 + 2 }));
      expect(await ids({ text: 'meals' })).toEqual(['c-1']);
      expect(await ids({ text: 'li MING' })).toEqual(['c-2']);
      expect(await ids({ text: '奶奶' })).toEqual(['c-1']);
      expect(await ids({ text: '河东' })).toEqual(['c-2']);
      expect(await ids({ text: '幸福社区' })).toEqual(['c-1']);
      expect(await ids({ text: '送餐' })).toEqual(['c-3']);
      expect(await ids({ digits: '1234' })).toEqual(['c-2']);
      expect(await ids({ digits: '13800' })).toEqual(['c-1']);
      expect(await ids({ text: '张', digits: '1234' })).toEqual(['c-3', 'c-2']);
      // Not LIKE: a wildcard is a character like any other.
      expect(await ids({ text: '%' })).toEqual([]);
      expect(await ids({ text: '没有' })).toEqual([]);
    });

    it('when calls belong to two towns, then a list under one town’s path never shows the other’s', async () => {
      const { townPath, otherTownPath } = await seedOtherTown(store);
      await store.createCall(call('c-1'));
      await store.createCall(call('c-2', { elderId: 'elder-2', regionId: 'town-2', startedAt: T0 + 1 }));
      await store.createCall(call('c-3', { elderId: null, callerName: '过路人', regionId: 'town-1', startedAt: T0 + 2 }));
      expect(await ids({ regionPath: townPath })).toEqual(['c-3', 'c-1']);
      expect(await ids({ regionPath: seeded.community.path })).toEqual(['c-1']);
      expect(await ids({ regionPath: otherTownPath })).toEqual(['c-2']);
      expect(await ids({ regionPath: otherTownPath, text: '过路人' })).toEqual([]);
      expect(await ids()).toEqual(['c-3', 'c-2', 'c-1']);
    });

    it('when a call is linked, then each link is set once and a link already set refuses the whole change', async () => {
      await store.createCall(call('c-1', { elderId: null, callerName: '新来电', regionId: 'town-1' }));
      expect(await store.linkCall('c-1', { elderId: 'elder-1', regionId: 'community-1' })).toBe(true);
      expect(await store.getCall('c-1')).toMatchObject({ elderId: 'elder-1', elderName: '王奶奶', regionId: 'community-1', callerName: '新来电' });
      expect(await store.linkCall('c-1', { alertId: 'a-1' })).toBe(true);
      // A second alert from one call, or another elder: refused, and nothing of the change is written.
      expect(await store.linkCall('c-1', { alertId: 'a-2' })).toBe(false);
      expect(await store.linkCall('c-1', { taskId: 't-1', alertId: 'a-2' })).toBe(false);
      expect(await store.linkCall('c-1', { elderId: 'elder-1', regionId: 'town-1' })).toBe(false);
      expect(await store.getCall('c-1')).toMatchObject({ elderId: 'elder-1', regionId: 'community-1', alertId: 'a-1', taskId: null });
      expect(await store.linkCall('c-1', { taskId: 't-1', complaintId: 'k-1' })).toBe(true);
      expect(await store.getCall('c-1')).toMatchObject({ alertId: 'a-1', taskId: 't-1', complaintId: 'k-1' });
      expect(await store.linkCall('c-404', { alertId: 'a-9' })).toBe(false);
      expect(await store.linkCall('c-1', {})).toBe(true);
      expect(await store.linkCall('c-404', {})).toBe(false);
    });

    it('when calls are counted, then they group by local day, line and category and by region, within [from, to) and the region path', async () => {
      const { townPath } = await seedOtherTown(store);
      const offset = 8 * 60;
      // Local midnight (UTC+8) of 2026-11-23 and of 2026-11-25; T0 is 10:00 local on the 23rd.
      const from = Date.UTC(2026, 10, 22, 16);
      const to = Date.UTC(2026, 10, 24, 16);
      await store.createCall(call('c-1', { category: 'emergency' }));
      await store.createCall(call('c-2', { category: 'emergency', startedAt: T0 + HOUR }));
      await store.createCall(call('c-3', { elderId: null, callerName: '路人', regionId: 'town-1', startedAt: T0 + 13 * HOUR + 30 * MINUTE }));
      await store.createCall(call('c-4', { line: 'supervision', category: 'complaint', startedAt: T0 + 14 * HOUR + 30 * MINUTE }));
      await store.createCall(call('c-5', { elderId: 'elder-2', regionId: 'town-2' }));
      await store.createCall(call('c-6', { startedAt: from - 1 }));
      await store.createCall(call('c-7', { startedAt: to }));
      expect(await store.countCalls({ regionPath: townPath, from, to, utcOffsetMinutes: offset })).toEqual({
        byDay: [
          { day: '2026-11-23', line: '12349', category: 'emergency', count: 2 },
          { day: '2026-11-23', line: '12349', category: 'question', count: 1 },
          { day: '2026-11-24', line: 'supervision', category: 'complaint', count: 1 },
        ],
        byRegion: [
          { regionId: 'community-1', count: 3 },
          { regionId: 'town-1', count: 1 },
        ],
      });
      // In UTC, 00:30 local on the 24th is still the 23rd.
      const utc = await store.countCalls({ regionPath: townPath, from, to, utcOffsetMinutes: 0 });
      expect(utc.byDay).toContainEqual({ day: '2026-11-23', line: 'supervision', category: 'complaint', count: 1 });
      expect(await store.countCalls({ regionPath: `${all}nowhere/`, from, to, utcOffsetMinutes: offset })).toEqual({ byDay: [], byRegion: [] });
    });
  });
}
