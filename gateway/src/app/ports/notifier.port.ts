import type { AlertType, Priority } from '../../../../schemas/index.js';
import type { NotificationTopic } from '../../core/notification.js';

// Where notifications leave the gateway: a webhook to the centre's SMS / phone / WeChat gateway, or only the log
// (the demo). The channel gets who and what; it decides how. It must not throw for a delivery failure it handled;
// retrying a failure later is the notification outbox's work (notification-outbox.ts).

export interface Recipient {
  name: string;
  phone: string | null;
  /** 'family', 'supervisor', 'responder' ... */
  role: string;
}

export interface OutboundNotification {
  /** The outbox row's id, the same on every resend: a channel passes it on as the idempotency key. */
  id: string;
  topic: NotificationTopic;
  /** When it was decided, not when this attempt was made. */
  at: string;
  alertId: string | null;
  alertType: AlertType | null;
  priority: Priority | null;
  level: number | null;
  elder: { id: string; name: string; address: string } | null;
  recipients: Recipient[];
  /** A ready-to-send line in Chinese, for channels that just forward text. */
  text: string;
}

export interface NotificationChannel {
  readonly name: string;
  send(notification: OutboundNotification): Promise<'delivered' | 'failed'>;
}
