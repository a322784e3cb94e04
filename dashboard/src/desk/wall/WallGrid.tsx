// The homes as a virtual list: only the rows in view (and a few around them) are in the DOM, whatever the number of
// homes. Rows have fixed heights in rem, so nothing is measured while scrolling; tiles per row follow the width.

import { useCallback, useEffect, useMemo, useRef } from 'preact/hooks';
import type { RegionView } from '../../../../schemas/index.js';
import { t } from '../../shared/i18n.js';
import { regions } from '../state/desk-state.js';
import { useBox } from './use-box.js';
import { useVirtualizer } from './use-virtualizer.js';
import { wallBook } from '../state/desk-wall.js';
import type { HomeTile } from '../../model/wall-home.js';
import { nameWithParent } from '../../model/region-tree.js';
import { wallRows, type RowFilter } from './wall-rows.js';
import { WallGroupHeader } from './WallGroupHeader.js';
import { WallTile } from './WallTile.js';

/**
 * Sizes in rem, as wall.css draws them: small tiles (a name of three characters, the problem in a few words, a mark
 * per state) so that some ninety homes fit a 1920×1080 desk screen below its banner and KPI strip.
 */
const TILE_MIN_REM = 7;
const GAP_REM = 0.35;
const TILE_ROW_REM = 3.1;
const HEADER_ROW_REM = 1.9;

/** "城关镇 · 幸福社区": a community's name alone may repeat across towns (or streets), at any depth of the plan. */
function regionName(all: ReadonlyMap<string, RegionView>, regionId: string): string {
  const region = all.get(regionId);
  return region ? nameWithParent(all, region) : regionId;
}

export function WallGrid({ filter, onOpen, openElderId }: { filter: RowFilter; onOpen: (home: HomeTile) => void; openElderId: string | null }) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const box = useBox(scrollRef);
  const layoutRev = wallBook.layoutRev.value;
  // every change redraws the tiles in view; with a state filter it also changes which homes are shown
  const rev = wallBook.rev.value;
  const allRegions = regions.value;
  const gap = GAP_REM * box.rem;
  const columns = Math.max(1, Math.floor((box.width + gap) / (TILE_MIN_REM * box.rem + gap)));
  const rows = useMemo(
    () => (box.width === 0 ? [] : wallRows(wallBook.groups(), filter, columns, (id) => regionName(allRegions, id))),
    [layoutRev, filter.state === null ? 0 : rev, filter, columns, allRegions, box.width === 0],
  );
  const tileRowPx = Math.round(TILE_ROW_REM * box.rem);
  const headerRowPx = Math.round(HEADER_ROW_REM * box.rem);
  // a new key function tells the virtualizer its rows changed, even when their number did not
  const getItemKey = useCallback((index: number) => rows[index]?.key ?? index, [rows, tileRowPx, headerRowPx]);
  const virtualizer = useVirtualizer<HTMLDivElement>({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: (index) => (rows[index]?.kind === 'group' ? headerRowPx : tileRowPx),
    getItemKey,
    overscan: 3,
  });
  const loaded = wallBook.loadState.value === 'ready';
  // another filter is another list: it starts at its top
  useEffect(() => scrollRef.current?.scrollTo(0, 0), [filter]);

  return (
    <div class="wall-scroll" ref={scrollRef} data-testid="wall-scroll">
      {loaded && rows.length === 0 && box.width > 0 && (
        <p class="empty" data-testid="wall-empty">
          {filter.state === null && filter.query === '' ? t('wall.empty') : t('wall.noMatch')}
        </p>
      )}
      <div class="wall-canvas" style={{ height: `${virtualizer.getTotalSize()}px` }}>
        {virtualizer.getVirtualItems().map((item) => {
          const row = rows[item.index];
          if (!row) return null;
          const place = { transform: `translateY(${item.start}px)`, height: `${item.size}px` };
          if (row.kind === 'group') {
            return (
              <div key={item.key} class="wall-line" style={place}>
                <WallGroupHeader regionId={row.regionId} name={regionName(allRegions, row.regionId)} shown={row.shown} total={row.total} />
              </div>
            );
          }
          return (
            <div key={item.key} class="wall-line wall-row" style={{ ...place, gridTemplateColumns: `repeat(${columns}, minmax(0, 1fr))` }}>
              {row.homes.map((home) => (
                <WallTile key={home.elderId} home={home} onOpen={onOpen} open={home.elderId === openElderId} />
              ))}
            </div>
          );
        })}
      </div>
    </div>
  );
}
