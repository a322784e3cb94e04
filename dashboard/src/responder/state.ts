// The responder page's state, as signals: components read them while rendering and draw again when they change.
// Smaller than the desk's: one person, their alerts, their tasks and the open tasks of their community. The books
// (alerts, tasks) are the desk's plain classes; their signal is a revision number bumped after every change.
// Nothing here touches the DOM.

import { computed, signal } from '@preact/signals';
import type { Elder, UserView } from '../../../schemas/index.js';
import type { MessageRef } from '../shared/api.js';
import type { LinkState } from '../shared/live-link.js';
import { noticeShower } from '../shared/notice.js';
import { createLivePicture } from '../shared/live-picture.js';
import type { Alert } from '../model/alert-book.js';
import type { Task } from '../model/task-book.js';

/** Every alert the live link tells about (the page shows only those dispatched to me, myAlerts); tasks; the pulse. */
const picture = createLivePicture();
export const { alerts, tasks, pulse, alertsRev, tasksRev, pulseRev, bumpAlerts, bumpTasks, bumpPulse } = picture;

export const token = signal<string | null>(null);
export const me = signal<UserView | null>(null);
export const link = signal<LinkState>({ up: true, retryAt: null });
/** Server time minus this page's time (ms), from the last snapshot. */
export const clockOffset = signal(0);
/** This page's time, once a second: ages, countdowns and the stale check read it to stay current. */
export const now = signal(Date.now());
export const notice = signal<MessageRef | null>(null);
export const loginError = signal<MessageRef | null>(null);
export const pendingAlerts = signal<ReadonlySet<string>>(new Set());
export const pendingTasks = signal<ReadonlySet<string>>(new Set());

/** An elder's record as far as the page has it: being fetched, fetched, or the fetch failed. */
export type RecordState = Elder | Error | 'loading';
/** elder id → record; fetched once per session, again for a new dispatch. */
export const elders = signal<ReadonlyMap<string, RecordState>>(new Map());
/** Elder ids whose record is unfolded on a task card (kept across redraws). */
export const openRecords = signal<ReadonlySet<string>>(new Set());

/** The form dialog on screen, with what it acts on. */
export type OpenDialog =
  | { kind: 'resolve'; alert: Alert }
  | { kind: 'decline-alert'; alert: Alert }
  | { kind: 'decline-task'; task: Task }
  | { kind: 'complete-task'; task: Task };
export const dialog = signal<OpenDialog | null>(null);

export const serverNow = () => now.value + clockOffset.value;

/** The live link as the page can vouch for it: down, stale (gateway silent for 15 s), ok, or no heartbeat yet. */
export const linkMode = computed<'down' | 'stale' | 'ok' | 'waiting'>(() => {
  void pulseRev.value;
  if (!link.value.up) return 'down';
  if (pulse.isStale(now.value)) return 'stale';
  return pulse.last() ? 'ok' : 'waiting';
});

/** True while what is on screen may be out of date (the cards are dimmed); changes only when that does. */
export const pictureDoubtful = computed(() => Boolean(me.value) && (linkMode.value === 'down' || linkMode.value === 'stale'));

/**
 * The alerts dispatched to me. The live link sends every change in my community (the snapshot only mine), so the
 * page keeps an alert only while its assignee is me: a declined one, or one passed to the next responder, goes.
 */
export const myAlerts = computed<Alert[]>(() => {
  void alertsRev.value;
  const id = me.value?.id;
  if (!id) return [];
  return alerts.openSorted().filter((a) => a.assignee?.id === id && a.status !== 'on_hold');
});

/**
 * Tasks sorted overdue first, at the time the list last changed: the order does not jump on its own while the
 * responder reads it (the overdue marks themselves follow the clock, see TaskCard).
 */
const sortedTasks = () => tasks.openSorted(Date.now() + clockOffset.peek());

/** My tasks, without the on-site visit of an alert on my list: that alert's card is the same work. */
export const myTasks = computed<Task[]>(() => {
  void tasksRev.value;
  const id = me.value?.id;
  if (!id) return [];
  const onMyList = new Set(myAlerts.value.map((a) => a.id));
  return sortedTasks().filter((task) => task.assignee?.id === id && !(task.kind === 'visit' && task.alertId && onMyList.has(task.alertId)));
});

export const communityTasks = computed<Task[]>(() => {
  void tasksRev.value;
  if (!me.value) return [];
  return sortedTasks().filter((task) => task.status === 'open' && !task.assignee);
});

/** The notice line for 8 s (drawn again after a language switch). */
export const showNotice = noticeShower(notice);

/** Forgets everything of the session (logout, expired token). */
export function clearSession(): void {
  picture.clearPicture();
  token.value = null;
  me.value = null;
  link.value = { up: true, retryAt: null };
  elders.value = new Map();
  openRecords.value = new Set();
  pendingAlerts.value = new Set();
  pendingTasks.value = new Set();
  dialog.value = null;
}
