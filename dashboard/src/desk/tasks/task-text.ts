// Words about a task shared by its cards and dialogs, in the page's language.

import { known, t } from '../../shared/i18n.js';
import type { Task } from '../../model/task-book.js';

export const kindLabel = (task: Task) => known(`task.kind.${task.kind}`) ?? '';

/** What the task is about: the service asked for, or why somebody has to go. */
export function taskWhat(task: Task): string | null {
  if (task.kind === 'service' && task.service) return known(`service.${task.service}`) ?? known(`task.reason.${task.reason}`);
  return known(`task.reason.${task.reason}`);
}

/** The status chip's words ("待指派", "已接受", ...). */
export const taskStatusLabel = (status: string) => known(`taskStatus.${status}`) ?? '';

/** "设备 {id}" for the device that asked for the task, when one did. */
export const deviceLine = (task: Task) => (task.deviceId ? t('row.device', { id: task.deviceId }) : null);
