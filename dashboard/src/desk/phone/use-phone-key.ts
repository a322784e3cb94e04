// F2 opens the incoming-call panel from anywhere on the desk, even while typing in a field (a function key types
// nothing) or with an alert's dialog open: a ringing phone comes before the form on screen, so the dialog closes.
// Esc inside the panel hides it (the draft stays).

import { useEffect } from 'preact/hooks';
import { closeAlertDialog } from '../alert-dialogs/alert-dialog-state.js';
import { hidePhonePanel, showPhonePanel } from '../state/phone-state.js';

export const PHONE_KEY = 'F2';

export function usePhoneKey(): void {
  useEffect(() => {
    function onKey(ev: KeyboardEvent) {
      if (ev.key === PHONE_KEY && !ev.ctrlKey && !ev.metaKey && !ev.altKey && !ev.repeat) {
        ev.preventDefault();
        closeAlertDialog();
        showPhonePanel();
        return;
      }
      if (ev.key === 'Escape' && ev.target instanceof Element && ev.target.closest('[data-testid=phone-panel]')) {
        ev.preventDefault();
        hidePhonePanel();
      }
    }
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);
}
