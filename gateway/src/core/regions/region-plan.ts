import { REGION_PLANS, type RegionLevel, type RegionLevelInfo, type RegionPlanKey } from '../../../../schemas/index.js';

// A deployment's region plan: its levels top down, each with its Chinese and English name. The plan comes from
// config (REGION_PLAN, REGION_LEVEL_NAMES); a region's level is the plan's level at its depth.

export interface RegionPlan {
  key: RegionPlanKey;
  /** The root's name when nobody named it (本县, 本市). */
  rootName: string;
  levels: readonly RegionLevelInfo[];
}

/** The problem with `names` for the plan `key`, or null: exactly one non-empty name per level. */
export function levelNamesProblem(key: RegionPlanKey, names: readonly string[]): string | null {
  const count = REGION_PLANS[key].levels.length;
  if (names.length !== count) return `REGION_LEVEL_NAMES has ${names.length} names; the ${key} plan has ${count} levels (${REGION_PLANS[key].levels.map((l) => l.zh).join(',')})`;
  if (names.some((n) => n === '')) return 'REGION_LEVEL_NAMES has an empty name';
  return null;
}

/** The plan with its Chinese names replaced by `zhNames` (checked by levelNamesProblem first) when given. */
export function regionPlan(key: RegionPlanKey, zhNames?: readonly string[]): RegionPlan {
  const { rootName, levels } = REGION_PLANS[key];
  return {
    key,
    rootName,
    levels: levels.map((l, depth) => ({ key: l.key, depth, name: { 'zh-CN': zhNames?.[depth] ?? l.zh, en: l.en } })),
  };
}

/** A region's depth from its path: `/root/` is 0, `/root/a/` is 1, ... */
export const depthOfPath = (path: string): number => path.split('/').filter((id) => id !== '').length - 1;

/** The plan's level at `depth`; undefined below the lowest level (or above the root). */
export const levelAtDepth = (plan: RegionPlan, depth: number): RegionLevel | undefined => plan.levels[depth]?.key;

/** The level a new child of a region at `parentLevel` takes; undefined when the parent is of the lowest level. */
export function childLevel(plan: RegionPlan, parentLevel: RegionLevel): RegionLevel | undefined {
  const depth = plan.levels.findIndex((l) => l.key === parentLevel);
  return depth < 0 ? undefined : levelAtDepth(plan, depth + 1);
}

/** The lowest level (community in both plans): where elders live and neighbours are found. */
export const lowestLevel = (plan: RegionPlan): RegionLevel => (plan.levels[plan.levels.length - 1] as RegionLevelInfo).key;

/** The Chinese name of a level in this plan (the key itself for a level the plan does not have). */
export const levelNameZh = (plan: RegionPlan, level: string): string => plan.levels.find((l) => l.key === level)?.name['zh-CN'] ?? level;
