// One home on the wall: the elder's name and the home's worst problem, coloured by its top state and marked so that
// the state reads without colour too; the other states it is in (an offline device beside an open alert, a low
// battery) as small marks on the right, so no problem hides behind a worse one.

import { t } from '../../shared/i18n.js';
import { Typed } from '../../shared/ui/Typed.js';
import type { HomeTile } from '../../model/wall-home.js';
import { STATE_MARK, problemText, stateLabel } from './wall-labels.js';

/** `open`: its panel is the one beside the wall. */
export function WallTile({ home, onOpen, open }: { home: HomeTile; onOpen: (home: HomeTile) => void; open: boolean }) {
  const priority = home.state === 'openAlert' && home.alert ? ` wall-p${home.alert.priority}` : '';
  const others = home.states.slice(1);
  const alsoText = others.length > 0 ? t('wall.tile.also', { states: others.map(stateLabel).join(t('wall.tile.alsoJoin')) }) : '';
  return (
    <button
      type="button"
      class={`wall-tile wall-${home.state}${priority}${open ? ' wall-tile-open' : ''}`}
      aria-expanded={open}
      data-testid="wall-tile"
      data-state={home.state}
      data-states={home.states.join(' ')}
      data-elder-id={home.elderId}
      title={alsoText ? `${home.address}\n${alsoText}` : home.address}
      onClick={() => onOpen(home)}
    >
      <span class="wall-mark" aria-hidden="true">
        {STATE_MARK[home.state]}
      </span>
      <Typed class="wall-tile-name" value={home.name} />
      <span class="wall-tile-problem">{problemText(home)}</span>
      {others.length > 0 && (
        <span class="wall-tile-also" data-testid="wall-tile-also" role="img" aria-label={alsoText}>
          {others.map((state) => (
            <span key={state} class={`wall-also wall-${state}`} data-state={state}>
              {STATE_MARK[state]}
            </span>
          ))}
        </span>
      )}
    </button>
  );
}
