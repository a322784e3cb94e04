import type { Logger } from 'pino';
import type { NotificationChannel, OutboundNotification } from '../../app/ports/notifier.port.js';

// Notifications POSTed as JSON to the centre's gateway (SMS, voice call, WeChat work), with the outbox row's id as
// the `idempotency-key` header: the same on every resend, so the receiver can drop one it already has. One attempt
// by default: the notification outbox retries with backoff across outages and restarts, and holds its claim on the
// row for longer than this attempt can take (`timeoutMs`). A failure is logged without personal data, never thrown.

export interface WebhookOptions {
  url: string;
  timeoutMs?: number;
  attempts?: number;
  backoffMs?: number;
}

export function createWebhookChannel(options: WebhookOptions, logger: Logger): NotificationChannel {
  const log = logger.child({ module: 'notify-webhook' });
  const attempts = options.attempts ?? 1;
  const timeoutMs = options.timeoutMs ?? 5000;
  const backoffMs = options.backoffMs ?? 500;

  return {
    name: 'webhook',
    async send(n: OutboundNotification) {
      for (let attempt = 1; attempt <= attempts; attempt++) {
        try {
          const response = await fetch(options.url, {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'idempotency-key': n.id },
            body: JSON.stringify(n),
            signal: AbortSignal.timeout(timeoutMs),
          });
          if (response.ok) return 'delivered';
          log.warn({ notificationId: n.id, status: response.status, attempt }, 'webhook refused the notification');
          // A 4xx will not get better by resending at once; the outbox still retries it later, within its time.
          if (response.status < 500) return 'failed';
        } catch (err) {
          log.warn({ notificationId: n.id, attempt, err: (err as Error).message }, 'webhook not reached');
        }
        if (attempt < attempts) await new Promise((r) => setTimeout(r, backoffMs * 2 ** (attempt - 1)));
      }
      log.warn({ notificationId: n.id, topic: n.topic }, 'notification not delivered by the webhook');
      return 'failed';
    },
  };
}
