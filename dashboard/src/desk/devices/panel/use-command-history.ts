// A device's command history while its panel is open: the newest page, asked again every 3 s while any command on it
// is still pending (queued, sent, delivered) and not otherwise (a quiet device costs nothing). Older pages come on
// "more" and are kept below the newest one as it is refreshed. A command just sent is shown at once, before the
// next ask brings it back.

import { useEffect, useState } from 'preact/hooks';
import { PENDING_COMMAND_STATUSES, type DeviceCommandView } from '../../../../../schemas/index.js';
import { listDeviceCommands } from '../device-request.js';

export const POLL_MS = 3_000;

export interface CommandHistory {
  state: 'loading' | 'ok' | 'failed';
  items: DeviceCommandView[];
  nextCursor: string | null;
  error: unknown;
}

const isPending = (c: DeviceCommandView) => PENDING_COMMAND_STATUSES.includes(c.status);

/** The newest page merged over what is shown: its items first (fresh), then the older ones "more" brought. */
function mergeNewest(newest: DeviceCommandView[], shown: DeviceCommandView[]): DeviceCommandView[] {
  const ids = new Set(newest.map((c) => c.id));
  return [...newest, ...shown.filter((c) => !ids.has(c.id))];
}

export function useCommandHistory(deviceId: string) {
  const [history, setHistory] = useState<CommandHistory>({ state: 'loading', items: [], nextCursor: null, error: null });
  const [tick, setTick] = useState(0);

  useEffect(() => {
    let current = true;
    listDeviceCommands(deviceId).then(
      (page) => {
        if (!current) return;
        // the cursor to older commands is the first page's, until "more" moves it on
        setHistory((before) => ({ state: 'ok', items: mergeNewest(page.items, before.items), nextCursor: before.items.length === 0 ? page.nextCursor : before.nextCursor, error: null }));
      },
      (error: unknown) => current && setHistory((before) => ({ ...before, state: 'failed', error })),
    );
    return () => {
      current = false;
    };
  }, [deviceId, tick]);

  const pending = history.items.some(isPending);
  useEffect(() => {
    if (!pending || history.state === 'loading') return;
    const timer = setTimeout(() => setTick((n) => n + 1), POLL_MS);
    return () => clearTimeout(timer);
  }, [pending, history]);

  /** A command just sent: on top at once; the polling follows it from here. */
  function add(command: DeviceCommandView) {
    setHistory((before) => ({ ...before, items: [command, ...before.items.filter((c) => c.id !== command.id)] }));
  }

  function more() {
    const cursor = history.nextCursor;
    if (!cursor) return;
    listDeviceCommands(deviceId, cursor).then(
      (page) => setHistory((before) => ({ ...before, items: [...before.items, ...page.items.filter((c) => !before.items.some((b) => b.id === c.id))], nextCursor: page.nextCursor })),
      (error: unknown) => setHistory((before) => ({ ...before, error })),
    );
  }

  return { history, add, more, pending };
}
