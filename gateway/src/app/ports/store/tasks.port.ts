import type { TaskStatus } from '../../../../../schemas/index.js';
import type { Task } from '../../../core/tasks/task.js';
import type { Assignee, ElderSummary, ListKey } from './alerts.port.js';

// Visit and maintenance tasks in the store, as the task board and the responders read them and as people move
// them. New tasks come with the decision commit (decisions.port.ts).

export interface TaskWithElder extends Task {
  elder: ElderSummary;
  assignee: Assignee | null;
}

export interface TaskFilter {
  statuses: readonly TaskStatus[] | 'all';
  limit: number;
  regionPath?: string;
  /** With regionPath: also the tasks assigned to this person wherever they lie (a responder's neighbouring community). */
  orAssigneeId?: string;
  assigneeId?: string;
  elderId?: string;
  kind?: Task['kind'];
  /** Care visits of this period key. */
  period?: string;
  /** Keyset paging, newest first: only tasks created before this one (by createdAt, then id). */
  before?: ListKey;
}

export interface TaskStore {
  findOpenTasks(elderId: string): Promise<Task[]>;
  getTask(id: string): Promise<TaskWithElder | null>;
  /** Newest first (createdAt, then id, descending). */
  listTasks(filter: TaskFilter): Promise<TaskWithElder[]>;
  /** Writes the task only if it is still in `expectedStatus`; false when it moved meanwhile. */
  updateTask(task: Task, expectedStatus: TaskStatus): Promise<boolean>;
}
