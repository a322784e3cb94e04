import { OPEN_TASK_STATUSES } from '../../../../../schemas/index.js';
import type { TaskStore } from '../../../app/ports/store/tasks.port.js';
import { taskFromRow, taskWithElderFromRow, type TaskRow, type WithElderColumns } from '../rows/store-rows.js';
import type { SqliteContext } from './connection.js';
import { listFilter } from './list-filter.js';
import { inList, taskParams, UPDATE_TASK_IF_STATUS, withElder } from './statements.js';

// Visit and maintenance tasks in the embedded store (app/ports/store/tasks.port.ts), on the alarms connection. New
// tasks come with the decision commit (decisions.ts).

const OPEN = inList(OPEN_TASK_STATUSES);

export function createSqliteTasks({ alarms }: SqliteContext): TaskStore {
  const q = {
    open: alarms.prepare(`SELECT * FROM tasks WHERE elder_id = ? AND status IN ${OPEN}`),
    byId: alarms.prepare(`${withElder('tasks')} WHERE x.id = ?`),
    updateIfStatus: alarms.prepare(UPDATE_TASK_IF_STATUS),
  };
  return {
    async findOpenTasks(elderId) {
      return (q.open.all(elderId) as TaskRow[]).map(taskFromRow);
    },
    async getTask(id) {
      const r = q.byId.get(id) as (TaskRow & WithElderColumns) | undefined;
      return r ? taskWithElderFromRow(r) : null;
    },
    async listTasks(filter) {
      const { where, params } = listFilter(filter, 'created_at');
      const rows = alarms
        .prepare(`${withElder('tasks')} ${where} ORDER BY x.created_at DESC, x.id DESC LIMIT ?`)
        .all(...params, filter.limit) as Array<TaskRow & WithElderColumns>;
      return rows.map(taskWithElderFromRow);
    },
    async updateTask(task, expectedStatus) {
      return q.updateIfStatus.run({ ...taskParams(task), expected_status: expectedStatus }).changes > 0;
    },
  };
}
