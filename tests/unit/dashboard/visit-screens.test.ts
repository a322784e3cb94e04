import { describe, expect, it } from 'vitest';
import { gapsIn, initiallyExpanded, missedOf, visibleRows, withChildren } from '../../../dashboard/src/desk/visits/coverage/coverage-tree.js';
import { ruleProblems, sameRules } from '../../../dashboard/src/desk/visits/policy/policy-draft.js';
import type { VisitCoverage, VisitPolicyRule } from '../../../schemas/index.js';

// The visits tab's pure parts: the coverage's tree table (which places show, what the drill-down lists) and the
// policy table's checks before anything is sent.

type Row = VisitCoverage['rows'][number];
type Gap = VisitCoverage['gaps'][number];

const zeros = { not_home: 0, refused: 0, mode_not_counted: 0, not_attempted: 0, in_progress: 0 };
const place = (regionId: string, parentId: string, depth: number): Row => ({
  regionId,
  regionName: regionId,
  level: depth === 1 ? 'town' : 'community',
  parentId,
  depth,
  elders: 1,
  due: 1,
  covered: 0,
  rate: 0,
  gaps: { ...zeros, in_progress: 1 },
});
const gap = (elderId: string, regionId: string, reason: Gap['reason']): Gap => ({
  elderId,
  elderName: elderId,
  regionId,
  regionName: regionId,
  period: '2026-12',
  periodEndsAt: 0,
  reason,
  taskId: null,
});

// county → town A (communities a1, a2) and town B (community b1), depth-first as the gateway sends them
const ROWS: Row[] = [place('A', 'county', 1), place('a1', 'A', 2), place('a2', 'A', 2), place('B', 'county', 1), place('b1', 'B', 2)];
const coverage = (gaps: Gap[]): VisitCoverage => ({
  range: '2026-12',
  from: 0,
  to: 1,
  regionId: 'county',
  regionName: '本县',
  total: { elders: 3, due: 3, covered: 0, rate: 0, gaps: zeros },
  rows: ROWS,
  byGroup: [],
  byMode: [],
  gaps,
  gapsTruncated: false,
});

describe('the coverage tree', () => {
  it('when a town is closed, then its communities are hidden and the others keep the gateway order', () => {
    expect(visibleRows(ROWS, new Set(['A', 'B'])).map((r) => r.regionId)).toEqual(['A', 'a1', 'a2', 'B', 'b1']);
    expect(visibleRows(ROWS, new Set(['B'])).map((r) => r.regionId)).toEqual(['A', 'B', 'b1']);
    expect(visibleRows(ROWS, new Set()).map((r) => r.regionId)).toEqual(['A', 'B']);
    expect([...withChildren(ROWS)].sort()).toEqual(['A', 'B', 'county']);
  });

  it('when a place is deeper than two levels, then it shows only once every place above it is open', () => {
    const deep = [...ROWS.slice(0, 2), place('a1x', 'a1', 3)];
    expect(visibleRows(deep, new Set(['A'])).map((r) => r.regionId)).toEqual(['A', 'a1']);
    expect(visibleRows(deep, new Set(['A', 'a1'])).map((r) => r.regionId)).toEqual(['A', 'a1', 'a1x']);
  });

  it('when the first two levels are short, then the towns start open; when long, then closed', () => {
    expect([...initiallyExpanded(ROWS)]).toEqual(['A', 'B']);
    const many = Array.from({ length: 45 }, (_, i) => place(`c${i}`, 'A', 2));
    expect(initiallyExpanded([ROWS[0]!, ...many]).size).toBe(0);
  });

  it('when a town is clicked, then the drill-down lists the gaps of its communities; a reason narrows them', () => {
    const report = coverage([gap('e1', 'a1', 'not_home'), gap('e2', 'a2', 'in_progress'), gap('e3', 'b1', 'refused'), gap('e4', 'A', 'not_attempted')]);
    expect(gapsIn(report, { regionId: 'A', reason: null }).map((g) => g.elderId)).toEqual(['e1', 'e2', 'e4']);
    expect(gapsIn(report, { regionId: 'a1', reason: null }).map((g) => g.elderId)).toEqual(['e1']);
    expect(gapsIn(report, { regionId: null, reason: 'refused' }).map((g) => g.elderId)).toEqual(['e3']);
    expect(gapsIn(report, { regionId: 'county', reason: 'missed' }).map((g) => g.elderId)).toEqual(['e1', 'e3', 'e4']);
  });

  it('when gaps are counted as not covered, then every reason but still waiting is', () => {
    expect(missedOf({ not_home: 1, refused: 2, mode_not_counted: 3, not_attempted: 4, in_progress: 100 })).toBe(10);
  });
});

describe('the policy table before saving', () => {
  const rule = (group: VisitPolicyRule['group'], assessmentLevel: VisitPolicyRule['assessmentLevel'], modes: VisitPolicyRule['modes'] = ['door']): VisitPolicyRule => ({
    group,
    assessmentLevel,
    frequency: 'monthly',
    modes,
  });

  it('when a row is for nobody in particular, has no mode, or repeats a group and level, then that row is marked with the gateway’s code', () => {
    expect(ruleProblems([rule('living_alone', null), rule(null, null), rule('dementia', null, []), rule('living_alone', null), rule('living_alone', 'severe')])).toEqual([
      null,
      'VISIT_POLICY_RULE_EMPTY',
      'VISIT_POLICY_NO_MODE',
      'VISIT_POLICY_DUPLICATE_RULE',
      null,
    ]);
  });

  it('when only the order of a row’s modes differs, then the table is unchanged; any other change is a change', () => {
    expect(sameRules([rule('living_alone', null, ['door', 'phone'])], [rule('living_alone', null, ['phone', 'door'])])).toBe(true);
    expect(sameRules([rule('living_alone', null)], [rule('living_alone', 'mild')])).toBe(false);
    expect(sameRules([rule('living_alone', null)], [])).toBe(false);
  });
});
