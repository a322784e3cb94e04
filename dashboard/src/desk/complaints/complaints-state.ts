// The complaints the desk can see that are not closed yet (or all, when the supervisor asks), read on entering the
// desk, again whenever the gateway flags one overdue and after every action. Whether one is overdue is counted
// against the clock on screen, so a deadline passing while the list is open turns it red without a reload.

import { computed, effect, signal, untracked } from '@preact/signals';
import type { ComplaintView } from '../../../../schemas/index.js';
import { listComplaints, type ComplaintListStatus } from '../../shared/api.js';
import { serverNow, now, token } from '../state/desk-state.js';
import { complaintsRev } from '../state/phone-state.js';
import { withSession } from '../phone/phone-request.js';

export const complaintFilter = signal<Extract<ComplaintListStatus, 'unclosed' | 'all'>>('unclosed');
export const complaints = signal<ComplaintView[] | null>(null);
export const complaintsError = signal<unknown>(null);

let asked = 0;

export async function loadComplaints(): Promise<void> {
  const ask = ++asked;
  try {
    const reply = await withSession((session) => listComplaints(session, complaintFilter.peek()));
    if (ask !== asked) return;
    complaints.value = Array.isArray(reply?.items) ? reply.items : [];
    complaintsError.value = null;
  } catch (err) {
    if (ask === asked) complaintsError.value = err;
  }
}

export const isOverdue = (c: ComplaintView, at: number) => c.status !== 'closed' && (c.overdue || Date.parse(c.dueAt) < at);

/** Still waiting: not closed; of those, past the deadline. */
export const complaintCounts = computed(() => {
  void now.value;
  const at = serverNow();
  const list = complaints.value ?? [];
  const waiting = list.filter((c) => c.status !== 'closed');
  return { waiting: waiting.length, overdue: waiting.filter((c) => isOverdue(c, at)).length, loaded: complaints.value !== null };
});

const RANK: Record<string, number> = { open: 1, answered: 2, closed: 3 };

/** Overdue first (the longest overdue on top), then open, then answered, each by deadline; closed last. */
export function sortComplaints(list: ComplaintView[], at: number): ComplaintView[] {
  return [...list].sort((a, b) => {
    const late = Number(isOverdue(b, at)) - Number(isOverdue(a, at));
    if (late !== 0) return late;
    const rank = (RANK[a.status] ?? 9) - (RANK[b.status] ?? 9);
    return rank !== 0 ? rank : Date.parse(a.dueAt) - Date.parse(b.dueAt);
  });
}

// A session reads them; a logout forgets them; an overdue flag or another filter reads them again.
effect(() => {
  void complaintsRev.value;
  void complaintFilter.value;
  if (token.value === null) {
    complaints.value = null;
    complaintsError.value = null;
    return;
  }
  untracked(() => void loadComplaints());
});
