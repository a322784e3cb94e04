// The visit policy on the desk: the saved table (GET /api/v1/visit-policy) and an admin's unsaved edits, kept at
// module level so that switching to another tab and back keeps them (the tab shows a mark while they wait), and a
// reload or closing the page asks first. Saving sends the whole table (PUT); a refusal keeps the edits and says why
// by the gateway's code. The next person at this desk starts from the saved table.

import { computed, effect, signal } from '@preact/signals';
import type { VisitPolicy } from '../../../../../schemas/index.js';
import { ApiError, errorMessage, type MessageRef } from '../../../shared/api.js';
import { token } from '../../state/desk-state.js';
import { fetchVisitPolicy, saveVisitPolicy } from '../visits-request.js';
import { ruleProblems, sameRules, toRule, withKey, type DraftRule } from './policy-draft.js';

export const savedPolicy = signal<VisitPolicy | null>(null);
export const policyLoad = signal<{ state: 'idle' | 'loading' | 'ok' | 'failed'; error: MessageRef | null }>({ state: 'idle', error: null });
/** The rows being edited; null while nobody edits (the saved table is shown). */
export const draft = signal<DraftRule[] | null>(null);
export const saving = signal(false);
export const saveError = signal<MessageRef | null>(null);
/** The last save went through (for the "saved" line), cleared by the next edit. */
export const justSaved = signal(false);

export const unsaved = computed(() => draft.value !== null && savedPolicy.value !== null && !sameRules(draft.value, savedPolicy.value.rules));

/** Words for the gateway's refusals of a table. */
const BY_CODE: Record<string, string> = {
  VISIT_POLICY_NO_MODE: 'visits.policy.error.VISIT_POLICY_NO_MODE',
  VISIT_POLICY_RULE_EMPTY: 'visits.policy.error.VISIT_POLICY_RULE_EMPTY',
  VISIT_POLICY_DUPLICATE_RULE: 'visits.policy.error.VISIT_POLICY_DUPLICATE_RULE',
};
const policyError = (err: unknown): MessageRef => (err instanceof ApiError && BY_CODE[err.code] ? [BY_CODE[err.code]!] : errorMessage(err));

export async function loadPolicy(): Promise<void> {
  const session = token.peek();
  if (!session) return;
  policyLoad.value = { state: 'loading', error: null };
  try {
    const policy = await fetchVisitPolicy();
    if (token.peek() !== session) return;
    savedPolicy.value = policy;
    policyLoad.value = { state: 'ok', error: null };
  } catch (err) {
    if (token.peek() === session) policyLoad.value = { state: 'failed', error: errorMessage(err) };
  }
}

export function startEditing(): void {
  if (draft.peek() === null && savedPolicy.peek()) draft.value = savedPolicy.peek()!.rules.map(withKey);
}

export function editDraft(change: (rows: DraftRule[]) => DraftRule[]): void {
  if (draft.peek() === null) return;
  draft.value = change(draft.peek()!);
  justSaved.value = false;
  saveError.value = null;
}

export function discardDraft(): void {
  draft.value = null;
  saveError.value = null;
}

/** Sends the whole table, unless a row has a problem the gateway would refuse (said next to the row instead). */
export async function saveDraft(): Promise<void> {
  const rows = draft.peek();
  if (!rows || saving.peek()) return;
  if (ruleProblems(rows).some((problem) => problem !== null)) {
    saveError.value = ['visits.policy.error.fixRows'];
    return;
  }
  const session = token.peek();
  saving.value = true;
  saveError.value = null;
  try {
    const policy = await saveVisitPolicy(rows.map(toRule));
    if (token.peek() !== session) return;
    savedPolicy.value = policy;
    draft.value = null;
    justSaved.value = true;
  } catch (err) {
    if (token.peek() === session) saveError.value = policyError(err);
  } finally {
    saving.value = false;
  }
}

effect(() => {
  if (token.value !== null) return;
  savedPolicy.value = null;
  policyLoad.value = { state: 'idle', error: null };
  draft.value = null;
  saveError.value = null;
  justSaved.value = false;
});

// a reload or closing the tab with edits not saved asks first (the browser's own question)
window.addEventListener('beforeunload', (event) => {
  if (unsaved.peek()) event.preventDefault();
});
