// The deployment's region levels (GET /regions `levels`), top down, with their names: the desk names a level as the
// deployment does (区, 街道, 社区 in a city; 镇(街道), 村(社区) in a county), never by a name written into a screen.

import { signal } from '@preact/signals';
import type { RegionLevelInfo } from '../../../../schemas/index.js';
import { known, lang } from '../../shared/i18n.js';
import { lowestLevelOf } from '../../model/region-tree.js';

export const regionLevels = signal<readonly RegionLevelInfo[]>([]);

/** The level's name in the page's language; the plans' own name (messages/regions.ts) before the levels are loaded. */
export function levelName(key: string): string {
  const level = regionLevels.value.find((l) => l.key === key);
  if (level) return level.name[lang.value];
  return known(`region.level.${key}`) ?? key;
}

/** Where elders live: the lowest level of the plan. */
export const lowestLevel = (): string => lowestLevelOf(regionLevels.value);
