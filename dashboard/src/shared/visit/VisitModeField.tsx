// The "how was the visit made" choice in the completion dialog of a care visit, on the desk and on the responder's
// phone: 上门 / 电话 / 视频, the ways that count for this elder marked as counting, so whoever records a phone call
// where the door is required sees before confirming that it will not cover the period. Required for the outcomes
// that say how the visit went (visited, not home, refused); hidden for the others.

import { VISIT_MODES } from '../../../../schemas/index.js';
import { t } from '../i18n.js';
import type { Task } from '../../model/task-book.js';
import { modeLabel, outcomeNeedsMode, visitFacts } from './visit-task.js';

export function VisitModeField({ task, outcome }: { task: Task; outcome: string }) {
  const facts = visitFacts(task);
  if (!facts) return null;
  // before an outcome is chosen the field shows, so the question is seen; after, only where it applies
  if (outcome !== '' && !outcomeNeedsMode(task, outcome)) return null;
  const counting = facts.visitModes;
  return (
    <label class="visit-mode-field">
      <span>{t('visits.mode.label')}</span>
      <select name="mode" required={outcome !== ''} data-testid="task-visit-mode">
        <option value="">{t('form.choose')}</option>
        {VISIT_MODES.map((mode) => (
          <option key={mode} value={mode} data-counts={String(counting.includes(mode))}>
            {counting.length === 0 ? modeLabel(mode) : t(counting.includes(mode) ? 'visits.mode.counts' : 'visits.mode.notCounted', { mode: modeLabel(mode) })}
          </option>
        ))}
      </select>
      {counting.length > 0 ? <span class="field-hint" data-testid="task-visit-mode-hint">{t('visits.mode.hint', { modes: counting.map(modeLabel).join('、') })}</span> : null}
    </label>
  );
}
