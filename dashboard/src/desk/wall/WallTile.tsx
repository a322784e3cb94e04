// One home on the wall: the elder's name and the home's worst problem, coloured by state and marked so that the
// state reads without colour too.

import { Typed } from '../../shared/ui/Typed.js';
import type { HomeTile } from '../../model/wall-home.js';
import { STATE_MARK, problemText } from './wall-labels.js';

export function WallTile({ home, onOpen }: { home: HomeTile; onOpen: (home: HomeTile) => void }) {
  const priority = home.state === 'openAlert' && home.alert ? ` wall-p${home.alert.priority}` : '';
  return (
    <button
      type="button"
      class={`wall-tile wall-${home.state}${priority}`}
      data-testid="wall-tile"
      data-state={home.state}
      data-elder-id={home.elderId}
      title={home.address}
      onClick={() => onOpen(home)}
    >
      <span class="wall-mark" aria-hidden="true">
        {STATE_MARK[home.state]}
      </span>
      <Typed class="wall-tile-name" value={home.name} />
      <span class="wall-tile-problem">{problemText(home)}</span>
    </button>
  );
}
