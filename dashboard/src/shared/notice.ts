// The notice line both pages show under the top bar: a message (key and values, so it is drawn again in the new
// words after a language switch) that goes away by itself after 8 s, or when the next one replaces it.

import type { Signal } from '@preact/signals';
import type { MessageRef } from './api.js';

const SHOWN_MS = 8000;

/** A function that puts a message on `notice` for 8 s. */
export function noticeShower(notice: Signal<MessageRef | null>): (message: MessageRef) => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return (message) => {
    notice.value = message;
    clearTimeout(timer);
    timer = setTimeout(() => (notice.value = null), SHOWN_MS);
  };
}
