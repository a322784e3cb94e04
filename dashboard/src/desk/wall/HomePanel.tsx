// A home's panel beside the wall, opened from its tile: every state it is in, its open alerts (each a click away from
// the queue's pane, where the actions are), the elder's record (map links, how to get in, whom to call), its devices
// and its activity over the last weeks. Follows live events; Esc closes it.

import { useEffect } from 'preact/hooks';
import { t } from '../../shared/i18n.js';
import { Typed } from '../../shared/ui/Typed.js';
import type { HomeTile } from '../../model/wall-home.js';
import { wallBook } from '../state/desk-wall.js';
import { ActivityTrend } from './ActivityTrend.js';
import { HomeAlerts } from './HomeAlerts.js';
import { HomeDevices } from './HomeDevices.js';
import { HomeRecord } from './HomeRecord.js';
import { STATE_MARK, problemText, stateLabel } from './wall-labels.js';

export function HomePanel({ home, onClose }: { home: HomeTile; onClose: () => void }) {
  void wallBook.rev.value; // the home's states change in place
  useEffect(() => {
    // an open dialog takes its own Esc
    const onKey = (event: KeyboardEvent) => event.key === 'Escape' && !document.querySelector('dialog[open]') && onClose();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);
  return (
    <aside class="wall-panel" data-testid="wall-panel" data-elder-id={home.elderId} aria-label={t('home.label')}>
      <div class="wall-panel-head">
        <div class="wall-panel-who">
          <Typed class="wall-panel-name" value={home.name} testid="wall-panel-name" />
          <Typed class="wall-panel-address" value={home.address} />
        </div>
        <button type="button" data-testid="wall-panel-close" onClick={onClose}>
          {t('wall.panel.close')}
        </button>
      </div>
      <p class="wall-panel-states" data-testid="wall-panel-states" data-states={home.states.join(' ')}>
        <span class={`wall-panel-state wall-${home.state}`}>
          <span aria-hidden="true">{STATE_MARK[home.state]} </span>
          {problemText(home)}
        </span>
        {home.states.slice(1).map((state) => (
          <span key={state} class={`wall-chip wall-${state}`} data-state={state}>
            <span aria-hidden="true">{STATE_MARK[state]} </span>
            {stateLabel(state)}
          </span>
        ))}
      </p>
      {/* two columns when the panel is wide enough: what is wrong (alerts, devices, activity) beside the record */}
      <div class="home-columns">
        <div class="home-column">
          <HomeAlerts elderId={home.elderId} />
          <HomeDevices home={home} />
          <ActivityTrend elderId={home.elderId} />
        </div>
        <div class="home-column">
          <HomeRecord elderId={home.elderId} />
        </div>
      </div>
    </aside>
  );
}
