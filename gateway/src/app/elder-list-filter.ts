import { isIdTail, VERY_OLD_AGE, type ElderGroup, type AssessmentLevel } from '../../../schemas/index.js';
import { requireInScope, type Access } from './access.js';
import type { RegionDirectory } from './directories/region-directory.js';
import { AppError } from './errors.js';
import type { ElderFilter } from './ports/store/elders.port.js';

// The registry's filters (schemas/elder-list.ts) as a store filter, for the list and the export alike.

export interface ElderListFilterInput {
  group?: ElderGroup | undefined;
  regionId?: string | undefined;
  veryOld?: boolean | undefined;
  assessment?: AssessmentLevel | 'none' | undefined;
  q?: string | undefined;
}

/**
 * The last birth date of someone 高龄 today: VERY_OLD_AGE years before today, as text. Whole years compare as dates
 * do (core/elders/elder-dates.ts ageOn), so `birth_date <= cutoff` is the same rule the record's `veryOld` uses.
 */
export function veryOldCutoff(today: string): string {
  const year = Number(today.slice(0, 4)) - VERY_OLD_AGE;
  return `${String(year).padStart(4, '0')}${today.slice(4)}`;
}

/** The filter of the person's region (or of a region inside it), with the query's conditions; no paging. */
export function elderListFilter(access: Access, query: ElderListFilterInput, regions: RegionDirectory, today: string): ElderFilter {
  let regionPath = access.regionPath;
  if (query.regionId !== undefined) {
    const path = regions.pathOf(query.regionId);
    if (path === undefined) throw new AppError('REGION_NOT_FOUND');
    requireInScope(access, path);
    regionPath = path;
  }
  const filter: ElderFilter = { regionPath };
  if (query.group !== undefined) filter.group = query.group;
  if (query.veryOld === true) filter.bornOnOrBefore = veryOldCutoff(today);
  if (query.veryOld === false) filter.notBornOnOrBefore = veryOldCutoff(today);
  if (query.assessment !== undefined) filter.assessmentLevel = query.assessment === 'none' ? null : query.assessment;
  if (query.q !== undefined) {
    if (isIdTail(query.q)) filter.idNumberEndsWith = query.q.toUpperCase();
    else filter.nameContains = query.q;
  }
  return filter;
}
