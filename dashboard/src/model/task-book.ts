// Tasks: maintenance visits, service requests, the on-site visit of a dispatched alert, the follow-up visit after
// it, wellness checks and monthly visits. Work for a person, never an alarm: no sound, no banner. No DOM here.
//
// A task goes open → assigned → accepted → done or cancelled, and a decline returns it to open, so as with alerts
// (live-book.ts) a reply applies only when no live event for the task came while the request was under way.
// Done and cancelled are final; the ones finished while this page was open are kept for the board's last column.

import type { TaskView } from '../../../schemas/index.js';
import { LiveBook } from './live-book.js';

export type Task = TaskView;

export const OPEN_TASK_STATUSES: ReadonlySet<string> = new Set(['open', 'assigned', 'accepted']);
const FINAL: ReadonlySet<string> = new Set(['done', 'cancelled']);
/** Tasks seen done or cancelled this session: enough to recognise a late "open" for one of them. */
const FINISHED_KEEP = 500;

function isTask(value: unknown): value is Task {
  if (!value || typeof value !== 'object') return false;
  const v = value as { id?: unknown; status?: unknown };
  return typeof v.id === 'string' && typeof v.status === 'string' && (OPEN_TASK_STATUSES.has(v.status) || FINAL.has(v.status));
}

/** True when the task has a due time that has passed; `now` is server time in ms. */
export const isOverdue = (task: Task, now: number) => typeof task.dueAt === 'string' && Date.parse(task.dueAt) < now;

/** Overdue first, then oldest first: a task is a work list, and the one waiting longest is done first. */
export function compareTasks(a: Task, b: Task, now = Date.now()): number {
  const late = Number(isOverdue(b, now)) - Number(isOverdue(a, now));
  if (late !== 0) return late;
  const byTime = Date.parse(a.createdAt) - Date.parse(b.createdAt);
  return byTime !== 0 ? byTime : a.id.localeCompare(b.id);
}

export class TaskBook extends LiveBook<Task> {
  /** Finished this session, oldest first (insertion order). */
  private readonly finished = new Map<string, Task>();

  protected accepts(value: unknown): value is Task {
    return isTask(value);
  }

  protected isFinal(id: string): boolean {
    return this.finished.has(id);
  }

  protected place(task: Task): void {
    if (FINAL.has(task.status)) {
      this.open.delete(task.id);
      this.versions.delete(task.id);
      this.finished.delete(task.id);
      this.finished.set(task.id, task);
      if (this.finished.size > FINISHED_KEEP) this.finished.delete(this.finished.keys().next().value as string);
    } else if (!this.finished.has(task.id)) {
      this.open.set(task.id, task);
    }
  }

  get(id: string): Task | undefined {
    return this.open.get(id) ?? this.finished.get(id);
  }

  openSorted(now = Date.now()): Task[] {
    return [...this.open.values()].sort((a, b) => compareTasks(a, b, now));
  }

  /** Done or cancelled while this page was open, newest first. */
  finishedRecent(): Task[] {
    return [...this.finished.values()].reverse();
  }

  override clear(): void {
    super.clear();
    this.finished.clear();
  }
}
