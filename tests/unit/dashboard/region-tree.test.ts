import { describe, expect, it } from 'vitest';
import type { RegionBreakdownRow } from '../../../schemas/index.js';
import { breakdownTree, visibleNodes } from '../../../dashboard/src/desk/reports/breakdown-tree.js';
import { regionChoices } from '../../../dashboard/src/desk/queue/queue-filter.js';
import { communitiesIn, lowestLevelOf, nameWithParent } from '../../../dashboard/src/model/region-tree.js';
import { regionEntry } from './fixtures.js';

// The desk's region pickers and the reports' breakdown at the city plan's four levels (issue 21): no level is
// known by name; the tree is as deep as the regions are.

const cityRegions = new Map([
  regionEntry('c', '本市', 'city', null),
  regionEntry('d-west', '西城区', 'district', 'c'),
  regionEntry('d-east', '东城区', 'district', 'c'),
  regionEntry('s-b', '和平里街道', 'street', 'd-east'),
  regionEntry('s-a', '安定门街道', 'street', 'd-east'),
  regionEntry('m-1', '幸福社区', 'community', 's-a'),
  regionEntry('m-2', '安华社区', 'community', 's-a'),
  regionEntry('m-3', '南街社区', 'community', 's-b'),
  regionEntry('s-w', '月坛街道', 'street', 'd-west'),
  regionEntry('m-4', '幸福社区', 'community', 's-w'),
]);

describe('region pickers at four levels', () => {
  it('when a city desk opens the queue filter, then districts, streets and communities are listed depth first by name, each indented below its parent', () => {
    expect(regionChoices(cityRegions).map((c) => [c.region.name, c.indent])).toEqual([
      ['东城区', 0],
      ['安定门街道', 1],
      ['安华社区', 2],
      ['幸福社区', 2],
      ['和平里街道', 1],
      ['南街社区', 2],
      ['西城区', 0],
      ['月坛街道', 1],
      ['幸福社区', 2],
    ]);
  });

  it('when an operator registers an elder, then only the lowest level is offered, each named after its street, since names repeat', () => {
    const all = [...cityRegions.values()];
    expect(communitiesIn(all, 'd-east', lowestLevelOf([])).map((c) => c.label)).toEqual(['安定门街道 · 安华社区', '安定门街道 · 幸福社区', '和平里街道 · 南街社区']);
    expect(communitiesIn(all, 'c').length).toBe(4);
    expect(nameWithParent(cityRegions, cityRegions.get('m-4')!)).toBe('月坛街道 · 幸福社区');
    // a district's parent is the root: its name alone
    expect(nameWithParent(cityRegions, cityRegions.get('d-east')!)).toBe('东城区');
  });
});

function row(regionId: string, parentId: string, raised: number): RegionBreakdownRow {
  const stats = { count: 0, medianSeconds: null, p90Seconds: null };
  const r = cityRegions.get(regionId)!;
  return {
    regionId,
    name: r.name,
    level: r.level,
    parentId,
    raised,
    outcomes: { raised, resolved: raised, falseAlarms: 0, cancelled: 0, cleared: 0, open: 0 },
    timeToAcknowledge: { ...stats, waiting: 0, within60sShare: null },
    timeToArrive: stats,
    falseAlarms: 0,
  };
}

describe('report breakdown at four levels', () => {
  // in the gateway's order (depth first, by name)
  const rows = [row('d-east', 'c', 3), row('s-a', 'd-east', 1), row('m-2', 's-a', 0), row('m-1', 's-a', 1), row('s-b', 'd-east', 2), row('m-3', 's-b', 2), row('d-west', 'c', 0)];

  it('when a city report is shown, then each district holds its streets and each street its communities, and only expanded ones are seen', () => {
    const tree = breakdownTree(rows, 'name');
    expect(tree.map((n) => [n.row.regionId, n.depth, n.children.map((c) => [c.row.regionId, c.children.map((m) => m.row.regionId)])])).toEqual([
      ['d-east', 0, [['s-a', ['m-2', 'm-1']], ['s-b', ['m-3']]]],
      ['d-west', 0, []],
    ]);
    expect(visibleNodes(tree, new Set()).map((n) => n.row.regionId)).toEqual(['d-east', 'd-west']);
    expect(visibleNodes(tree, new Set(['d-east', 's-b'])).map((n) => [n.row.regionId, n.depth])).toEqual([
      ['d-east', 0],
      ['s-a', 1],
      ['s-b', 1],
      ['m-3', 2],
      ['d-west', 0],
    ]);
  });

  it('when sorted by alarms raised, then siblings at every depth are ordered largest first', () => {
    const tree = breakdownTree(rows, 'raised');
    expect(tree[0]!.children.map((c) => c.row.regionId)).toEqual(['s-b', 's-a']);
    expect(tree[0]!.children[1]!.children.map((c) => c.row.regionId)).toEqual(['m-1', 'm-2']);
  });
});
