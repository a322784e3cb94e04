// The tasks board: visits and maintenance in four columns (to assign, assigned, in progress, finished today), live
// from the task book, narrowed by kind and community. The board draws again when a task changes and once a minute
// (a task turning overdue moves up its column); the cards themselves keep their own time (TaskCard.tsx).

import { untracked, useComputed } from '@preact/signals';
import type { ComponentChildren } from 'preact';
import { t } from '../../shared/i18n.js';
import { alerts, pendingTasks, regions, serverNow, tasks, tasksRev } from '../state/desk-state.js';
import { isOpen } from '../../model/alert-book.js';
import type { Task } from '../../model/task-book.js';
import { COLUMNS, columnsOf, kindFilter, localMidnight, regionFilter, type Column } from './board-columns.js';
import { BoardFilters } from './BoardFilters.js';
import { FinishedCard } from './FinishedCard.js';
import { TaskCard } from './TaskCard.js';
import { TaskDialogs } from './TaskDialogs.js';
import '../../styles/tasks.css';

export function TasksBoard() {
  // an alert's change bumps the tasks too (desk-events.ts): a visit's "handled with its alert" follows it
  void tasksRev.value;
  void useComputed(() => Math.floor(serverNow() / 60_000)).value;
  const at = untracked(serverNow);
  const open = tasks.openSorted(at);
  // a community the desk no longer sees (another user signed in) filters nothing
  const region = regions.value.has(regionFilter.value) ? regionFilter.value : '';
  const columns = columnsOf(open, tasks.finishedRecent(), { kind: kindFilter.value, region, todayFrom: localMidnight(at) });
  const pending = pendingTasks.value;

  return (
    <section class="tasks-board" data-testid="task-list" aria-labelledby="tasks-heading">
      <header class="board-head">
        <h2 id="tasks-heading">
          {t('tasks.heading')}{' '}
          <span class="count-pill" data-testid="task-count">
            {t('tasks.openCount', { n: open.length })}
          </span>
        </h2>
        <BoardFilters />
      </header>
      <div class="board-columns">
        {COLUMNS.map((column) => (
          <BoardColumn key={column} column={column} count={columns[column].length}>
            {column === 'finished'
              ? columns.finished.map((task) => <FinishedCard key={task.id} task={task} />)
              : columns[column].map((task) => <OpenCard key={task.id} task={task} pending={pending.has(task.id)} />)}
          </BoardColumn>
        ))}
      </div>
      <TaskDialogs />
    </section>
  );
}

/** An open task's card with what it needs from the alert it belongs to, if any. */
function OpenCard({ task, pending }: { task: Task; pending: boolean }) {
  const alert = task.alertId ? alerts.get(task.alertId) : undefined;
  const room = alert && typeof alert.context.room === 'string' && alert.context.room.trim() !== '' ? alert.context.room : null;
  const withAlert = task.kind === 'visit' && alert !== undefined && isOpen(alert);
  return <TaskCard task={task} pending={pending} withAlert={withAlert} room={room} />;
}

function BoardColumn({ column, count, children }: { column: Column; count: number; children: ComponentChildren }) {
  return (
    <section class={`board-column column-${column}`} data-testid="task-column" data-column={column} aria-labelledby={`task-column-${column}`}>
      <h3 id={`task-column-${column}`}>
        <span>{t(`board.col.${column}`)}</span>
        <span class="column-count" data-testid="task-column-count">
          {count}
        </span>
      </h3>
      {count === 0 ? <p class="empty">{t('board.colEmpty')}</p> : <ol class="tasks">{children}</ol>}
    </section>
  );
}
