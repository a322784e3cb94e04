// One open task on the board. Cards are memoised: the board draws again when any task changes, and only the cards
// whose task (or pending state) changed draw again. Time moves without redrawing them: the age is a text node bound
// to the clock, and the overdue mark redraws the card only at the moment it turns overdue.

import { useComputed } from '@preact/signals';
import { memo } from 'preact/compat';
import { formatAge, formatDateTime, formatTime, t } from '../../shared/i18n.js';
import { Phrase, TestBadge, Typed } from '../../shared/ui/Typed.js';
import { serverNow } from '../state/desk-state.js';
import type { Task } from '../../model/task-book.js';
import { closeClearedTask } from '../../shared/api.js';
import { openTaskDialog, runTaskAction } from './task-actions.js';
import { deviceLine, kindLabel, taskStatusLabel, taskWhat } from './task-text.js';
import { VisitFactsLine } from '../../shared/visit/VisitFactsLine.js';

export interface TaskCardProps {
  task: Task;
  /** An action on the task is under way: its buttons wait. */
  pending: boolean;
  /** The on-site visit of an alert still open: done when the alert is resolved, so its buttons would only compete. */
  withAlert: boolean;
  /** The room of the alert the visit belongs to, when the alert says. */
  room: string | null;
}

function TaskCardView({ task, pending, withAlert, room }: TaskCardProps) {
  const createdAt = Date.parse(task.createdAt);
  const dueAt = task.dueAt ? Date.parse(task.dueAt) : null;
  const age = useComputed(() => formatAge(serverNow() - createdAt));
  const overdue = useComputed(() => dueAt !== null && dueAt < serverNow()).value;
  const test = task.test === true;
  const what = taskWhat(task);
  const device = deviceLine(task);
  const classes = ['task-row', `task-${task.kind}`, `task-status-${task.status}`, test ? 'is-test' : '', overdue ? 'is-overdue' : ''];

  return (
    <li
      class={classes.filter(Boolean).join(' ')}
      data-testid="task-row"
      data-task-id={task.id}
      data-kind={task.kind}
      data-reason={task.reason}
      data-status={task.status}
      data-service={task.service ?? undefined}
      data-assignee-id={task.assignee?.id}
      data-test={String(test)}
      data-overdue={String(overdue)}
    >
      <div class="task-head">
        <span class="task-kind">{kindLabel(task)}</span>
        {test ? <TestBadge /> : null}
        {what ? <span class="task-what">{what}</span> : null}
      </div>
      <div class="row-who">
        <Typed class="elder-name" value={task.elder.name} testid="elder-name" />
        <Typed class="elder-address" value={task.elder.address} />
        {room ? <Phrase class="task-room" k="ctx.room" vars={{ room: <Typed class="room" value={room} /> }} /> : null}
      </div>
      <div class="task-facts">
        <span class={`task-status task-status-${task.status}`} data-testid="task-status">
          {taskStatusLabel(task.status)}
        </span>
        {task.assignee ? (
          <Phrase class="task-assignee" testid="task-assignee" k="task.assignee" vars={{ name: <Typed class="person" value={task.assignee.displayName} /> }} />
        ) : (
          <span class="task-assignee unassigned">{t('task.unassigned')}</span>
        )}
        {task.dueAt ? (
          <span class={overdue ? 'task-due warn' : 'task-due'} data-testid="task-due">
            {t('task.due', { time: formatDateTime(task.dueAt) })}
          </span>
        ) : null}
        {overdue ? (
          <span class="badge late" data-testid="task-overdue">
            {t('task.overdue')}
          </span>
        ) : null}
        <VisitFactsLine task={task} />
      </div>
      <div class="row-meta">
        {device ? <span class="device">{device}</span> : null}
        <span class="clock">{t('task.created', { time: formatTime(task.createdAt) })}</span>
      </div>
      {task.note ? <Phrase class="note-line" k="row.note" vars={{ note: <Typed class="note" value={task.note} /> }} /> : null}
      {task.causeClearedAt ? (
        <Phrase class="cause-cleared" testid="task-cause-cleared" k="task.causeCleared" vars={{ note: <Typed class="note" value={task.causeClearedNote ?? ''} /> }} />
      ) : null}
      <div class="task-side">
        <span class="age task-age" data-since={task.createdAt}>
          {age}
        </span>
        <div class="task-buttons">{withAlert ? <WithAlert /> : <TaskButtons task={task} pending={pending} />}</div>
      </div>
    </li>
  );
}

function WithAlert() {
  return (
    <span class="with-alert" data-testid="task-with-alert">
      {t('task.withAlert')}
    </span>
  );
}

function TaskButtons({ task, pending }: { task: Task; pending: boolean }) {
  const assignable = task.status === 'open' || task.status === 'assigned';
  return (
    <>
      {task.causeClearedAt ? (
        // The cause went away by itself: one click closes it, nobody is sent (tasks follow their alert).
        <button type="button" class="done" data-testid="task-close-cleared-button" disabled={pending} onClick={() => void runTaskAction(task.id, (session) => closeClearedTask(session, task.id))}>
          {t('action.closeCleared')}
        </button>
      ) : null}
      {assignable ? (
        <button type="button" class="assign" data-testid="task-assign-button" disabled={pending} onClick={() => openTaskDialog('assign', task.id)}>
          {t(task.status === 'open' ? 'action.assign' : 'action.reassign')}
        </button>
      ) : null}
      <button type="button" class="done" data-testid="task-done-button" disabled={pending} onClick={() => openTaskDialog('complete', task.id)}>
        {t('action.done')}
      </button>
      <button type="button" class="small" data-testid="task-cancel-button" disabled={pending} onClick={() => openTaskDialog('cancel', task.id)}>
        {t('action.cancelTask')}
      </button>
    </>
  );
}

export const TaskCard = memo(TaskCardView);
