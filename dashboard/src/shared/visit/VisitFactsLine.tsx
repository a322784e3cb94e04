// A care visit's own facts on a task card (desk board and responder's phone): the period it is for, which attempt
// ("第2次" after a retry), and once done the way it was made — marked when that way does not count for the elder.

import { t } from '../i18n.js';
import type { Task } from '../../model/task-book.js';
import { attemptText, modeLabel, periodText, visitFacts } from './visit-task.js';

export function VisitFactsLine({ task }: { task: Task }) {
  const facts = visitFacts(task);
  if (!facts) return null;
  const attempt = attemptText(facts);
  const counted = facts.visitMode === null || facts.visitModes.length === 0 || facts.visitModes.includes(facts.visitMode);
  return (
    <>
      {facts.period ? (
        <span class="task-month task-period" data-testid="task-period" data-period={facts.period}>
          {t('visits.task.period', { period: periodText(facts.period) })}
        </span>
      ) : null}
      {attempt ? (
        <span class="badge task-attempt" data-testid="task-attempt" data-attempt={facts.attempt}>
          {attempt}
        </span>
      ) : null}
      {facts.visitMode ? (
        <span class={counted ? 'task-visit-mode' : 'task-visit-mode warn'} data-testid="task-visit-mode" data-mode={facts.visitMode} data-counted={String(counted)}>
          {t('visits.task.mode', { mode: modeLabel(facts.visitMode) })}
          {counted ? '' : ` · ${t('visits.task.notCounted')}`}
        </span>
      ) : null}
    </>
  );
}
