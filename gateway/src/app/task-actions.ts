import type { Logger } from 'pino';
import type { TaskStatus, TaskView } from '../../../schemas/index.js';
import { userActor } from '../core/alert.js';
import { AppError } from './errors.js';
import type { KeyedSerialQueue } from './keyed-serial-queue.js';
import type { LiveEvents } from './live-events.port.js';
import type { Store } from './store.port.js';
import { toTaskView } from './views.js';

// The desk's use cases on tasks: list, read, mark done. Dispatch and visits come with the care-workflow issue.

export function createTaskActions(deps: { store: Store; live: LiveEvents; queue: KeyedSerialQueue; clock: () => number; logger: Logger }) {
  const { store, live, clock } = deps;
  const logger = deps.logger.child({ module: 'task-actions' });

  return {
    async list(status: 'all' | TaskStatus, limit: number): Promise<TaskView[]> {
      return (await store.listTasks({ statuses: status === 'all' ? 'all' : [status], limit })).map(toTaskView);
    },
    async get(id: string): Promise<TaskView> {
      const task = await store.getTask(id);
      if (!task) throw new AppError('TASK_NOT_FOUND');
      return toTaskView(task);
    },
    async complete(id: string, actor: { username: string }, note: string | null): Promise<TaskView> {
      const current = await store.getTask(id);
      if (!current) throw new AppError('TASK_NOT_FOUND');
      // Same queue as the rules for this elder, so a rule never reads a task half-way through this change.
      return deps.queue.run(current.elderId, async () => {
        const fresh = await store.getTask(id);
        if (!fresh || fresh.status !== 'open') throw new AppError('TASK_TRANSITION_INVALID', `task is ${fresh?.status ?? 'gone'}`);
        const done = { ...fresh, status: 'done' as const, completedAt: clock(), completedBy: userActor(actor.username), note };
        if (!(await store.updateTask(done, 'open'))) throw new AppError('TASK_TRANSITION_INVALID', 'task changed meanwhile');
        logger.info({ taskId: id, actor: done.completedBy }, 'task done');
        const view = toTaskView(done);
        live.publish({ type: 'task.updated', task: view });
        return view;
      });
    },
  };
}

export type TaskActions = ReturnType<typeof createTaskActions>;
