import type { Alert } from './alert.js';
import type { Decision } from '../decisions.js';
import type { ElderState } from '../elder-state.js';

// Whether a message's decisions only count another press of an alert already open: one `repeated` update that moves
// nothing but the count and the last-seen time. Anything else (a new alert, a press that takes back a cancel or
// ends a hold, new context) is news. The ingest merges such a repeat without a write when its device is over its
// message rate (docs/device-protocol.md, 7.1), so that a key stuck down cannot fill the store.

export function isMereRepeat(decisions: readonly Decision[], state: ElderState): boolean {
  const changes = decisions.filter((d) => d.kind !== 'ignore');
  const repeat = changes[0];
  if (changes.length !== 1 || repeat?.kind !== 'update' || repeat.entry.action !== 'repeated') return false;
  const open = state.openAlerts.find((a) => a.id === repeat.alert.id);
  if (!open || repeat.alert.status !== open.status) return false;
  const moved: Alert = { ...repeat.alert, count: open.count, lastSeenAt: open.lastSeenAt };
  return JSON.stringify(moved) === JSON.stringify(open);
}
