import type { ServiceType, TaskListQuery, TaskOutcome, TaskView, VisitMode } from '../../../../schemas/index.js';
import { OPEN_TASK_STATUSES } from '../../../../schemas/index.js';
import type { Task } from '../../core/tasks/task.js';
import { openTask } from '../../core/tasks/task-factory.js';
import { careVisitDue } from '../../core/tasks/care-visits.js';
import { nextVisitAttempt, visitModeProblem, withVisitMode } from '../../core/tasks/care-visit-records.js';
import * as loop from '../../core/tasks/task-lifecycle.js';
import { actorOf, DESK_ROLES, requireInScope, requireRole, type Access } from '../access.js';
import { AppError } from '../errors.js';
import { decodeKeyCursor, encodeKeyCursor, pageOf } from '../list-cursor.js';
import { responderFor } from '../directories/responder-lookup.js';
import type { RegionDirectory } from '../directories/region-directory.js';
import type { RuleRunner } from '../decisions/rule-runner.js';
import type { TaskWithElder, TaskStore } from '../ports/store/tasks.port.js';
import { toTaskView } from '../views.js';
import type { ElderStore } from '../ports/store/elders.port.js';
import type { UserStore } from '../ports/store/users.port.js';

// What people do with tasks, one loop for every kind: the desk assigns, cancels, or takes a service request from the
// phone line; the responder accepts, declines and completes with an outcome. Each step runs in the elder's queue,
// is audited and pushed live.

export function createTaskService(deps: { store: ElderStore & TaskStore & UserStore; rules: RuleRunner; regions: RegionDirectory }) {
  const { store, rules, regions } = deps;

  async function load(access: Access, id: string): Promise<TaskWithElder> {
    const task = await store.getTask(id);
    if (!task) throw new AppError('TASK_NOT_FOUND');
    // A responder sent from a neighbouring community gets the alert's visit and follow-up tasks: theirs to act on.
    if (access.role === 'responder' && task.assigneeId === access.userId) return task;
    requireInScope(access, regions.pathOf(task.elder.regionId) ?? '');
    return task;
  }

  async function act(access: Access, id: string, step: (task: Task, now: number) => loop.TaskResult): Promise<TaskView> {
    const before = await load(access, id);
    await rules.run({
      elderId: before.elderId,
      deviceId: null,
      actor: actorOf(access),
      evaluate: (state, now) => {
        const current = state.openTasks.find((t) => t.id === id);
        if (!current) throw new AppError('TASK_TRANSITION_INVALID', `task is ${before.status}`);
        const result = step(current, now);
        if (!result.ok) throw new AppError(result.code, result.code === 'TASK_TRANSITION_INVALID' ? `task is ${result.from}` : undefined);
        return result.decisions;
      },
    });
    // Read without the scope check: the person was allowed to act, and a responder of a neighbouring community who
    // declined is no longer the assignee that let them see it.
    const after = await store.getTask(id);
    if (!after) throw new AppError('TASK_NOT_FOUND');
    return toTaskView(after);
  }

  return {
    /** A page of tasks, newest first, with the cursor of the next page (null on the last). */
    async list(access: Access, query: TaskListQuery): Promise<{ items: TaskView[]; nextCursor: string | null }> {
      const statuses = query.status === 'open' ? OPEN_TASK_STATUSES : query.status === 'all' ? 'all' : [query.status];
      const rows = await store.listTasks({
        statuses,
        limit: query.limit + 1,
        regionPath: access.regionPath,
        // A responder's own tasks may lie in a neighbouring community of their town (the visit and follow-up of an
        // alert they were sent to): listed with their community's.
        ...(access.role === 'responder' ? { orAssigneeId: access.userId } : {}),
        ...(query.mine ? { assigneeId: access.userId } : {}),
        ...(query.elderId !== undefined ? { elderId: query.elderId } : {}),
        ...(query.cursor !== undefined ? { before: decodeKeyCursor(query.cursor) } : {}),
      });
      return pageOf(rows, query.limit, (last) => encodeKeyCursor({ at: last.createdAt, id: last.id }), toTaskView);
    },
    async get(access: Access, id: string): Promise<TaskView> {
      return toTaskView(await load(access, id));
    },
    async assign(access: Access, id: string, responderId: string) {
      requireRole(access, DESK_ROLES);
      const task = await load(access, id);
      await responderFor(store, regions, task.elder.regionId, responderId);
      return act(access, id, (task, now) => loop.assignTask(task, responderId, actorOf(access), now));
    },
    accept(access: Access, id: string) {
      requireRole(access, ['responder']);
      return act(access, id, (task, now) => loop.acceptTask(task, access.userId, actorOf(access), now));
    },
    decline(access: Access, id: string, reason: string | null) {
      requireRole(access, ['responder']);
      return act(access, id, (task, now) => loop.declineTask(task, access.userId, actorOf(access), now, reason));
    },
    /** `mode`: how a care visit was made (visit records); required for its outcomes about the elder, refused on other kinds. */
    complete(access: Access, id: string, outcome: TaskOutcome, note: string | null, mode: VisitMode | null = null) {
      const responderId = access.role === 'responder' ? access.userId : null;
      return act(access, id, (task, now) => {
        const problem = visitModeProblem(task, outcome, mode);
        if (problem) throw new AppError(problem);
        return withVisitMode(loop.completeTask(task, actorOf(access), now, outcome, note, responderId), mode);
      });
    },
    /**
     * A care visit that found nobody home, was refused, or was made in a way that does not count: a new attempt at
     * the same period, with the same modes (409 VISIT_RETRY_NOT_ALLOWED when covered, ended, or an attempt is open).
     */
    async retry(access: Access, id: string): Promise<TaskView> {
      requireRole(access, DESK_ROLES);
      const task = await load(access, id);
      const attempts = task.period === null ? [] : await store.listTasks({ statuses: 'all', kind: 'care_visit', elderId: task.elderId, period: task.period, limit: 1000 });
      let createdId: string | null = null;
      await rules.run({
        elderId: task.elderId,
        deviceId: null,
        actor: actorOf(access),
        evaluate: (state, now) => {
          const next = nextVisitAttempt(task, [...attempts, ...state.openTasks.filter((t) => t.kind === 'care_visit' && t.period === task.period)], now);
          if ('refused' in next) throw new AppError('VISIT_RETRY_NOT_ALLOWED', next.refused);
          const decisions = careVisitDue(state, now, { period: { key: task.period!, endAt: task.periodEndsAt! }, modes: task.visitModes ?? ['door'], attempt: next.attempt });
          const created = decisions.find((d) => d.kind === 'createTask');
          createdId = created?.kind === 'createTask' ? created.task.id : null;
          return decisions;
        },
      });
      if (!createdId) throw new AppError('VISIT_RETRY_NOT_ALLOWED', 'an attempt is open already');
      return toTaskView(await load(access, createdId));
    },
    cancel(access: Access, id: string, reason: string) {
      requireRole(access, DESK_ROLES);
      return act(access, id, (task, now) => loop.cancelTask(task, actorOf(access), now, reason));
    },
    /** The cause cleared by itself (the task says so): done in one step, nobody sent. */
    closeCleared(access: Access, id: string) {
      requireRole(access, DESK_ROLES);
      return act(access, id, (task, now) => loop.closeClearedTask(task, actorOf(access), now));
    },
    /** A service request taken by the desk (the 12349 line): the same task the green key makes. */
    async requestService(access: Access, input: { elderId: string; service: ServiceType; note?: string | undefined }): Promise<TaskView> {
      requireRole(access, DESK_ROLES);
      const elder = await store.getElder(input.elderId);
      if (!elder) throw new AppError('ELDER_NOT_FOUND');
      requireInScope(access, regions.pathOf(elder.regionId) ?? '');
      let createdId: string | null = null;
      await rules.run({
        elderId: elder.id,
        deviceId: null,
        actor: actorOf(access),
        evaluate: (state, now) => {
          const decisions = openTask(state, now, { kind: 'service', reason: 'service_request', service: input.service, deviceId: null, note: input.note ?? null });
          const created = decisions.find((d) => d.kind === 'createTask');
          createdId = created?.kind === 'createTask' ? created.task.id : (state.openTasks.find((t) => t.kind === 'service' && t.service === input.service)?.id ?? null);
          return decisions;
        },
      });
      if (!createdId) throw new AppError('TASK_NOT_FOUND');
      return toTaskView(await load(access, createdId));
    },
  };
}

export type TaskService = ReturnType<typeof createTaskService>;
