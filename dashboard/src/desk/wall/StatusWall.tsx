// The status wall: every home of the desk's region as a small tile, grouped by community, with the homes per state at
// the top (each a filter) and a search box. A tile opens the home's panel beside the wall (HomePanel.tsx): its open
// alerts, the elder's record and its devices.

import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { t } from '../../shared/i18n.js';
import { token } from '../state/desk-state.js';
import { HomePanel } from './HomePanel.js';
import { useFillHeight } from './use-fill-height.js';
import { WallCounts } from './WallCounts.js';
import { WallGrid } from './WallGrid.js';
import { wallBook } from '../state/desk-wall.js';
import type { HomeState, HomeTile } from '../../model/wall-home.js';
import { normalizeQuery, type RowFilter } from './wall-rows.js';
import '../../styles/wall.css';

/** The wall's scroll box is never shorter than this (px), however little room the window leaves. */
const MIN_BODY_HEIGHT = 400;
/** Set once per page, when the wall first shows its homes: the dashboard benchmark measures up to it. */
const FIRST_RENDER_MARK = 'wall:first-render';

export function StatusWall() {
  const [state, setState] = useState<HomeState | null>(null);
  const [search, setSearch] = useState('');
  const [openElder, setOpenElder] = useState<string | null>(null);
  const loadState = wallBook.loadState.value;
  void wallBook.layoutRev.value; // a reload may drop the open home
  const filter: RowFilter = useMemo(() => ({ state, query: normalizeQuery(search) }), [state, search]);
  const openHome = openElder === null ? undefined : wallBook.home(openElder);
  const bodyRef = useRef<HTMLDivElement>(null);
  const bodyHeight = useFillHeight(bodyRef, MIN_BODY_HEIGHT);

  useEffect(() => {
    if (loadState === 'ready' && performance.getEntriesByName(FIRST_RENDER_MARK).length === 0) performance.mark(FIRST_RENDER_MARK);
  }, [loadState]);

  const onOpen = useCallback((home: HomeTile) => setOpenElder(home.elderId), []);
  const closePanel = useCallback(() => setOpenElder(null), []);

  return (
    <section class="status-wall" data-testid="status-wall" aria-labelledby="wall-heading">
      <div class="wall-head">
        <h2 id="wall-heading">{t('wall.heading')}</h2>
        <WallCounts active={state} onPick={setState} />
        <input
          type="search"
          class="wall-search"
          data-testid="wall-search"
          placeholder={t('wall.search.placeholder')}
          aria-label={t('wall.search.label')}
          value={search}
          onInput={(event) => setSearch(event.currentTarget.value)}
        />
      </div>
      {loadState === 'loading' && (
        <p class="empty" data-testid="wall-loading">
          {t('wall.loading')}
        </p>
      )}
      {loadState === 'error' && (
        <p class="form-error wall-error" data-testid="wall-error">
          {t('wall.loadFailed')}{' '}
          <button type="button" data-testid="wall-retry" onClick={() => token.value && void wallBook.load(token.value)}>
            {t('wall.retry')}
          </button>
        </p>
      )}
      <div class={openHome ? 'wall-body with-panel' : 'wall-body'} ref={bodyRef} style={{ height: `${bodyHeight}px` }}>
        <WallGrid filter={filter} onOpen={onOpen} openElderId={openHome ? openHome.elderId : null} />
        {openHome && <HomePanel home={openHome} onClose={closePanel} />}
      </div>
    </section>
  );
}
