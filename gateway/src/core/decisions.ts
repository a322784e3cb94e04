import type { Alert, TimelineEntry } from './alert.js';

// What a rule decides; the app carries decisions out. A rule never performs I/O itself.

export type AlertDecision =
  | { kind: 'raise'; alert: Alert; entry: TimelineEntry }
  | { kind: 'update'; alert: Alert; entry: TimelineEntry; previousStatus: Alert['status'] }
  | { kind: 'ignore'; reason: IgnoreReason };

export type IgnoreReason = 'no_alert_to_cancel' | 'cancel_window_passed';
