// The desk's open tasks: maintenance visits (flat battery, device offline, missed test signal) and service requests
// from the green key. Work for a person, never an alarm: no sound, no banner. No DOM here.

const TASK_STATUSES = new Set(['open', 'done', 'cancelled']);
/** Ids of tasks seen done or cancelled this session; enough to recognise a late "open" for one of them. */
const FINISHED_KEEP = 500;

function isTask(value) {
  return Boolean(value) && typeof value === 'object' && typeof value.id === 'string' && TASK_STATUSES.has(value.status);
}

/** Oldest first: a task is a work list, and the one waiting longest is done first. */
export function compareTasks(a, b) {
  const byTime = Date.parse(a.createdAt) - Date.parse(b.createdAt);
  return byTime !== 0 ? byTime : a.id.localeCompare(b.id);
}

export function createTaskList() {
  const open = new Map();
  const finished = new Set();

  function finish(id) {
    open.delete(id);
    finished.add(id);
    if (finished.size > FINISHED_KEEP) finished.delete(finished.values().next().value);
  }

  /** done and cancelled are final, so an "open" view of a task already seen finished is older news and ignored. */
  function place(task) {
    if (task.status !== 'open') finish(task.id);
    else if (!finished.has(task.id)) open.set(task.id, task);
  }

  return {
    /** A snapshot lists every open task. */
    replace(tasks) {
      open.clear();
      for (const task of tasks) if (isTask(task)) place(task);
    },
    /** A live event (task.created, task.updated) or the reply to "done". */
    apply(task) {
      if (!isTask(task)) return false;
      place(task);
      return true;
    },
    get(id) {
      return open.get(id);
    },
    openSorted() {
      return [...open.values()].sort(compareTasks);
    },
    clear() {
      open.clear();
      finished.clear();
    },
  };
}
