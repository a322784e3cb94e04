import { OPEN_TASK_STATUSES } from '../../../../schemas/index.js';
import { SYSTEM_ACTOR, type Alert } from '../alerts/alert.js';
import type { Decision } from '../decisions.js';
import type { ElderState } from '../elder-state.js';
import type { Task } from './task.js';

// Tasks follow their alert: a maintenance visit or a wellness check whose cause went away by itself (the device came
// back online, the battery reads full again, motion was seen, the activity came back) says so, and the desk can
// close it in one step (task-lifecycle.ts, closeClearedTask). It is not closed by itself: a device that dropped off
// the network for an hour may still want a look, and a person decides that.

/** Marks the task's cause as cleared, now, with what cleared it. */
export function causeCleared(task: Task, now: number, note: string, actor: string = SYSTEM_ACTOR): Decision {
  return {
    kind: 'updateTask',
    task: { ...task, causeClearedAt: now, causeClearedNote: note },
    previousStatus: task.status,
    entry: { actor, action: 'cause_cleared', note },
  };
}

/** The alert types a device's maintenance visit is for. */
const MAINTENANCE_TYPES: ReadonlySet<string> = new Set(['low_battery', 'device_offline', 'test_signal_missed']);

/**
 * An alert cleared by itself (status `cleared`): the open tasks it caused are marked. A wellness check follows the
 * alert that opened it; a maintenance visit covers every problem of its device (one per device), so it is marked
 * when the last of them clears. `moved` holds tasks other decisions of the same run already change.
 */
export function tasksOfClearedAlert(alert: Alert, note: string | null, actor: string, state: ElderState, now: number, moved: ReadonlySet<string>): Decision[] {
  if (alert.status !== 'cleared') return [];
  const out: Decision[] = [];
  for (const task of state.openTasks) {
    if (task.causeClearedAt !== null || moved.has(task.id) || !OPEN_TASK_STATUSES.includes(task.status)) continue;
    const follows =
      task.kind === 'wellness_check'
        ? task.alertId === alert.id
        : task.kind === 'maintenance' &&
          MAINTENANCE_TYPES.has(alert.type) &&
          task.deviceId === alert.deviceId &&
          !state.openAlerts.some((a) => a.id !== alert.id && a.deviceId === alert.deviceId && MAINTENANCE_TYPES.has(a.type));
    if (follows) out.push(causeCleared(task, now, note ?? `${alert.type} cleared`, actor));
  }
  return out;
}
