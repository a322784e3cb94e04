// The names of the deployment's region levels (县/镇(街道)/村(社区), or 市/区/街道/社区) as GET /regions gives them,
// loaded once per session for the coverage's tree; a level the reply does not name reads by its own label.

import { signal } from '@preact/signals';
import type { RegionLevelInfo } from '../../../../../schemas/index.js';
import { listRegions } from '../../../shared/api.js';
import { known, lang } from '../../../shared/i18n.js';

const levels = signal<{ session: string; levels: readonly RegionLevelInfo[] } | null>(null);

/** Asks for the levels once per session; a failure leaves the fallback names (the tree does not wait for this). */
export function loadLevelNames(session: string): void {
  if (levels.peek()?.session === session) return;
  levels.value = { session, levels: [] };
  listRegions(session).then(
    (reply) => {
      // an older gateway sends no levels
      if (Array.isArray(reply.levels) && levels.peek()?.session === session) levels.value = { session, levels: reply.levels };
    },
    () => undefined,
  );
}

export function levelName(level: string): string {
  const info = levels.value?.levels.find((l) => l.key === level);
  return info ? info.name[lang.value] : (known(`region.level.${level}`) ?? level);
}
