import { describe, expect, it } from 'vitest';
import { breakdownTree } from '../../../dashboard/src/desk/reports/breakdown-tree.js';
import { regionSubtree } from '../../../dashboard/src/desk/reports/report-choice.js';
import { periodOf, type PeriodChoice } from '../../../dashboard/src/desk/reports/report-period.js';
import type { RegionBreakdownRow } from '../../../schemas/index.js';
import { regionEntry } from './fixtures.js';

// The reports screen's periods in local time (weeks start on Monday), the regions it offers and its breakdown's order. The tests build
// their instants with local-time constructors, so they hold in whatever zone the machine runs.

const at = (y: number, m: number, d: number, h = 0, min = 0) => new Date(y, m - 1, d, h, min).getTime();
const choice = (preset: PeriodChoice['preset'], fromDay = '', toDay = ''): PeriodChoice => ({ preset, fromDay, toDay });

describe('report periods', () => {
  // Thursday 2026-12-10, 15:30 local
  const now = at(2026, 12, 10, 15, 30);

  it('when "today" is chosen, then the period runs from local midnight to now', () => {
    const period = periodOf(choice('today'), now)!;
    expect(period.from.getTime()).toBe(at(2026, 12, 10));
    expect(period.to.getTime()).toBe(now);
    expect(period.end.getTime()).toBe(at(2026, 12, 11));
  });

  it('when "this week" is chosen on a Thursday or a Sunday, then it starts on the Monday before', () => {
    expect(periodOf(choice('week'), now)!.from.getTime()).toBe(at(2026, 12, 7));
    const sunday = at(2026, 12, 13, 9);
    expect(periodOf(choice('week'), sunday)!.from.getTime()).toBe(at(2026, 12, 7));
    expect(periodOf(choice('week'), sunday)!.end.getTime()).toBe(at(2026, 12, 14));
    // a Monday is the first day of its own week
    expect(periodOf(choice('week'), at(2026, 12, 14, 0, 1))!.from.getTime()).toBe(at(2026, 12, 14));
  });

  it('when "this month" or "this quarter" is chosen, then they start on the 1st of the month and of the quarter', () => {
    expect(periodOf(choice('month'), now)!.from.getTime()).toBe(at(2026, 12, 1));
    expect(periodOf(choice('quarter'), now)!.from.getTime()).toBe(at(2026, 10, 1));
    expect(periodOf(choice('quarter'), at(2026, 3, 31, 23))!.from.getTime()).toBe(at(2026, 1, 1));
    expect(periodOf(choice('quarter'), at(2026, 3, 31, 23))!.end.getTime()).toBe(at(2026, 4, 1));
  });

  it('when a range of days is chosen, then both days are included, and a range ending in the past is not cut', () => {
    const period = periodOf(choice('range', '2026-11-01', '2026-11-30'), now)!;
    expect(period.from.getTime()).toBe(at(2026, 11, 1));
    expect(period.to.getTime()).toBe(at(2026, 12, 1));
  });

  it('when a range is reversed, malformed or starts in the future, then there is no period to ask for', () => {
    expect(periodOf(choice('range', '2026-11-30', '2026-11-01'), now)).toBeNull();
    expect(periodOf(choice('range', '2026-02-30', '2026-03-01'), now)).toBeNull();
    expect(periodOf(choice('range', '', '2026-11-01'), now)).toBeNull();
    expect(periodOf(choice('range', '2026-12-11', '2026-12-12'), now)).toBeNull();
  });
});

function row(regionId: string, parentId: string, raised: number, open: number): RegionBreakdownRow {
  const stats = { count: 0, medianSeconds: null, p90Seconds: null };
  return {
    regionId,
    name: regionId,
    level: parentId === 'county' ? 'town' : 'community',
    parentId,
    raised,
    outcomes: { raised, resolved: raised - open, falseAlarms: 0, cancelled: 0, cleared: 0, open },
    timeToAcknowledge: { ...stats, waiting: 0, within60sShare: null },
    timeToArrive: stats,
    falseAlarms: 0,
  };
}

describe('report breakdown', () => {
  const rows = [row('town-a', 'county', 3, 0), row('a-1', 'town-a', 1, 0), row('a-2', 'town-a', 2, 0), row('town-b', 'county', 2, 2), row('b-1', 'town-b', 2, 2)];

  it('when sorted by name, then towns keep the gateway order, each with its own communities', () => {
    const tree = breakdownTree(rows, 'name');
    expect(tree.map((n) => [n.row.regionId, n.children.map((c) => c.row.regionId)])).toEqual([
      ['town-a', ['a-1', 'a-2']],
      ['town-b', ['b-1']],
    ]);
  });

  it('when sorted by open or raised, then the largest come first, towns and their communities alike', () => {
    expect(breakdownTree(rows, 'open').map((n) => n.row.regionId)).toEqual(['town-b', 'town-a']);
    const byRaised = breakdownTree(rows, 'raised');
    expect(byRaised.map((n) => n.row.regionId)).toEqual(['town-a', 'town-b']);
    expect(byRaised[0]!.children.map((c) => c.row.regionId)).toEqual(['a-2', 'a-1']);
  });

  it("when the report is of a town, then its communities are the rows (their parent is not in the breakdown)", () => {
    const tree = breakdownTree([row('a-1', 'town-a', 1, 0), row('a-2', 'town-a', 2, 1)], 'name');
    expect(tree.map((n) => n.row.regionId)).toEqual(['a-1', 'a-2']);
  });
});

describe('report regions', () => {
  const regions = new Map([
    regionEntry('county', '本县', 'county', null),
    regionEntry('town-b', '东坝镇', 'town', 'county'),
    regionEntry('town-a', '城关镇', 'town', 'county'),
    regionEntry('a-2', '幸福社区', 'community', 'town-a'),
    regionEntry('a-1', '和平社区', 'community', 'town-a'),
    regionEntry('b-1', '东坝村', 'community', 'town-b'),
  ]);

  it("when a town's operator chooses, then only their town and its communities are offered, the town first", () => {
    expect(regionSubtree(regions, 'town-a').map((o) => [o.region.id, o.depth])).toEqual([
      ['town-a', 0],
      ['a-1', 1],
      ['a-2', 1],
    ]);
  });

  it('when a county supervisor chooses, then every town is followed by its own communities, in pinyin order', () => {
    // 城关镇 (cheng) before 东坝镇 (dong), 和平 (he) before 幸福 (xing)
    expect(regionSubtree(regions, 'county').map((o) => o.region.id)).toEqual(['county', 'town-a', 'a-1', 'a-2', 'town-b', 'b-1']);
  });

  it('when the user region is unknown to the page, then nothing is offered but their own region (the default)', () => {
    expect(regionSubtree(regions, 'elsewhere')).toEqual([]);
  });
});
