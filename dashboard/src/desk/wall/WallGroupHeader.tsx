// The header row of one region on the wall: its name, how many of its homes are shown, and its problem counts.

import { t } from '../../shared/i18n.js';
import { Typed } from '../../shared/ui/Typed.js';
import { wallBook } from '../state/desk-wall.js';
import { HOME_STATES } from '../../model/wall-home.js';
import { STATE_MARK, stateLabel } from './wall-labels.js';

/** Only states worth a glance; "online" is what is left. */
const PROBLEM_STATES = HOME_STATES.filter((state) => state !== 'online');

export function WallGroupHeader({ regionId, name, shown, total }: { regionId: string; name: string; shown: number; total: number }) {
  const counts = wallBook.countsOf(regionId);
  return (
    <div class="wall-group" data-testid="wall-group" data-region-id={regionId}>
      <Typed class="wall-group-name" value={name} />
      <span class="wall-group-size">{shown === total ? t('wall.group.homes', { n: total }) : t('wall.group.shown', { shown, total })}</span>
      <span class="wall-group-counts">
        {PROBLEM_STATES.filter((state) => counts[state] > 0).map((state) => (
          <span key={state} class={`wall-chip wall-${state}`} data-state={state}>
            <span aria-hidden="true">{STATE_MARK[state]} </span>
            {stateLabel(state)} {counts[state]}
          </span>
        ))}
      </span>
    </div>
  );
}
