import type { Alert, TimelineEntry } from './alerts/alert.js';
import type { Deadline } from './deadline.js';
import type { DevicePresence, RuleStateValue } from './elder-state.js';
import type { Task } from './tasks/task.js';
import type { Notification } from './notification.js';

// What rules decide; the app carries decisions out, all of one message in one transaction. A rule never performs
// I/O itself (docs/decisions/0004-pure-core-time-as-parameter.md).

export type Decision =
  | { kind: 'raise'; alert: Alert; entry: TimelineEntry }
  /** `previousStatus` guards the write: it applies only if nobody moved the alert meanwhile. */
  | { kind: 'update'; alert: Alert; entry: TimelineEntry; previousStatus: Alert['status'] }
  | { kind: 'createTask'; task: Task }
  /** A task moved in its loop; applies only if it is still in `previousStatus`. `entry` goes to the audit log. */
  | { kind: 'updateTask'; task: Task; previousStatus: Task['status']; entry: { actor: string; action: string; note: string | null } }
  /** Somebody outside the desk must be told (family, supervisors, the responder's phone); sent after the commit. */
  | { kind: 'notify'; notification: Notification }
  | { kind: 'arm'; deadline: Deadline }
  | { kind: 'disarm'; key: string }
  /** Rule memory that must survive a restart (a condition's start time, recent low-confidence detections). */
  | { kind: 'setState'; key: string; value: RuleStateValue | null }
  | { kind: 'presence'; deviceId: string; presence: DevicePresence }
  /**
   * The device was heard from and nothing else changed: only the in-memory last-seen time moves. A heartbeat every
   * few seconds from 20,000 devices must not cost a database commit each (see device-status.rule.ts).
   */
  | { kind: 'seen'; deviceId: string; at: number }
  /** Nothing to do, and why: logged and counted, so a silent rule is never a mystery. */
  | { kind: 'ignore'; reason: string };

export const ignore = (reason: string): Decision => ({ kind: 'ignore', reason });
