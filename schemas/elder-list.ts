import { z } from 'zod';
import { assessmentLevelSchema, elderGroupSchema } from './elder-record.js';

// The registry's filters (issue 21, the 名册 screen and the registry export): one set of query fields for the list
// and the export, so that "export what I see" is the same query with format added.

/** Digits (and a final X) of an ID number's end: the desk searches by the tail it reads off a card or a list. */
const ID_TAIL = /^[0-9]{3,17}[0-9Xx]$/;

export const elderListFilterFields = {
  /** Only elders with this group tag. */
  group: elderGroupSchema.optional(),
  /** Only elders in this region's subtree (a town or a community inside the caller's; 403 FORBIDDEN_REGION outside). */
  regionId: z.string().min(1).max(64).optional(),
  /** true: only 高龄 (80 or older on today's local date); false: the others, elders without a birth date among them. */
  veryOld: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  /** Only elders with this capability assessment level; `none`: those without an assessment. */
  assessment: z.union([assessmentLevelSchema, z.literal('none')]).optional(),
  /**
   * A part of the name, or the last 4 to 18 characters of the ID number (digits, a final X): the desk types what it
   * has. Text that looks like an ID tail searches ID numbers only.
   */
  q: z.string().trim().min(1).max(40).optional(),
};

export const isIdTail = (q: string): boolean => ID_TAIL.test(q) && q.length >= 4;

export const elderExportQuerySchema = z.strictObject({
  ...elderListFilterFields,
  format: z.enum(['csv', 'xlsx']).default('csv'),
});
export type ElderExportQuery = z.infer<typeof elderExportQuerySchema>;
