import type { AlertType, Priority } from '../../../schemas/index.js';

// What the core asks to be told to people outside the desk. The core says what happened and to whom in terms of
// roles; the app's notifier finds the people (the elder's contacts, the region's supervisors, the responder) and
// sends through the configured channel (a webhook, or only the log in the demo).

export type NotificationTopic =
  /** A life-safety alarm for the elder: their contacts marked `notify` are told. */
  | 'alarm_raised'
  /** Not acknowledged in time: level 1 the desk again, level 2 the region's supervisors. */
  | 'alarm_escalated'
  /** A responder was sent. */
  | 'dispatch_offered'
  /** The desk sent someone else instead: the responder who held the alert need not go. */
  | 'dispatch_withdrawn'
  /** An accepted responder is late. */
  | 'arrival_overdue'
  /** Life-safety alarms are open and no operator is watching the desk. */
  | 'desk_unwatched'
  /** A fall, and no motion or wearable movement since: the elder may be unable to get up. */
  | 'no_movement_after_fall';

export type NotificationAudience = 'elder_contacts' | 'supervisors' | 'responder' | 'desk';

export interface Notification {
  topic: NotificationTopic;
  audience: NotificationAudience;
  elderId: string | null;
  alertId: string | null;
  alertType: AlertType | null;
  priority: Priority | null;
  /** For 'responder': who. */
  responderId?: string;
  /** For escalations: 1 or 2. */
  level?: number;
}
