import { afterEach, describe, expect, it, vi } from 'vitest';
import { isFiltered, isWithin, matchesFilter, regionChoices } from '../../../dashboard/src/desk/queue/queue-filter.js';
import type { RegionView } from '../../../schemas/index.js';
import { anAlert, regionTree } from './fixtures.js';

// The queue's filters: region (and everything below it), alert type, status; remembered for the tab.

const NONE = { region: '', type: '', status: '' };
const inCommunity = (regionId: string) => ({ id: 'elder-1', name: '王秀英', address: '幸福路 1 号', regionId });

describe('queue filter: matching', () => {
  const regions = regionTree();

  it('when no filter is set, then every alert matches and the queue is not filtered', () => {
    expect(matchesFilter(anAlert({ id: 'a1' }), NONE, regions)).toBe(true);
    expect(isFiltered(NONE)).toBe(false);
    expect(isFiltered({ ...NONE, status: 'raised' })).toBe(true);
  });

  it('when the filter is a town, then alerts of its communities match and those of another town do not', () => {
    const filter = { ...NONE, region: 'town-1' };
    expect(matchesFilter(anAlert({ id: 'a1', elder: inCommunity('community-a') }), filter, regions)).toBe(true);
    expect(matchesFilter(anAlert({ id: 'a2', elder: inCommunity('community-b') }), filter, regions)).toBe(true);
    expect(matchesFilter(anAlert({ id: 'a3', elder: inCommunity('town-1') }), filter, regions)).toBe(true);
    expect(matchesFilter(anAlert({ id: 'a4', elder: inCommunity('community-c') }), filter, regions)).toBe(false);
  });

  it('when the filter is the county, then alerts two levels below match', () => {
    expect(isWithin('community-c', 'county', regions)).toBe(true);
  });

  it('when the filter is a community, then alerts of its town or a sibling community do not match', () => {
    expect(isWithin('town-1', 'community-a', regions)).toBe(false);
    expect(isWithin('community-b', 'community-a', regions)).toBe(false);
  });

  it('when the alert region is unknown to the desk, then only a filter on that very region matches it', () => {
    expect(isWithin('community-x', 'town-1', regions)).toBe(false);
    expect(isWithin('community-x', 'community-x', regions)).toBe(true);
  });

  it('when the regions form a loop, then the walk up stops instead of hanging', () => {
    const loop = new Map<string, RegionView>([
      ['r1', { id: 'r1', name: 'r1', level: 'town', parentId: 'r2' }],
      ['r2', { id: 'r2', name: 'r2', level: 'town', parentId: 'r1' }],
    ]);
    expect(isWithin('r1', 'elsewhere', loop)).toBe(false);
  });

  it('when the filter is a type, then only alerts of that type match', () => {
    const filter = { ...NONE, type: 'fall' };
    expect(matchesFilter(anAlert({ id: 'a1', type: 'fall' }), filter, regions)).toBe(true);
    expect(matchesFilter(anAlert({ id: 'a2', type: 'sos' }), filter, regions)).toBe(false);
  });

  it('when the filter is a status, then only alerts in that status match', () => {
    const filter = { ...NONE, status: 'on_hold' };
    expect(matchesFilter(anAlert({ id: 'a1', status: 'on_hold' }), filter, regions)).toBe(true);
    expect(matchesFilter(anAlert({ id: 'a2', status: 'raised' }), filter, regions)).toBe(false);
  });

  it('when region, type and status are all set, then an alert must match all three', () => {
    const filter = { region: 'town-2', type: 'smoke', status: 'raised' };
    const alert = anAlert({ id: 'a1', type: 'smoke', status: 'raised', elder: inCommunity('community-c') });
    expect(matchesFilter(alert, filter, regions)).toBe(true);
    expect(matchesFilter({ ...alert, status: 'acknowledged' }, filter, regions)).toBe(false);
    expect(matchesFilter({ ...alert, type: 'gas' }, filter, regions)).toBe(false);
    expect(matchesFilter({ ...alert, elder: inCommunity('community-a') }, filter, regions)).toBe(false);
  });
});

describe('queue filter: region choices', () => {
  it('when towns and communities are visible, then each town is followed by its communities, by name', () => {
    const choices = regionChoices(regionTree()).map((c) => [c.region.id, c.nested]);
    // zh-CN collation orders by pinyin: 东 (dong) before 西 (xi), 甲 (jia) before 乙 (yi).
    expect(choices).toEqual([
      ['town-1', false],
      ['community-a', true],
      ['community-b', true],
      ['town-2', false],
      ['community-c', true],
    ]);
  });

  it('when the desk sees a community but not its town, then the community is listed on its own', () => {
    const regions = new Map<string, RegionView>([['community-a', { id: 'community-a', name: '甲社区', level: 'community', parentId: 'town-1' }]]);
    expect(regionChoices(regions)).toEqual([{ region: regions.get('community-a'), nested: false, indent: 0 }]);
  });
});

describe('queue filter: remembered for the tab', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.resetModules();
  });

  function memoryStorage(initial: Record<string, string> = {}) {
    const items = new Map(Object.entries(initial));
    return { getItem: (k: string) => items.get(k) ?? null, setItem: (k: string, v: string) => void items.set(k, v), items };
  }

  it('when the tab saved a filter, then a reload starts with it, keeping only its string fields', async () => {
    vi.stubGlobal('sessionStorage', memoryStorage({ 'dutyDesk.queueFilter': JSON.stringify({ region: 'town-1', type: 7, status: 'raised' }) }));
    vi.resetModules();
    const { queueFilter } = await import('../../../dashboard/src/desk/queue/queue-filter.js');
    expect(queueFilter.value).toEqual({ region: 'town-1', type: '', status: 'raised' });
  });

  it('when the saved filter is not JSON, then the queue starts unfiltered', async () => {
    vi.stubGlobal('sessionStorage', memoryStorage({ 'dutyDesk.queueFilter': '{broken' }));
    vi.resetModules();
    const { queueFilter } = await import('../../../dashboard/src/desk/queue/queue-filter.js');
    expect(queueFilter.value).toEqual(NONE);
  });

  it('when the filter changes or is cleared, then the tab remembers it', async () => {
    const storage = memoryStorage();
    vi.stubGlobal('sessionStorage', storage);
    vi.resetModules();
    const { queueFilter, setQueueFilter, clearQueueFilter } = await import('../../../dashboard/src/desk/queue/queue-filter.js');
    setQueueFilter({ type: 'fall' });
    setQueueFilter({ status: 'raised' });
    expect(queueFilter.value).toEqual({ region: '', type: 'fall', status: 'raised' });
    expect(JSON.parse(storage.items.get('dutyDesk.queueFilter') ?? 'null')).toEqual({ region: '', type: 'fall', status: 'raised' });
    clearQueueFilter();
    expect(JSON.parse(storage.items.get('dutyDesk.queueFilter') ?? 'null')).toEqual(NONE);
  });

  it('when there is no storage at all, then the filter still works for the page', async () => {
    vi.resetModules();
    const { queueFilter, setQueueFilter } = await import('../../../dashboard/src/desk/queue/queue-filter.js');
    setQueueFilter({ region: 'town-2' });
    expect(queueFilter.value.region).toBe('town-2');
  });
});
