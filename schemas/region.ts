import { z } from 'zod';

// The three-level network of basic elderly care: county → town or street → village or community
// (县 → 镇(街) → 村(社区)). Everything a person sees and does is scoped to their region and what lies below it.

export const REGION_LEVELS = ['county', 'town', 'community'] as const;
export const regionLevelSchema = z.enum(REGION_LEVELS);
export type RegionLevel = z.infer<typeof regionLevelSchema>;

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
    level: regionLevelSchema,
    /** Required for towns (a county) and communities (a town); a county has none. */
    parentId: z.string().min(1).max(64).optional(),
  })
  .strict();

export const regionListReplySchema = z.object({ items: z.array(regionSchema) });
