// The visits tab (探访): the coverage of a month or a quarter (the default, what a supervisor opens it for) and the
// visit policy table, as two sub-views. The task dialogs of the board are here too, so an uncovered visit is
// assigned, completed or retried from the coverage's list without leaving it.

import { t } from '../../shared/i18n.js';
import { TaskDialogs } from '../tasks/TaskDialogs.js';
import { CoverageView } from './coverage/CoverageView.js';
import { PolicyView } from './policy/PolicyView.js';
import { unsaved } from './policy/policy-state.js';
import { visitsView, type VisitsView as View } from './visits-choice.js';
import '../../styles/reports.css';
import '../../styles/visits.css';

const VIEWS: readonly View[] = ['coverage', 'policy'];

/** The tab's mark while policy edits are not saved (DeskTabs shows it on the 探访 tab). */
export function PolicyUnsavedMark() {
  if (!unsaved.value) return null;
  return (
    <span class="tab-count unsaved" data-testid="visits-unsaved-mark" title={t('visits.policy.unsaved')}>
      ●
    </span>
  );
}

export function VisitsView() {
  const current = visitsView.value;
  return (
    <div class="visits" data-testid="visits" data-view={current}>
      <nav class="visits-views" role="tablist" aria-label={t('visits.views.label')}>
        {VIEWS.map((view) => (
          <button
            key={view}
            type="button"
            role="tab"
            aria-selected={current === view}
            data-testid={`visits-view-${view}`}
            class={current === view ? 'visits-view current' : 'visits-view'}
            onClick={() => (visitsView.value = view)}
          >
            {t(`visits.views.${view}`)}
            {view === 'policy' ? <PolicyUnsavedMark /> : null}
          </button>
        ))}
      </nav>
      {current === 'coverage' ? <CoverageView /> : <PolicyView />}
      <TaskDialogs />
    </div>
  );
}
