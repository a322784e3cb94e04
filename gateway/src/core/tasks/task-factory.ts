import type { ServiceType, TaskKind, TaskReason, VisitMode } from '../../../../schemas/index.js';
import type { Decision } from '../decisions.js';
import type { ElderState } from '../elder-state.js';
import type { Task } from './task.js';

// The one way rules open tasks. One open maintenance visit per device (a visit fixes a flat battery and a dead
// link alike) and one open request per service, so a device that keeps failing does not bury the community.

export interface TaskSpec {
  kind: TaskKind;
  reason: TaskReason;
  deviceId?: string | null;
  alertId?: string | null;
  service?: ServiceType | null;
  /** Care visits (all four together): see Task. */
  period?: string | null;
  periodEndsAt?: number | null;
  attempt?: number | null;
  visitModes?: VisitMode[] | null;
  assigneeId?: string | null;
  dueAt?: number | null;
  note?: string | null;
}

/** What makes two open tasks the same piece of work. */
export function taskDedupKey(spec: TaskSpec, test: boolean): string {
  const base = ((): string => {
    switch (spec.kind) {
      case 'maintenance':
        return `maintenance:${spec.deviceId ?? ''}`;
      case 'service':
        return `service:${spec.service ?? ''}`;
      case 'visit':
      case 'follow_up':
        return `${spec.kind}:${spec.alertId ?? ''}`;
      case 'wellness_check':
        return 'wellness_check';
      case 'care_visit':
        return `care_visit:${spec.period ?? ''}`;
    }
  })();
  return test ? `test:${base}` : base;
}

export function openTask(state: ElderState, now: number, spec: TaskSpec): Decision[] {
  // null means "no device" (a visit, a follow-up); only an absent deviceId defaults to the device that spoke.
  const deviceId = spec.deviceId !== undefined ? spec.deviceId : (state.device?.id ?? null);
  const device = state.device?.id === deviceId ? state.device : state.elderDevices.find((d) => d.id === deviceId);
  const test = device?.testMode ?? false;
  const dedupKey = taskDedupKey({ ...spec, deviceId }, test);
  if (state.openTasks.some((t) => t.dedupKey === dedupKey)) return [{ kind: 'ignore', reason: 'task_already_open' }];
  const task: Task = {
    id: state.newId(),
    kind: spec.kind,
    reason: spec.reason,
    status: spec.assigneeId ? 'assigned' : 'open',
    test,
    elderId: state.elder.id,
    deviceId,
    alertId: spec.alertId ?? null,
    service: spec.service ?? null,
    dedupKey,
    period: spec.period ?? null,
    periodEndsAt: spec.periodEndsAt ?? null,
    attempt: spec.attempt ?? null,
    visitModes: spec.visitModes ?? null,
    visitMode: null,
    assigneeId: spec.assigneeId ?? null,
    dueAt: spec.dueAt ?? null,
    createdAt: now,
    assignedAt: spec.assigneeId ? now : null,
    acceptedAt: null,
    completedAt: null,
    completedBy: null,
    outcome: null,
    note: spec.note ?? null,
    causeClearedAt: null,
    causeClearedNote: null,
  };
  return [{ kind: 'createTask', task }];
}
