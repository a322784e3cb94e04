// A task done or cancelled today, in the board's last column: what it was, for whom, how it ended, who closed it
// and when. Done and cancelled are final; the one button is 再次探访 on a care visit that did not cover its period
// (nobody home, refused, a way that does not count) while the period runs: it makes the next attempt, a new task.

import { memo } from 'preact/compat';
import { actorText } from '../../shared/labels.js';
import { formatClock, known, t } from '../../shared/i18n.js';
import { Phrase, TestBadge, Typed } from '../../shared/ui/Typed.js';
import { names, pendingTasks, serverNow, tasks, tasksRev } from '../state/desk-state.js';
import { retryTask } from '../../shared/api.js';
import { VisitFactsLine } from '../../shared/visit/VisitFactsLine.js';
import { retryOffered } from '../../shared/visit/visit-task.js';
import { runTaskAction } from './task-actions.js';
import type { Task } from '../../model/task-book.js';
import { kindLabel, taskStatusLabel, taskWhat } from './task-text.js';

function FinishedCardView({ task }: { task: Task }) {
  // read so that the retry button leaves once the next attempt is in the book
  void tasksRev.value;
  const done = task.status === 'done';
  const outcome = done && task.outcome ? known(`outcome.${task.outcome}`) : null;
  const what = taskWhat(task);
  const by = task.completedBy ?? '';
  // a person's name is data; the gateway or a device is the page's own label
  const who = by.startsWith('user:') ? <Typed class="person" value={actorText(by, names.value)} /> : actorText(by);

  return (
    <li
      class={`task-row task-finished task-${task.kind} task-status-${task.status}${task.test ? ' is-test' : ''}`}
      data-testid="task-finished-row"
      data-task-id={task.id}
      data-kind={task.kind}
      data-status={task.status}
      data-outcome={task.outcome ?? undefined}
    >
      <div class="task-head">
        <span class="task-kind">{kindLabel(task)}</span>
        {task.test ? <TestBadge /> : null}
        {what ? <span class="task-what">{what}</span> : null}
      </div>
      <div class="row-who">
        <Typed class="elder-name" value={task.elder.name} testid="elder-name" />
        <Typed class="elder-address" value={task.elder.address} />
      </div>
      <div class="task-facts">
        <span class={`task-status task-status-${task.status}`} data-testid="task-status">
          {taskStatusLabel(task.status)}
        </span>
        {outcome ? (
          <span class="task-outcome" data-testid="task-finished-outcome">
            {outcome}
          </span>
        ) : null}
        {task.completedAt ? <span class="clock">{t(done ? 'board.doneAt' : 'board.cancelledAt', { time: formatClock(task.completedAt) })}</span> : null}
        {who ? <Phrase class="task-by" k="board.by" vars={{ who }} /> : null}
        <VisitFactsLine task={task} />
      </div>
      {retryOffered(task, serverNow(), tasks.openSorted()) ? (
        <div class="task-buttons">
          <button type="button" data-testid="task-retry-button" disabled={pendingTasks.value.has(task.id)} onClick={() => void runTaskAction(task.id, (session) => retryTask(session, task.id))}>
            {t('visits.action.retry')}
          </button>
        </div>
      ) : null}
      {task.note ? <Phrase class="note-line" k={done ? 'row.note' : 'board.cancelReason'} vars={{ note: <Typed class="note" value={task.note} /> }} /> : null}
    </li>
  );
}

export const FinishedCard = memo(FinishedCardView);
