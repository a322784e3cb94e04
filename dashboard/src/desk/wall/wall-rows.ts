// The wall as the rows the virtual list draws: per region a header row, then rows of as many tiles as fit the width.
// Built again when the homes, the filter, the search, the width or the region names change — a pass over the homes,
// not per live event (a live event only redraws the tiles on screen).

import type { WallGroup } from '../../model/wall-book.js';
import type { HomeState, HomeTile } from '../../model/wall-home.js';

export type WallRow =
  | { kind: 'group'; key: string; regionId: string; shown: number; total: number }
  | { kind: 'tiles'; key: string; homes: HomeTile[] };

export interface RowFilter {
  /** Only homes in this state (among others they may be in); null for all. */
  state: HomeState | null;
  /** Lower-case text every shown home's name, address, device id or room contains; '' for all. */
  query: string;
}

/** "第2社区" before "第13社区". */
const nameOrder = new Intl.Collator('zh-CN', { numeric: true }).compare;

export function normalizeQuery(text: string): string {
  return text.trim().toLowerCase();
}

export function wallRows(groups: readonly WallGroup[], filter: RowFilter, columns: number, groupName: (regionId: string) => string): WallRow[] {
  const rows: WallRow[] = [];
  const named = groups.map((group) => ({ group, name: groupName(group.regionId) }));
  named.sort((a, b) => nameOrder(a.name, b.name));
  for (const { group } of named) {
    const shown = filter.state === null && filter.query === '' ? group.homes : group.homes.filter((home) => matches(home, filter));
    if (shown.length === 0) continue;
    rows.push({ kind: 'group', key: `g:${group.regionId}`, regionId: group.regionId, shown: shown.length, total: group.homes.length });
    for (let i = 0; i < shown.length; i += columns) {
      rows.push({ kind: 'tiles', key: `t:${group.regionId}:${i / columns}`, homes: shown.slice(i, i + columns) });
    }
  }
  return rows;
}

function matches(home: HomeTile, filter: RowFilter): boolean {
  // every state the home is in, not only the one its tile is drawn in: the filter shows what the count counts
  if (filter.state !== null && !home.states.includes(filter.state)) return false;
  return filter.query === '' || home.haystack.includes(filter.query);
}
