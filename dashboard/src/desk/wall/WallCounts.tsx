// Homes per state at the top of the wall; each count is a button that shows only the homes in that state (the
// total shows them all again). A home in several states counts in each, so the states add up to more than the total.

import { lang, t } from '../../shared/i18n.js';
import { wallCounts } from '../state/desk-wall.js';
import { HOME_STATES, type HomeState } from '../../model/wall-home.js';
import { STATE_MARK, stateLabel } from './wall-labels.js';

const BUTTONS = ['homes', ...HOME_STATES] as const;

export function WallCounts({ active, onPick }: { active: HomeState | null; onPick: (state: HomeState | null) => void }) {
  const counts = wallCounts.value;
  return (
    <div class="wall-counts" data-testid="wall-counts" role="group" aria-label={t('wall.counts.label')} title={t('wall.counts.overlap')}>
      {BUTTONS.map((key) => {
        const state = key === 'homes' ? null : key;
        return (
          <button
            key={key}
            type="button"
            class={`wall-count wall-${key}`}
            data-testid={`wall-count-${key}`}
            data-count={counts[key]}
            aria-pressed={active === state}
            onClick={() => onPick(active === state ? null : state)}
          >
            <span class="wall-count-n">{counts[key].toLocaleString(lang.value)}</span>
            <span class="wall-count-label">
              <span aria-hidden="true">{STATE_MARK[key]} </span>
              {stateLabel(key)}
            </span>
          </button>
        );
      })}
    </div>
  );
}
