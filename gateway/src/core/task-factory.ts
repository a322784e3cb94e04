import type { ServiceType, TaskKind, TaskReason } from '../../../schemas/index.js';
import type { Decision } from './decisions.js';
import type { ElderState } from './elder-state.js';
import type { Task } from './task.js';

// The one way rules open tasks. One open maintenance visit per device (a visit fixes a flat battery and a dead
// link alike) and one open request per service, so a device that keeps failing does not bury the community.

export interface TaskSpec {
  kind: TaskKind;
  reason: TaskReason;
  deviceId?: string | null;
  alertId?: string | null;
  service?: ServiceType | null;
}

export function taskDedupKey(spec: TaskSpec, test: boolean): string {
  const base = spec.kind === 'maintenance' ? `maintenance:${spec.deviceId ?? ''}` : `service:${spec.service ?? ''}`;
  return test ? `test:${base}` : base;
}

export function openTask(state: ElderState, now: number, spec: TaskSpec): Decision[] {
  const deviceId = spec.deviceId ?? state.device?.id ?? null;
  const device = state.device?.id === deviceId ? state.device : state.elderDevices.find((d) => d.id === deviceId);
  const test = device?.testMode ?? false;
  const dedupKey = taskDedupKey({ ...spec, deviceId }, test);
  if (state.openTasks.some((t) => t.dedupKey === dedupKey)) return [{ kind: 'ignore', reason: 'task_already_open' }];
  const task: Task = {
    id: state.newId(),
    kind: spec.kind,
    reason: spec.reason,
    status: 'open',
    test,
    elderId: state.elder.id,
    deviceId,
    alertId: spec.alertId ?? null,
    service: spec.service ?? null,
    dedupKey,
    createdAt: now,
    completedAt: null,
    completedBy: null,
    note: null,
  };
  return [{ kind: 'createTask', task }];
}
