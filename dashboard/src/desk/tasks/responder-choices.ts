// Whom a task can be given to: the responders of the desk's region, those of the elder's own community first, then
// those on duty, then by name; labelled with their community and whether they are on duty.

import type { UserView } from '../../../../schemas/index.js';
import { listUsers } from '../../shared/api.js';
import { t } from '../../shared/i18n.js';
import { regions, responders } from '../state/desk-state.js';
import type { Task } from '../../model/task-book.js';

export function respondersFor(task: Task, people: readonly UserView[]): UserView[] {
  const community = task.elder.regionId;
  return [...people].sort(
    (a, b) =>
      Number(b.regionId === community) - Number(a.regionId === community) ||
      Number(b.onDuty) - Number(a.onDuty) ||
      a.displayName.localeCompare(b.displayName, 'zh-CN'),
  );
}

/** "护理员张丽 · 幸福社区 · 在岗": the option's words (a <select> holds text only). */
export function responderLabel(person: UserView): string {
  const parts = [person.displayName];
  const region = regions.value.get(person.regionId);
  if (region) parts.push(region.name);
  parts.push(t(person.onDuty ? 'dispatch.onDuty' : 'dispatch.offDuty'));
  return parts.join(' · ');
}

/** The directory is loaded with the session; asked again here when that failed, as the assign dialog needs it. */
export async function loadRespondersIfMissing(token: string): Promise<void> {
  if (responders.value.length > 0) return;
  try {
    const users = await listUsers(token, 'responder');
    responders.value = users.items.filter((u) => u.role === 'responder');
  } catch {
    // the dialog says there is nobody to choose
  }
}
