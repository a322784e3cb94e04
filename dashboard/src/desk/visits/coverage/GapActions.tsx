// What an operator can do about one uncovered visit, right from the list: assign or complete the visit task while it
// is open, try again (再次探访) after nobody was home, a refusal or a way that does not count while the period still
// runs, and open the elder's record (phones, the way in) to call first. The task dialogs are the board's own.

import type { VisitCoverage } from '../../../../../schemas/index.js';
import { retryTask } from '../../../shared/api.js';
import { t } from '../../../shared/i18n.js';
import type { Task } from '../../../model/task-book.js';
import { pendingTasks, serverNow } from '../../state/desk-state.js';
import { openAttempt } from '../../../shared/visit/visit-task.js';
import { openTaskDialog, runTaskAction } from '../../tasks/task-actions.js';

type Gap = VisitCoverage['gaps'][number];

const RETRY_REASONS: ReadonlySet<string> = new Set(['not_home', 'refused', 'mode_not_counted']);

interface GapActionsProps {
  gap: Gap;
  /** The desk's open tasks. */
  open: readonly Task[];
  recordOpen: boolean;
  onRecord: () => void;
}

export function GapActions({ gap, open, recordOpen, onRecord }: GapActionsProps) {
  // the visit to act on: the period's open attempt in the desk's book (the report's task, or a retry made since)
  const task = openAttempt(open, gap.elderId, gap.period);
  const pending = [gap.taskId, task?.id].some((id) => id && pendingTasks.value.has(id));
  const retry = gap.taskId !== null && !task && RETRY_REASONS.has(gap.reason) && gap.periodEndsAt > serverNow();
  return (
    <span class="gap-actions">
      {task && task.status !== 'accepted' ? (
        <button type="button" class="small" data-testid="gap-assign" disabled={pending} onClick={() => openTaskDialog('assign', task.id)}>
          {t(task.status === 'open' ? 'action.assign' : 'action.reassign')}
        </button>
      ) : null}
      {task ? (
        <button type="button" class="small done" data-testid="gap-complete" disabled={pending} onClick={() => openTaskDialog('complete', task.id)}>
          {t('action.done')}
        </button>
      ) : null}
      {retry ? (
        <button type="button" class="small" data-testid="gap-retry" disabled={pending} onClick={() => void runTaskAction(gap.taskId!, (session) => retryTask(session, gap.taskId!))}>
          {t('visits.action.retry')}
        </button>
      ) : null}
      <button type="button" class="small link" data-testid="gap-record" aria-expanded={recordOpen} onClick={onRecord}>
        {t('visits.gaps.record')}
      </button>
    </span>
  );
}
