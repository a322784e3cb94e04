// Open tasks: maintenance visits, service requests, the on-site visit of a dispatched alert, the follow-up visit
// after it, wellness checks and monthly visits. Work for a person, never an alarm: no sound, no banner. No DOM here.
//
// A task goes open → assigned → accepted → done or cancelled, and a decline returns it to open, so as with alerts
// (queue.js) a reply applies only when no live event for the task came while the request was under way.
// Done and cancelled are final.

export const OPEN_TASK_STATUSES = new Set(['open', 'assigned', 'accepted']);
const FINAL = new Set(['done', 'cancelled']);
/** Ids of tasks seen done or cancelled this session; enough to recognise a late "open" for one of them. */
const FINISHED_KEEP = 500;

function isTask(value) {
  return (
    Boolean(value) &&
    typeof value === 'object' &&
    typeof value.id === 'string' &&
    (OPEN_TASK_STATUSES.has(value.status) || FINAL.has(value.status))
  );
}

/** True when the task has a due time that has passed; `now` is server time in ms. */
export function isOverdue(task, now) {
  return typeof task.dueAt === 'string' && Date.parse(task.dueAt) < now;
}

/**
 * Overdue first, then oldest first: a task is a work list, and the one waiting longest is done first.
 * `now` is server time in ms.
 */
export function compareTasks(a, b, now = Date.now()) {
  const late = Number(isOverdue(b, now)) - Number(isOverdue(a, now));
  if (late !== 0) return late;
  const byTime = Date.parse(a.createdAt) - Date.parse(b.createdAt);
  return byTime !== 0 ? byTime : a.id.localeCompare(b.id);
}

export function createTaskList() {
  const open = new Map();
  const finished = new Set();
  const versions = new Map();

  function finish(id) {
    open.delete(id);
    versions.delete(id);
    finished.add(id);
    if (finished.size > FINISHED_KEEP) finished.delete(finished.values().next().value);
  }

  /** Done and cancelled are final, so an open view of a task already seen finished is older news and ignored. */
  function place(task) {
    if (FINAL.has(task.status)) finish(task.id);
    else if (!finished.has(task.id)) open.set(task.id, task);
  }

  function bump(id) {
    versions.set(id, (versions.get(id) ?? 0) + 1);
  }

  return {
    /** A snapshot lists every open task. */
    replace(tasks) {
      open.clear();
      for (const task of tasks) {
        if (!isTask(task)) continue;
        bump(task.id);
        place(task);
      }
    },
    /** A live event (task.created, task.updated). */
    apply(task) {
      if (!isTask(task)) return false;
      bump(task.id);
      place(task);
      return true;
    },
    version(id) {
      return versions.get(id) ?? 0;
    },
    /** The reply to an action: applies when the live link said nothing about the task since `sinceVersion`. */
    applyReply(task, sinceVersion) {
      if (!isTask(task)) return false;
      if (finished.has(task.id)) return false;
      if (open.has(task.id) && sinceVersion !== undefined && (versions.get(task.id) ?? 0) !== sinceVersion) return false;
      place(task);
      return true;
    },
    get(id) {
      return open.get(id);
    },
    openSorted(now = Date.now()) {
      return [...open.values()].sort((a, b) => compareTasks(a, b, now));
    },
    clear() {
      open.clear();
      finished.clear();
      versions.clear();
    },
  };
}
