import { OPEN_TASK_STATUSES } from '../../../../../schemas/index.js';
import type { TaskStore } from '../../../app/ports/store/tasks.port.js';
import { taskFromRow, taskToRow, taskWithElderFromRow, type TaskRow, type WithElderColumns } from '../rows/store-rows.js';
import type { PgContext } from './connection.js';
import { listFilter } from './list-filter.js';
import { columnList, inList, named, TASK_COLUMNS, TASK_MUTABLE_COLUMNS, updateTaskWhileStatus, valuesOf, withElder } from './statements.js';

// Visit and maintenance tasks in the shared store (app/ports/store/tasks.port.ts). New tasks come with the decision
// commit (decisions.ts).

const q = {
  open: named('open-tasks', `SELECT ${columnList(TASK_COLUMNS)} FROM tasks WHERE elder_id = $1 AND status IN ${inList(OPEN_TASK_STATUSES)}`),
  byId: named('task-by-id', `${withElder('tasks')} WHERE x.id = $1`),
};

export function createPgTasks({ pool, rows, first, changes }: PgContext): TaskStore {
  return {
    async findOpenTasks(elderId) {
      return (await rows<TaskRow>(q.open(elderId))).map(taskFromRow);
    },
    async getTask(id) {
      const r = await first<TaskRow & WithElderColumns>(q.byId(id));
      return r ? taskWithElderFromRow(r) : null;
    },
    async listTasks(filter) {
      const { where, values } = listFilter(filter, 'created_at');
      const text = `${withElder('tasks')} ${where} ORDER BY x.created_at DESC, x.id DESC LIMIT $${values.length + 1}`;
      return (await pool.query<TaskRow & WithElderColumns>(text, [...values, filter.limit])).rows.map(taskWithElderFromRow);
    },
    async updateTask(task, expectedStatus) {
      const row = taskToRow(task);
      return (await changes(updateTaskWhileStatus(row.id, ...valuesOf(row, TASK_MUTABLE_COLUMNS), expectedStatus))) > 0;
    },
  };
}
