// The duty desk's whole state, as signals: components read them while rendering and draw again when they change.
// The books (alerts, tasks) are plain classes; their signal is a revision number bumped after every change, so a
// component that reads `alertsRev.value` re-renders when the book changed. Events from the live link are applied
// in desk-events.ts; nothing here touches the DOM.

import { signal } from '@preact/signals';
import type { RegionView, UserView } from '../../../../schemas/index.js';
import type { LinkState } from '../../shared/live-link.js';
import type { MessageRef } from '../../shared/api.js';
import { noticeShower } from '../../shared/notice.js';
import { createLivePicture } from '../../shared/live-picture.js';
import { clearPhone } from './phone-state.js';

/**
 * The books and the pulse with their revision signals: `alertsRev`, `tasksRev`, `pulseRev` are bumped after every
 * change to `alerts`, `tasks` and `pulse` (by `bumpAlerts`, `bumpTasks`, `bumpPulse`).
 */
const picture = createLivePicture();
export const { alerts, tasks, pulse, alertsRev, tasksRev, pulseRev, bumpAlerts, bumpTasks, bumpPulse } = picture;

export const token = signal<string | null>(null);
export const me = signal<UserView | null>(null);
export const link = signal<LinkState>({ up: true, retryAt: null });
/** Since when the gateway's store cannot write (alarms refused, devices resending); null while it can. */
export const storeFailingSince = signal<string | null>(null);
/** Server time minus this page's time (ms), from the last snapshot. */
export const clockOffset = signal(0);
/** This page's time, once a second: ages, countdowns, the stale check and flashes read it to stay current. */
export const now = signal(Date.now());
/** The notice line: a message key and its values, drawn again after a language switch. */
export const notice = signal<MessageRef | null>(null);
export const loginError = signal<MessageRef | null>(null);
/** username → display name, for "acknowledged by" and the timeline. */
export const names = signal<ReadonlyMap<string, string>>(new Map());
/** Responders of the desk's region (GET /users), for assigning tasks. */
export const responders = signal<UserView[]>([]);
/** Regions the desk can see (its own, below and above), by id. */
export const regions = signal<ReadonlyMap<string, RegionView>>(new Map());
/** Alert and task ids with an action under way: their buttons are disabled. */
export const pendingAlerts = signal<ReadonlySet<string>>(new Set());
export const pendingTasks = signal<ReadonlySet<string>>(new Set());
/** alert id → time its escalation flash ends (page time, ms). */
export const flashUntil = signal<ReadonlyMap<string, number>>(new Map());
/**
 * The alert the queue's side pane shows and the keyboard acts on (queue/selection.ts); null: none picked yet. Other
 * views may set it (with showTab('queue')) to show an alert there. It stays on its alert through every change,
 * closing included, until somebody picks another.
 */
export const selectedAlertId = signal<string | null>(null);

export const serverNow = () => now.value + clockOffset.value;

const showMessage = noticeShower(notice);

/** The notice line for 8 s. */
export function showNotice(key: string, vars: Record<string, string | number> = {}): void {
  showMessage([key, vars]);
}

/** Forgets everything of the session (logout, expired token). */
export function clearSession(): void {
  picture.clearPicture();
  clearPhone();
  token.value = null;
  me.value = null;
  link.value = { up: true, retryAt: null };
  storeFailingSince.value = null;
  names.value = new Map();
  responders.value = [];
  regions.value = new Map();
  pendingAlerts.value = new Set();
  pendingTasks.value = new Set();
  flashUntil.value = new Map();
  selectedAlertId.value = null;
}
