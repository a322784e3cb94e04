// One REST action on one alert or task, as both pages run it: at most one at a time per id (its buttons are
// disabled meanwhile). The live link brings the result as well; the reply is applied for when the link is slow or
// down, unless a live event for the same item came first (the book decides by version). A failure becomes the
// notice line in the words for alerts or tasks; a 401 ends the session.

import type { ReadonlySignal, Signal } from '@preact/signals';
import { ApiError, errorMessage, type MessageRef } from './api.js';
import { addTo, removeFrom } from './sets.js';

/** Where a page keeps what an action touches. */
export interface ActionPlace<Reply> {
  /** The words of an error notice: for alerts or for tasks (a 409 on a task means somebody else handled it). */
  kind: 'alert' | 'task';
  token: ReadonlySignal<string | null>;
  /** Ids with an action under way. */
  pending: Signal<ReadonlySet<string>>;
  book: { version(id: string): number; applyReply(reply: Reply, sinceVersion?: number): boolean };
  /** Tells the page the book changed. */
  bump: () => void;
  showNotice: (message: MessageRef) => void;
  endSession: (reasonKey: string) => void;
}

export async function runAction<Reply>(place: ActionPlace<Reply>, id: string, call: (session: string) => Promise<Reply>): Promise<void> {
  const session = place.token.peek();
  if (!session || place.pending.peek().has(id)) return;
  place.pending.value = addTo(place.pending.peek(), id);
  const versionBefore = place.book.version(id);
  try {
    const reply = await call(session);
    if (place.token.peek() === session && place.book.applyReply(reply, versionBefore)) place.bump();
  } catch (err) {
    if (place.token.peek() !== session) return;
    if (err instanceof ApiError && err.status === 401) {
      place.endSession('login.expired');
      return;
    }
    place.showNotice(errorMessage(err, place.kind));
  } finally {
    place.pending.value = removeFrom(place.pending.peek(), id);
  }
}
