// The queue's keyboard, while it is on screen: A acknowledge, D dispatch, R resolve, H hold, F false alarm,
// I details, on the selected alert (marked ⌨, shown in the side pane); J/K or ↓/↑ move the selection between the
// shown rows. Keys are read by physical
// position (ev.code), so a Chinese input method left on does not swallow them. They sleep while a dialog is open
// (Esc belongs to it) or a field has the focus (typing belongs to the field).

import { useEffect } from 'preact/hooks';
import { actOn, type AlertAction } from './alert-actions.js';
import { keyTarget, moveSelection } from './shown-alerts.js';

const ACTIONS: Record<string, AlertAction> = { KeyA: 'ack', KeyD: 'dispatch', KeyR: 'resolve', KeyH: 'hold', KeyF: 'false-alarm', KeyI: 'details' };
const MOVES: Record<string, -1 | 1> = { KeyJ: 1, ArrowDown: 1, KeyK: -1, ArrowUp: -1 };

function typingOrInDialog(target: EventTarget | null): boolean {
  if (document.querySelector('dialog[open]')) return true;
  return target instanceof HTMLElement && (target.closest('input, textarea, select') !== null || target.isContentEditable);
}

export function useQueueShortcuts(): void {
  useEffect(() => {
    function onKey(ev: KeyboardEvent) {
      if (ev.defaultPrevented || ev.ctrlKey || ev.metaKey || ev.altKey || ev.isComposing) return;
      const action = ACTIONS[ev.code];
      const step = MOVES[ev.code];
      if ((!action && !step) || typingOrInDialog(ev.target)) return;
      if (step) {
        ev.preventDefault();
        // the queue scrolls the newly selected row into view (AlarmQueue.tsx)
        moveSelection(step);
        return;
      }
      const alert = keyTarget.value;
      // a held-down key must not acknowledge the next alert too
      if (!action || !alert || ev.repeat) return;
      ev.preventDefault();
      actOn(action, alert);
    }
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);
}
