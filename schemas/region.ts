import { z } from 'zod';

// The network of basic elderly care, as deep as the deployment: a county plan (县 → 镇(街道) → 村(社区)) or a city plan
// (市 → 区 → 街道 → 社区). Everything a person sees and does is scoped to their region and what lies below it. A
// region's level is the plan's level at its depth (docs/care-workflow.md, "Regions").

/** Every level any plan has; a deployment uses the levels of its plan (REGION_PLAN), top down. */
export const REGION_LEVELS = ['city', 'district', 'county', 'town', 'street', 'community'] as const;
export const regionLevelSchema = z.enum(REGION_LEVELS);
export type RegionLevel = z.infer<typeof regionLevelSchema>;

export const REGION_PLAN_KEYS = ['county', 'city'] as const;
export const regionPlanKeySchema = z.enum(REGION_PLAN_KEYS);
export type RegionPlanKey = z.infer<typeof regionPlanKeySchema>;

export const regionLevelInfoSchema = z.object({
  key: regionLevelSchema,
  /** 0 for the root (the county or the city), 1 right below it, ... */
  depth: z.number().int().nonnegative(),
  name: z.object({ 'zh-CN': z.string(), en: z.string() }),
});
export type RegionLevelInfo = z.infer<typeof regionLevelInfoSchema>;

/** A plan's levels, top down, with the names a deployment keeps unless REGION_LEVEL_NAMES overrides the Chinese ones. */
export const REGION_PLANS: Record<RegionPlanKey, { rootName: string; levels: ReadonlyArray<{ key: RegionLevel; zh: string; en: string }> }> = {
  county: {
    rootName: '本县',
    levels: [
      { key: 'county', zh: '县', en: 'County' },
      { key: 'town', zh: '镇(街道)', en: 'Town' },
      { key: 'community', zh: '村(社区)', en: 'Community' },
    ],
  },
  city: {
    rootName: '本市',
    levels: [
      { key: 'city', zh: '市', en: 'City' },
      { key: 'district', zh: '区', en: 'District' },
      { key: 'street', zh: '街道', en: 'Street' },
      { key: 'community', zh: '社区', en: 'Community' },
    ],
  },
};

export const regionSchema = z.object({
  id: z.string(),
  name: z.string(),
  level: regionLevelSchema,
  parentId: z.string().nullable(),
});
export type RegionView = z.infer<typeof regionSchema>;

export const createRegionBodySchema = z
  .object({
    name: z.string().trim().min(1).max(100),
    /** Optional: the level below the parent's. Given, it must be that level (REGION_LEVEL_INVALID otherwise). */
    level: regionLevelSchema.optional(),
    /** The region it lies in; the root (the county or the city) is made when the gateway is installed. */
    parentId: z.string().min(1).max(64).optional(),
  })
  .strict();

export const regionListReplySchema = z.object({
  items: z.array(regionSchema),
  /** The deployment's levels, top down, with their names (the desk and the reports show them). */
  levels: z.array(regionLevelInfoSchema),
});
export type RegionListReply = z.infer<typeof regionListReplySchema>;
