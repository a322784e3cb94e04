// One task: my own (accept, decline, done with an outcome) or an open one of the community (take it). On my own
// the elder's record is folded away and fetched when unfolded.

import { formatDateTime, known, t } from '../shared/i18n.js';
import { Phrase, TestBadge, Typed } from '../shared/ui/Typed.js';
import { VisitFactsLine } from '../shared/visit/VisitFactsLine.js';
import { addTo, removeFrom } from '../shared/sets.js';
import { isOverdue, type Task } from '../model/task-book.js';
import { acceptTask } from './actions.js';
import { ensureElder } from './elder-records.js';
import { RecordBlock } from './ElderRecord.js';
import { dialog, elders, openRecords, pendingTasks, serverNow } from './state.js';

/** What the task is about: the service asked for, or why somebody has to go. */
function taskWhat(task: Task): string | null {
  if (task.kind === 'service' && task.service) return known(`service.${task.service}`) ?? known(`task.reason.${task.reason}`);
  return known(`task.reason.${task.reason}`);
}

/** Status, who has it (an open task's status already says nobody), when it is due (and whether that has passed), the month of a monthly visit. */
function TaskFacts({ task }: { task: Task }) {
  const late = isOverdue(task, serverNow());
  return (
    <p class="task-facts">
      <span class={`task-status task-status-${task.status}`} data-testid="task-status">
        {known(`taskStatus.${task.status}`) ?? ''}
      </span>
      {task.assignee ? (
        <Phrase class="task-assignee" k="task.assignee" vars={{ name: <Typed class="person" value={task.assignee.displayName} /> }} testid="task-assignee" />
      ) : null}
      {task.dueAt ? (
        <span class={late ? 'task-due warn' : 'task-due'} data-testid="task-due">
          {t('task.due', { time: formatDateTime(task.dueAt) })}
        </span>
      ) : null}
      {late ? <span class="badge late">{t('task.overdue')}</span> : null}
      <VisitFactsLine task={task} />
    </p>
  );
}

function TaskActions({ task, mine }: { task: Task; mine: boolean }) {
  const pending = pendingTasks.value.has(task.id);
  const canAnswer = mine && task.status === 'assigned';
  const canFinish = mine && (task.status === 'assigned' || task.status === 'accepted');
  const canClaim = !mine && task.status === 'open';
  if (!canAnswer && !canFinish && !canClaim) return null;
  return (
    <div class="r-actions">
      {canClaim ? (
        <button type="button" class="primary" data-testid="r-task-claim" disabled={pending} onClick={() => void acceptTask(task)}>
          {t('action.claimTask')}
        </button>
      ) : null}
      {canAnswer ? (
        <>
          <button type="button" class="primary" data-testid="r-task-accept" disabled={pending} onClick={() => void acceptTask(task)}>
            {t('action.acceptTask')}
          </button>
          <button type="button" data-testid="r-task-decline" disabled={pending} onClick={() => (dialog.value = { kind: 'decline-task', task })}>
            {t('action.declineTask')}
          </button>
        </>
      ) : null}
      {canFinish ? (
        <button
          type="button"
          class={task.status === 'accepted' ? 'primary done' : 'done'}
          data-testid="r-task-done"
          disabled={pending}
          onClick={() => (dialog.value = { kind: 'complete-task', task })}
        >
          {t('action.done')}
        </button>
      ) : null}
    </div>
  );
}

/** The elder's record, folded; unfolding fetches it, and it stays unfolded across redraws. */
function FoldedRecord({ elderId }: { elderId: string }) {
  const open = openRecords.value.has(elderId);
  function toggle(ev: Event) {
    const now = (ev.currentTarget as HTMLDetailsElement).open;
    if (now === open) return;
    openRecords.value = now ? addTo(openRecords.value, elderId) : removeFrom(openRecords.value, elderId);
    if (now) ensureElder(elderId);
  }
  return (
    <details class="r-more" open={open} onToggle={toggle}>
      <summary>{t('detail.elder')}</summary>
      {open ? <RecordBlock record={elders.value.get(elderId)} /> : null}
    </details>
  );
}

export function TaskCard({ task, mine }: { task: Task; mine: boolean }) {
  const what = taskWhat(task);
  return (
    <li class={`r-card r-task task-${task.kind}`} data-testid="responder-task" data-task-id={task.id} data-status={task.status} data-kind={task.kind}>
      <div class="r-head">
        <span class="task-kind">{known(`task.kind.${task.kind}`) ?? ''}</span>
        {task.test ? <TestBadge /> : null}
        {what ? <span class="task-what">{what}</span> : null}
      </div>
      <div class="r-who">
        <Typed class="elder-name" value={task.elder.name} testid="elder-name" />
        <Typed class="elder-address" value={task.elder.address} />
      </div>
      <TaskFacts task={task} />
      {task.note ? (
        <p class="note-line">
          <Typed class="note" value={task.note} />
        </p>
      ) : null}
      <TaskActions task={task} mine={mine} />
      {mine ? <FoldedRecord elderId={task.elder.id} /> : null}
    </li>
  );
}
