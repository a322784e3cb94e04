// One action of the telephone screens at a time (save a call, link or register a caller, log an attempt): its
// buttons are disabled while it runs, and what the gateway refused is kept to be said in the operator's words.

import { useState } from 'preact/hooks';
import type { MessageRef } from '../../shared/api.js';
import { phoneErrorMessage } from './phone-request.js';

export interface PhoneAction {
  busy: boolean;
  error: MessageRef | null;
  /** A problem found before anything is sent (a field left empty). */
  refuse: (problem: MessageRef | null) => void;
  run: (action: () => Promise<void>) => Promise<void>;
}

export function usePhoneAction(): PhoneAction {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<MessageRef | null>(null);
  async function run(action: () => Promise<void>): Promise<void> {
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (err) {
      setError(phoneErrorMessage(err));
    } finally {
      setBusy(false);
    }
  }
  return { busy, error, refuse: setError, run };
}
