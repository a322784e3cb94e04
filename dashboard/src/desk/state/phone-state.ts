// The desk's telephone: the call in the incoming-call panel (a number the PBX announced, its line, the elders it
// matched, or nothing when the operator opened the panel by hand), whether the panel is on screen, and the
// complaints' revision, bumped when the gateway flags one overdue so the complaints list reads again. The live
// events that open the panel or flag a complaint are applied in desk-events.ts.
//
// Hiding the panel keeps what was typed: the operator may look at the queue mid-call and come back. A second call
// announced while the panel holds a typed draft does not wipe it: it waits in `ringing` until the operator takes it.

import { batch, signal } from '@preact/signals';
import type { CallIncomingEvent, CallLine } from '../../../../schemas/index.js';

export interface PhonePanelOpening {
  /** The number to search with, as the PBX gave it; empty when the operator opened the panel by hand. */
  number: string;
  line: CallLine | null;
  /** What the gateway already matched for a ringing call (shown at once, before the panel's own search answers). */
  matches: CallIncomingEvent['matches'];
  externalId: string | null;
  /** New on every opening: the panel's form starts afresh for each call. */
  serial: number;
}

export const phonePanel = signal<PhonePanelOpening | null>(null);
export const phonePanelShown = signal(false);
/** True once the operator typed into the panel's form (a draft the next announced call must not wipe). */
export const phoneDraftDirty = signal(false);
/** A call announced while the panel held a draft. */
export const ringing = signal<PhonePanelOpening | null>(null);
/** Complaints flagged overdue by the live link since the list was last read: the list reads again. */
export const complaintsRev = signal(0);

let serial = 0;

function opening(from: Partial<Omit<PhonePanelOpening, 'serial'>>): PhonePanelOpening {
  serial += 1;
  return { number: from.number ?? '', line: from.line ?? null, matches: from.matches ?? [], externalId: from.externalId ?? null, serial };
}

/** A call announced by the PBX: into the panel, or waiting beside the draft the operator is typing. */
export function announceCall(call: Partial<Omit<PhonePanelOpening, 'serial'>>): void {
  batch(() => {
    if (phonePanel.peek() && phoneDraftDirty.peek()) ringing.value = opening(call);
    else {
      phonePanel.value = opening(call);
      phoneDraftDirty.value = false;
    }
    phonePanelShown.value = true;
  });
}

/** The key or the header button: the panel as it was, or a fresh one. */
export function showPhonePanel(): void {
  batch(() => {
    if (!phonePanel.peek()) phonePanel.value = opening({});
    phonePanelShown.value = true;
  });
}

export function hidePhonePanel(): void {
  phonePanelShown.value = false;
}

/** Takes the waiting call: the draft is dropped (the operator chose to). */
export function takeRinging(): void {
  const next = ringing.peek();
  if (!next) return;
  batch(() => {
    phonePanel.value = next;
    ringing.value = null;
    phoneDraftDirty.value = false;
    phonePanelShown.value = true;
  });
}

/** The call is on record (or discarded): the panel closes, or shows the call that waited. */
export function finishPhoneCall(): void {
  batch(() => {
    phoneDraftDirty.value = false;
    const next = ringing.peek();
    ringing.value = null;
    phonePanel.value = next;
    phonePanelShown.value = next !== null;
  });
}

export function bumpComplaints(): void {
  complaintsRev.value += 1;
}

/** Logout: nothing of the telephone stays for the next person. */
export function clearPhone(): void {
  batch(() => {
    phonePanel.value = null;
    phonePanelShown.value = false;
    phoneDraftDirty.value = false;
    ringing.value = null;
  });
}
