import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, regionPlanOf } from '../../gateway/src/config.js';
import type { Alert } from '../../gateway/src/core/alerts/alert.js';
import { childLevel, depthOfPath, levelAtDepth, lowestLevel, regionPlan } from '../../gateway/src/core/regions/region-plan.js';
import { regionBreakdown } from '../../gateway/src/core/reports/region-breakdown.js';
import { T0 } from '../support/elder-state.js';
import { reportPlace, sampleAlert } from '../support/fixtures.js';

// A deployment's region plan (config REGION_PLAN, REGION_LEVEL_NAMES): county or city, the level of each depth, and
// the reports' breakdown in tree order at the city plan's four levels.

describe('region plan from config', () => {
  it('when nothing is configured, then the plan is the county: 县 → 镇(街道) → 村(社区)', () => {
    const plan = regionPlanOf(loadConfig({}));
    expect(plan.levels.map((l) => [l.key, l.depth, l.name['zh-CN'], l.name.en])).toEqual([
      ['county', 0, '县', 'County'],
      ['town', 1, '镇(街道)', 'Town'],
      ['community', 2, '村(社区)', 'Community'],
    ]);
    expect(plan.rootName).toBe('本县');
  });

  it('when REGION_PLAN=city with four names, then the levels are city, district, street, community under those Chinese names, English from the plan', () => {
    const plan = regionPlanOf(loadConfig({ REGION_PLAN: 'city', REGION_LEVEL_NAMES: '市, 区，街道,居委会' }));
    expect(plan.levels.map((l) => [l.key, l.name['zh-CN'], l.name.en])).toEqual([
      ['city', '市', 'City'],
      ['district', '区', 'District'],
      ['street', '街道', 'Street'],
      ['community', '居委会', 'Community'],
    ]);
    expect(plan.rootName).toBe('本市');
  });

  it('when REGION_LEVEL_NAMES has a name too few or too many, then the gateway refuses to start and says how many the plan has', () => {
    expect(() => loadConfig({ REGION_PLAN: 'city', REGION_LEVEL_NAMES: '市,区,社区' })).toThrow(ConfigError);
    expect(() => loadConfig({ REGION_PLAN: 'city', REGION_LEVEL_NAMES: '市,区,社区' })).toThrow(/REGION_LEVEL_NAMES has 3 names; the city plan has 4 levels/);
    expect(() => loadConfig({ REGION_LEVEL_NAMES: '县,镇,村,组' })).toThrow(/the county plan has 3 levels/);
    expect(() => loadConfig({ REGION_LEVEL_NAMES: '县,,村' })).toThrow(/empty name/);
    expect(() => loadConfig({ REGION_PLAN: 'province' })).toThrow(/REGION_PLAN/);
  });
});

describe('level of a depth', () => {
  const city = regionPlan('city');
  const county = regionPlan('county');

  it('when a path is 1 to 4 ids long, then its depth is 0 to 3 and the city plan has city, district, street, community there', () => {
    const paths = ['/c/', '/c/d/', '/c/d/s/', '/c/d/s/m/'];
    expect(paths.map((p) => levelAtDepth(city, depthOfPath(p)))).toEqual(['city', 'district', 'street', 'community']);
    expect(levelAtDepth(city, 4)).toBeUndefined();
    expect(paths.map((p) => levelAtDepth(county, depthOfPath(p)))).toEqual(['county', 'town', 'community', undefined]);
  });

  it('when a region is added under a parent, then its level is the one below the parent\'s, and nothing lies below the lowest', () => {
    expect(childLevel(city, 'city')).toBe('district');
    expect(childLevel(city, 'street')).toBe('community');
    expect(childLevel(city, 'community')).toBeUndefined();
    expect(childLevel(county, 'county')).toBe('town');
    // a level the plan does not have has no child in it
    expect(childLevel(county, 'street')).toBeUndefined();
    expect([lowestLevel(city), lowestLevel(county)]).toEqual(['community', 'community']);
  });
});

describe('breakdown at the city plan\'s depth', () => {
  // city → 2 districts → streets → communities, named so that the zh-CN order differs from the ids' order.
  const city = reportPlace('c', '本市', 'city', null);
  const west = reportPlace('d1', '西城区', 'district', city);
  const east = reportPlace('d2', '东城区', 'district', city);
  const westA = reportPlace('s1', '月坛街道', 'street', west);
  const eastB = reportPlace('s2', '和平里街道', 'street', east);
  const eastA = reportPlace('s3', '安定门街道', 'street', east);
  const m1 = reportPlace('m1', '幸福社区', 'community', eastA);
  const m2 = reportPlace('m2', '安华社区', 'community', eastA);
  const m3 = reportPlace('m3', '南街社区', 'community', eastB);
  const m4 = reportPlace('m4', '白云社区', 'community', westA);
  const places = [city, west, east, westA, eastB, eastA, m1, m2, m3, m4];
  const alerts = [sampleAlert('a1', { raisedAt: T0 }), sampleAlert('a2', { raisedAt: T0 })];
  const pathOf = new Map([
    ['a1', m1.path],
    ['a2', m4.path],
  ]);

  it('when the report is of the city, then every district, street and community is a row, depth first and siblings by zh-CN name, each with its subtree\'s alerts', () => {
    const rows = regionBreakdown(city, places, alerts, (a: Alert) => pathOf.get(a.id), T0 + 60_000);
    // zh-CN collation is by pinyin: 东 (dong) before 西 (xi); 安 (an) before 和 (he); 安华 (an hua) before 幸福 (xing fu)
    expect(rows.map((r) => [r.name, r.level, r.raised])).toEqual([
      ['东城区', 'district', 1],
      ['安定门街道', 'street', 1],
      ['安华社区', 'community', 0],
      ['幸福社区', 'community', 1],
      ['和平里街道', 'street', 0],
      ['南街社区', 'community', 0],
      ['西城区', 'district', 1],
      ['月坛街道', 'street', 1],
      ['白云社区', 'community', 1],
    ]);
    expect(rows.find((r) => r.regionId === 's3')?.parentId).toBe('d2');
  });

  it('when the report is of a street, then its communities are the rows, and nothing of a sibling street', () => {
    const rows = regionBreakdown(eastA, places, alerts, (a: Alert) => pathOf.get(a.id), T0 + 60_000);
    expect(rows.map((r) => r.name)).toEqual(['安华社区', '幸福社区']);
  });
});
